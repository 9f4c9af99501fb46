import Foundation

/// The cases available to the program: the bundled folder plus any extra folders.
public struct ScenarioLibrary: Sendable {
    public var scenarios: [Scenario]
    /// Files that failed to load, with their problems.
    public var broken: [(path: String, issues: [ScenarioIssue])]
    public var folders: [String]

    /// Loads every `*.yaml`/`*.yml` file of the folders, in name order; a broken file is set aside, not fatal.
    public static func load(folders: [String]) -> ScenarioLibrary {
        var out: [Scenario] = []
        var broken: [(String, [ScenarioIssue])] = []
        var seen = Set<String>()
        let fm = FileManager.default
        for dir in folders {
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = (dir as NSString).appendingPathComponent(name)
                do {
                    let s = try ScenarioLoader.load(path: path)
                    if seen.insert(s.id).inserted { out.append(s) }
                } catch let e as ScenarioErrors {
                    broken.append((path, e.issues))
                } catch {
                    broken.append((path, [ScenarioIssue(file: path, location: .init(line: 1, column: 1), message: "\(error)")]))
                }
            }
        }
        return ScenarioLibrary(scenarios: out, broken: broken, folders: folders)
    }

    public func scenario(id: String) -> Scenario? { scenarios.first { $0.id == id } }
    public var ids: [String] { scenarios.map(\.id) }

    /// The folders to search: explicit ones first, then `MLSD_SCENARIOS`, then the bundled folder.
    public static func folders(extra: [String], environment: [String: String], executablePath: String) -> [String] {
        var dirs = extra
        if let env = environment["MLSD_SCENARIOS"], !env.isEmpty {
            dirs += env.split(separator: ":").map(String.init)
        }
        if let bundled = bundledFolder(executablePath: executablePath) { dirs.append(bundled) }
        var seen = Set<String>()
        return dirs.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }

    /// `PREFIX/share/mlsd/Scenarios` for an installed binary, or the checkout's `Scenarios/` for a build.
    public static func bundledFolder(executablePath: String) -> String? {
        let exe = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [exe.appendingPathComponent("../share/mlsd/Scenarios").standardizedFileURL.path]
        var dir = exe
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("Scenarios").path)
            dir = dir.deletingLastPathComponent()
        }
        // The checkout this binary was built from.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Scenarios").standardizedFileURL.path
        candidates.append(source)
        var isDir: ObjCBool = false
        return candidates.first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue }
    }
}
