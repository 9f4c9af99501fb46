import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
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

    /// The folders searched, in order.
    func folders() -> [String] {
        ScenarioLibrary.folders(extra: extra, environment: EnvironmentVariables.process, executablePath: executablePath())
    }

    func library() -> ScenarioLibrary {
        ScenarioLibrary.load(folders: folders(), cache: ScenarioCache.standard(environment: EnvironmentVariables.process), reader: caseReader())
    }

    /// A case by id, or exits with the list of valid ids.
    func scenario(_ id: String) throws -> Scenario {
        // Start-up path: a case is normally in ID.yaml, so try that before reading every file.
        let cache = ScenarioCache.standard(environment: EnvironmentVariables.process)
        for dir in folders() where !id.utf8.contains(UInt8(ascii: "/")) {
            let path = dir.hasSuffix("/") ? dir + id + ".yaml" : dir + "/" + id + ".yaml"
            if access(path, F_OK) == 0, let s = try? caseReader().read(path: path, cache: cache), s.id == id { return s }
        }
        let lib = library()
        if let s = lib.scenario(id: id) { return s }
        if access(id, F_OK) == 0, id.hasSuffix(".yaml") || id.hasSuffix(".yml") {
            do { return try caseReader().read(path: id) } catch {
                printError(error.description)
                throw ExitStatus.invalidScenario.code
            }
        }
        if let bad = lib.broken.first(where: { $0.path.lastPathPart.hasPrefix(id + ".") }) {
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

/// Says which case files were set aside. When they all failed for one reason that is not in
/// them (the helper that reads them is missing, say), says it once.
func reportSkipped(_ lib: ScenarioLibrary) {
    let firsts = lib.broken.compactMap(\.issues.first)
    if firsts.count > 1, firsts.count == lib.broken.count,
       firsts.allSatisfy({ $0.message == firsts[0].message && $0.location == SourceLocation(line: 1, column: 1) }) {
        printError("mlsd: skipped \(firsts.count) case files: \(firsts[0].message)" + (firsts[0].fix.isEmpty ? "" : "\n    fix: \(firsts[0].fix)"))
        return
    }
    for b in lib.broken {
        printError("mlsd: skipped \(b.path): \(b.issues.count) problem(s); run `mlsd scenarios validate \(b.path)`")
    }
}

/// Reads case files through the helper `mlsd-yaml` installed with this program (only files that
/// are new or changed reach it: see `ScenarioCache`).
/// The helper is looked for only when a file is to be read, not on a start that the cache serves.
func caseReader() -> some CaseFileReader { BundledCaseReader() }

struct BundledCaseReader: CaseFileReader {
    func read(_ paths: [String]) -> [Result<Scenario, ScenarioErrors>] {
        guard !paths.isEmpty else { return [] }
        return HelperCaseReader.beside(executablePath: executablePath()).read(paths)
    }
}

/// The path of the running executable (for finding the bundled cases).
func executablePath() -> String {
    var buf = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buf, buf.count - 1)
    if n > 0 { return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return CommandLine.arguments[0]
}
