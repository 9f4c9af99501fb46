import Foundation
import InterviewKit
import Yams

/// Reads case files in this process, several at once (see `CaseFileReader`). The helper
/// program `mlsd-yaml` is this reader; tests and the bench use it directly.
public struct YAMLCaseReader: CaseFileReader {
    public init() {}

    public func read(_ paths: [String]) -> [Result<Scenario, ScenarioErrors>] {
        let results = LoadResults(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let r: Result<Scenario, ScenarioErrors>
            do { r = .success(try ScenarioLoader.load(path: paths[i])) } catch let e as ScenarioErrors { r = .failure(e) } catch {
                r = .failure(ScenarioErrors([ScenarioIssue(file: paths[i], location: .init(line: 1, column: 1), message: "\(error)")]))
            }
            results.set(i, r)
        }
        return results.all.map { $0! }
    }
}

/// Results of loading files in parallel, one slot per file.
private final class LoadResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Scenario, ScenarioErrors>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<Scenario, ScenarioErrors>) { lock.lock(); slots[i] = r; lock.unlock() }
    var all: [Result<Scenario, ScenarioErrors>?] { lock.lock(); defer { lock.unlock() }; return slots }
}

/// Reads scenario YAML into a `Scenario`, collecting every problem with its line and column.
public enum ScenarioLoader {
    /// Files larger than this are refused before parsing (a scenario is a few tens of kilobytes).
    public static let maxFileBytes = 2_000_000

    /// Loads and validates one file; throws `ScenarioErrors` listing every problem.
    public static func load(path: String) throws -> Scenario {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioErrors([ScenarioIssue(file: path, location: .init(line: 1, column: 1),
                                                message: "cannot read the file (\(Self.reason(error)))",
                                                fix: "check the path and that the file is readable")])
        }
        if data.count > maxFileBytes {
            throw ScenarioErrors([ScenarioIssue(file: path, location: .init(line: 1, column: 1),
                                                message: "the file is \(data.count) bytes; a scenario may be at most \(maxFileBytes)",
                                                fix: "split it or remove what is not a scenario")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioErrors([ScenarioIssue(file: path, location: .init(line: 1, column: 1),
                                                message: "the file is not valid UTF-8 text",
                                                fix: "save it as UTF-8")])
        }
        var s = try parse(text, file: path)
        s.sourcePath = path
        return s
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return u.localizedDescription }
        return ns.localizedDescription
    }

    /// Parses and validates YAML text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws -> Scenario {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)   // every scalar as text: the reader types them itself
        } catch let e as YamlError {
            throw ScenarioErrors([yamlIssue(e, file: file)])
        } catch {
            throw ScenarioErrors([ScenarioIssue(file: file, location: .init(line: 1, column: 1), message: "\(error)")])
        }
        guard let root = node else {
            throw ScenarioErrors([ScenarioIssue(file: file, location: .init(line: 1, column: 1),
                                                message: "the file is empty", fix: "run `mlsd scenarios new ID` for a template")])
        }
        var reader = ScenarioReader(file: file)
        let scenario = reader.scenario(root)
        if !reader.issues.isEmpty || scenario == nil {
            throw ScenarioErrors(reader.issues.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
        return scenario!
    }

    static func yamlIssue(_ e: YamlError, file: String) -> ScenarioIssue {
        switch e {
        case .scanner(let ctx, let problem, let mark, _), .parser(let ctx, let problem, let mark, _),
             .composer(let ctx, let problem, let mark, _):
            var msg = "YAML syntax: \(problem)"
            if let c = ctx { msg += " (\(c.text) at \(c.mark.line):\(c.mark.column))" }
            return ScenarioIssue(file: file, location: .init(line: mark.line, column: mark.column), message: msg,
                                 fix: yamlFix(problem))
        case .reader(let problem, let offset, _, let yaml):
            var loc = SourceLocation(line: 1, column: 1)
            if let off = offset {
                let prefix = yaml.utf8.prefix(off)
                let line = prefix.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                let col = prefix.count - (prefix.lastIndex(of: 10).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
                loc = SourceLocation(line: line, column: col)
            }
            return ScenarioIssue(file: file, location: loc, message: "cannot read the YAML: \(problem)", fix: "remove control characters and save as UTF-8")
        default:
            return ScenarioIssue(file: file, location: .init(line: 1, column: 1), message: "YAML error: \(e)")
        }
    }

    static func yamlFix(_ problem: String) -> String {
        if problem.contains("tab") { return "indent with spaces, not tabs" }
        if problem.contains("mapping values") { return "quote text that contains \": \" (for example ask: \"Why: now?\")" }
        if problem.contains("indentation") || problem.contains("expected <block end>") { return "line the key up with its siblings" }
        if problem.contains("found character that cannot start") { return "quote the text (it starts with a character YAML reserves, such as ` or @)" }
        return "check the indentation and quoting on this line and the one before"
    }
}

extension String {
    /// The text without leading and trailing white space (Foundation's trimming bridges to NSString, slowly).
    var trimmedText: String {
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        let u = utf8
        guard let a = u.firstIndex(where: { !space($0) }) else { return "" }
        let b = u.lastIndex(where: { !space($0) })!
        return String(self[a...b])
    }
}
