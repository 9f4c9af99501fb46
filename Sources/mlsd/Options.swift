import ArgumentParser
import Foundation
import InterviewKit

/// Where to find cases; shared by every command that needs them.
struct LibraryOptions: ParsableArguments {
    @Option(name: .customLong("scenarios"), help: ArgumentHelp("An extra folder of case files (repeatable; also MLSD_SCENARIOS=DIR:DIR).", valueName: "DIR"))
    var folders: [String] = []

    var cases: CaseFolders { CaseFolders(extra: folders) }
    func library() -> ScenarioLibrary { cases.library() }
    func scenario(_ id: String) throws -> Scenario { try cases.scenario(id) }
}

/// The case folders: the bundled ones, MLSD_SCENARIOS and any `--scenarios DIR`.
struct CaseFolders: Equatable {
    var extra: [String] = []

    func library() -> ScenarioLibrary {
        let env = EnvironmentVariables.process
        let dirs = ScenarioLibrary.folders(extra: extra, environment: env, executablePath: executablePath())
        return ScenarioLibrary.load(folders: dirs, cache: ScenarioCache.standard(environment: env))
    }

    /// A case by id, or exits with the list of valid ids.
    func scenario(_ id: String) throws -> Scenario {
        // Start-up path: a case is normally in ID.yaml, so try that before reading every file.
        let env = EnvironmentVariables.process
        let dirs = ScenarioLibrary.folders(extra: extra, environment: env, executablePath: executablePath())
        let cache = ScenarioCache.standard(environment: env)
        for dir in dirs where !id.utf8.contains(UInt8(ascii: "/")) {
            let path = dir.hasSuffix("/") ? dir + id + ".yaml" : dir + "/" + id + ".yaml"
            if let s = try? ScenarioLoader.load(path: path, cache: cache), s.id == id { return s }
        }
        let lib = library()
        if let s = lib.scenario(id: id) { return s }
        if FileManager.default.fileExists(atPath: id), id.hasSuffix(".yaml") || id.hasSuffix(".yml") {
            do { return try ScenarioLoader.load(path: id) } catch let e as ScenarioErrors {
                printError(e.description)
                throw ExitStatus.invalidScenario.code
            }
        }
        if let bad = lib.broken.first(where: { ($0.path as NSString).lastPathComponent.hasPrefix(id + ".") }) {
            printError("mlsd: the case `\(id)` cannot be used:")
            printError(bad.issues.map(\.description).joined(separator: "\n"))
            throw ExitStatus.invalidScenario.code
        }
        printError("mlsd: no case `\(id)`. Valid ids: \(lib.ids.joined(separator: ", "))")
        if lib.scenarios.isEmpty { printError("  (no case files found in: \(lib.folders.joined(separator: ", ")); pass --scenarios DIR)") }
        printError("  List them with `mlsd scenarios list`.")
        throw ExitStatus.unknownCase.code
    }
}

/// The path of the running executable (for finding the bundled cases).
func executablePath() -> String {
    var buf = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buf, buf.count - 1)
    if n > 0 { return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return CommandLine.arguments[0]
}
