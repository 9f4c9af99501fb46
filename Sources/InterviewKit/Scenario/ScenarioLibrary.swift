#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cases available to the program: the bundled folder plus any extra folders.
public struct ScenarioLibrary: Sendable {
    public var scenarios: [Scenario]
    /// Files that failed to load, with their problems.
    public var broken: [(path: String, issues: [ScenarioIssue])]
    public var folders: [String]

    /// Loads every `*.yaml`/`*.yml` file of the folders, in name order; a broken file is set aside, not fatal.
    public static func load(folders: [String], cache: ScenarioCache? = nil, reader: any CaseFileReader) -> ScenarioLibrary {
        var out: [Scenario] = []
        var broken: [(String, [ScenarioIssue])] = []
        var seen = Set<String>()
        let paths = caseFiles(in: folders)
        for (path, r) in zip(paths, reader.read(paths, cache: cache)) {
            switch r {
            case .success(let s): if seen.insert(s.id).inserted { out.append(s) }
            case .failure(let e): broken.append((path, e.issues))
            }
        }
        return ScenarioLibrary(scenarios: out, broken: broken, folders: folders)
    }

    /// The `*.yaml` and `*.yml` files of the folders, each folder's in name order.
    public static func caseFiles(in folders: [String]) -> [String] {
        folders.flatMap { dir in
            (Directory.names(dir) ?? []).sorted()
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .map { dir.hasSuffix("/") ? dir + $0 : dir + "/" + $0 }
        }
    }

    public func scenario(id: String) -> Scenario? { scenarios.first { $0.id == id } }
    public var ids: [String] { scenarios.map(\.id) }

    /// The folders to search: explicit ones first, then `MLSD_SCENARIOS`, then the bundled folder.
    public static func folders(extra: [String], environment: EnvironmentVariables, executablePath: String) -> [String] {
        var dirs = extra
        if let env = environment["MLSD_SCENARIOS"], !env.isEmpty {
            dirs += env.split(separator: ":").map(String.init)
        }
        if let bundled = bundledFolder(executablePath: executablePath) { dirs.append(bundled) }
        // One folder (the usual start: the bundled one, already resolved) has nothing to repeat.
        guard dirs.count > 1 else { return dirs }
        // The same folder named twice (or through a link) is read once. A few folders: a list
        // does, and `realpath` costs far less than Foundation's path standardising.
        var seen: [String] = []
        return dirs.filter { d in
            let key = realPath(d) ?? d
            if seen.contains(key) { return false }
            seen.append(key)
            return true
        }
    }

    /// `PREFIX/share/mlsd/Scenarios` for an installed binary, or the checkout's `Scenarios/` for a build.
    /// (Plain system calls: this runs on every start, where Foundation's URL and FileManager
    /// paths cost a few hundred microseconds the first time.)
    public static func bundledFolder(executablePath: String) -> String? {
        let bin = parent(realPath(executablePath) ?? executablePath)
        var candidates = [bin + "/../share/mlsd/Scenarios"]
        var dir = bin
        for _ in 0..<5 {
            candidates.append(dir + "/Scenarios")
            dir = parent(dir)
        }
        // The checkout this binary was built from.
        candidates.append(parent(#filePath) + "/../../../Scenarios")
        // One stat each (realpath reads every link of the path: six system calls a candidate);
        // only the folder found is resolved.
        for c in candidates where isDirectory(c) {
            if let real = realPath(c) { return real }
        }
        return nil
    }

    /// The path with symbolic links and `.`/`..` resolved, or nil when it does not exist.
    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    static func isDirectory(_ p: String) -> Bool {
        var st = stat()
        return stat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The folder a path is in ("/" for "/" and for a top-level name).
    static func parent(_ p: String) -> String {
        guard let slash = p.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        let head = String(p[..<slash])
        return head.isEmpty ? "/" : head
    }
}
