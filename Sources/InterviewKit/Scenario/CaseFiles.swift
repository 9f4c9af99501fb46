#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads case files and checks them: each becomes a `Scenario`, or the list of its problems.
///
/// There are two readers. `ScenarioYAML.YAMLCaseReader` parses the YAML in this process; it
/// needs Yams, and through it the whole of Foundation. `HelperCaseReader` asks the helper
/// program `mlsd-yaml` (which is that reader and nothing else) instead, so that `mlsd` itself
/// links neither: Foundation's start-up alone would cost it about 0.3 ms and a hundred page
/// faults on every run, and with the case cache the YAML is read only when a file changes.
public protocol CaseFileReader: Sendable {
    /// Every file read and checked, in the order given.
    func read(_ paths: [String]) -> [Result<Scenario, ScenarioErrors>]
}

extension CaseFileReader {
    /// One file: its case, or its problems thrown as `ScenarioErrors`.
    public func read(path: String) throws(ScenarioErrors) -> Scenario {
        try read([path])[0].get()
    }

    /// Every file, through `cache` when given: only new and changed files are read.
    public func read(_ paths: [String], cache: ScenarioCache?) -> [Result<Scenario, ScenarioErrors>] {
        guard let cache else { return read(paths) }
        return cache.load(paths, reader: self)
    }

    /// One file, through `cache` when given.
    public func read(path: String, cache: ScenarioCache?) throws(ScenarioErrors) -> Scenario {
        try read([path], cache: cache)[0].get()
    }
}

/// What `mlsd-yaml` writes to its standard output: for each file, in the order given, a tag
/// byte (1: the case in `ScenarioBinary` form; 2: its problems), a varint length and that many
/// bytes. Problems are a count, then for each the file, line, column, message and fix.
public enum CaseFileAnswers {
    public static func encode(_ r: Result<Scenario, ScenarioErrors>) -> [UInt8] {
        var body = ScenarioBinary.Writer()
        let tag: UInt8
        switch r {
        case .success(let s):
            tag = 1
            body.bytes = ScenarioBinary.encode(s)
        case .failure(let e):
            tag = 2
            body.array(e.issues) { w, i in
                w.string(i.file); w.int(i.location.line); w.int(i.location.column); w.string(i.message); w.string(i.fix)
            }
        }
        var out = ScenarioBinary.Writer()
        out.byte(tag)
        out.int(body.bytes.count)
        out.bytes += body.bytes
        return out.bytes
    }

    /// The answers, or nil when the bytes are not a well-formed list of answers.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> [Result<Scenario, ScenarioErrors>]? {
        var r = ScenarioBinary.Reader(bytes)
        var out: [Result<Scenario, ScenarioErrors>] = []
        while !r.atEnd {
            guard let tag = r.byte(), let n = r.int(), n >= 0, n <= bytes.count - r.at else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: bytes[r.at..<(r.at + n)])
            r.at += n
            switch tag {
            case 1:
                guard let s = ScenarioBinary.decode(body) else { return nil }
                out.append(.success(s))
            case 2:
                var b = ScenarioBinary.Reader(body)
                guard let issues = b.array({ b -> ScenarioIssue? in
                    guard let file = b.string(), let line = b.int(), let column = b.int(), let message = b.string(),
                          let fix = b.string() else { return nil }
                    return ScenarioIssue(file: file, location: SourceLocation(line: line, column: column), message: message, fix: fix)
                }), b.atEnd, !issues.isEmpty else { return nil }
                out.append(.failure(ScenarioErrors(issues)))
            default:
                return nil
            }
        }
        return out
    }
}

/// Reads case files by running the helper program `mlsd-yaml` on them (one run for all).
public struct HelperCaseReader: CaseFileReader {
    /// The helper's path; nil when it was not found (every file then fails, saying so).
    public let helper: String?
    /// Where it was looked for, for the message when it is missing.
    public let searched: [String]

    public init(helper: String?, searched: [String] = []) {
        self.helper = helper
        self.searched = searched
    }

    /// The program's name.
    public static let name = "mlsd-yaml"

    /// The helper that belongs with the program at `executablePath`: beside it (a build
    /// folder, or a `bin` it was copied to), or in `../libexec/mlsd/` (as `make install` puts it).
    public static func beside(executablePath: String) -> HelperCaseReader {
        let dir = ScenarioLibrary.parent(ScenarioLibrary.realPath(executablePath) ?? executablePath)
        let candidates = [dir + "/" + name, dir + "/../libexec/mlsd/" + name]
        for c in candidates where access(c, X_OK) == 0 {
            return HelperCaseReader(helper: c, searched: candidates)
        }
        return HelperCaseReader(helper: nil, searched: candidates)
    }

    public func read(_ paths: [String]) -> [Result<Scenario, ScenarioErrors>] {
        guard !paths.isEmpty else { return [] }
        guard let helper else {
            return fail(paths, "cannot read case files: the program `\(Self.name)` that reads them is missing (looked for \(searched.joined(separator: " and ")))",
                        fix: "build it with `swift build --product \(Self.name)` (`make build` does), or install again with `make install`")
        }
        switch Self.run(helper, arguments: paths) {
        case .failure(let why):
            return fail(paths, "cannot read case files: `\(helper)` \(why)", fix: "build it again (`make build`) or install again (`make install`)")
        case .success(let bytes):
            guard var answers = bytes.withUnsafeBytes(CaseFileAnswers.decode), answers.count == paths.count else {
                return fail(paths, "cannot read case files: `\(helper)` answered in a form this program does not know",
                            fix: "it belongs to another build: build both again (`make build`) or install again (`make install`)")
            }
            for i in answers.indices {
                if case .success(var s) = answers[i] {
                    s.sourcePath = paths[i]
                    answers[i] = .success(s)
                }
            }
            return answers
        }
    }

    func fail(_ paths: [String], _ message: String, fix: String) -> [Result<Scenario, ScenarioErrors>] {
        paths.map { .failure(ScenarioErrors([ScenarioIssue(file: $0, location: SourceLocation(line: 1, column: 1), message: message, fix: fix)])) }
    }

    /// Runs `program` with `arguments` (standard input from /dev/null, standard error shared)
    /// and returns everything it wrote to standard output, or why that failed.
    static func run(_ program: String, arguments: [String]) -> Result<[UInt8], RunFailure> {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return .failure(RunFailure("could not be started (no pipe: \(FileError(errno)))")) }
        // Not inherited by anything else this program may start meanwhile.
        _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // The helper starts with the default signal dispositions and no blocked signals,
        // whatever this program has set for itself.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all); sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        guard started == 0 else { return .failure(RunFailure("could not be started (\(String(cString: strerror(started))))")) }

        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(pipeEnds[0], $0.baseAddress, $0.count) }
            if n > 0 { out += chunk[..<n]; continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        if signal != 0 { return .failure(RunFailure("stopped on signal \(signal)")) }
        let code = (status >> 8) & 0xFF
        if code != 0 { return .failure(RunFailure("failed (exit status \(code))")) }
        return .success(out)
    }

    struct RunFailure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}

/// The C library's `read` (inside a type, `read` names the type's own method).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
