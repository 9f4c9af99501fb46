import ArgumentParser
import CursesTerminal
import FoundationEssentials
import Glibc
import InterviewKit
import MockUI
import TerminalKit

// MARK: - finding recordings

extension SessionStore {
    /// A stem no report or recording in the folder uses yet.
    func recordingStem(for caseID: String, date: Date = Date()) -> String {
        var stem = self.stem(for: caseID, date: date)
        var n = 2
        let base = stem
        while FileManager.default.fileExists(atPath: recordingPath(stem: stem)) || FileManager.default.fileExists(atPath: "\(folder)/\(stem).md") {
            stem = "\(base)-\(n)"; n += 1
        }
        return stem
    }

    func recordingPath(stem: String) -> String { "\(folder)/\(stem).\(RecordingFormat.fileExtension)" }

    /// Session files in the folder, newest first (by name, which starts with the date and time,
    /// then by modification time).
    func recordings() -> [String] {
        let ext = "." + RecordingFormat.fileExtension
        guard let names = Directory.names(folder) else { return [] }
        let paths = names.filter { $0.hasSuffix(ext) && !$0.hasPrefix(".") }.map { "\(folder)/\($0)" }
        func mtime(_ p: String) -> Double {
            var st = stat()
            return stat(p, &st) == 0 ? Double(st.st_mtim.tv_sec) : 0
        }
        return paths.map { ($0, mtime($0)) }.sorted { ($0.1, $0.0) > ($1.1, $1.0) }.map(\.0)
    }

    /// The newest recording, when its session was interrupted (not ended).
    func interruptedSession() -> RecordingReader.Summary? {
        // A session another mlsd is recording right now is not interrupted.
        guard let newest = recordings().first, !RecordingReader.endsFinished(path: newest), !RecordingReader.inUse(path: newest),
              let s = try? RecordingReader.summary(path: newest) else { return nil }
        return s.finished ? nil : s
    }

    /// A recording named on the command line: a path, a name in the sessions folder, or `last`.
    func resolve(_ name: String) throws -> String {
        if name == "last" || name == "latest" {
            if let p = recordings().first { return p }
            printError("mlsd: no recorded sessions in \(folder)")
            printError("  Practise first (`mlsd practice`), or name a session file.")
            throw ExitStatus.io.code
        }
        if FileManager.default.fileExists(atPath: name) { return name }
        for candidate in ["\(folder)/\(name)", "\(folder)/\(name).\(RecordingFormat.fileExtension)"] where !name.contains("/") {
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        printError("mlsd: no session file \(SafeText.visible(name))")
        printError("  `mlsd sessions` lists the recorded sessions (in \(folder)); `last` names the newest.")
        throw ExitStatus.io.code
    }
}

/// Reads a recording for a command; prints what was skipped; exits 6 when it cannot be used.
func loadRecording(_ path: String, quiet: Bool = false) throws -> Recording {
    do {
        let r = try RecordingReader.read(path: path)
        if !quiet {
            // a cut last line is what an interrupted session leaves: a note, not a warning
            for w in r.warnings { printError("mlsd: \(w.contains("cut short") ? "note" : "warning"): " + SafeText.visible(w)) }
        }
        return r
    } catch {
        printError("mlsd: " + SafeText.visible(error.description))
        if error.fix.isEmpty { printError("  The file is damaged or is not an mlsd session.") }
        throw ExitStatus.badRecording.code
    }
}

/// Folds a recording (refusing one that asks for an absurd amount of work).
func makeReplay(_ r: Recording, coach: CoachNotes? = nil, idleLimit: Double? = Replay.defaultIdleLimit) throws -> Replay {
    do { return try Replay(recording: r, coach: coach, idleLimit: idleLimit) } catch {
        printError("mlsd: \(r.path): event \(error.eventIndex + 1) (line \(error.eventIndex + 2) or later): the recording asks for far more text processing than any real session")
        printError("  The file is damaged or hostile; it is not replayed.")
        throw ExitStatus.badRecording.code
    }
}

/// A local date and time for a header's UTC timestamp.
func localDate(_ iso: String) -> String {
    guard let d = RecordingFormat.date(iso8601: iso) else { return SafeText.visible(iso) }
    return localTime(d, "%Y-%m-%d %H:%M")
}

/// Where recordings are looked for by the session commands.
struct SessionFolderOption: ParsableArguments {
    @Option(name: .customLong("sessions-dir"), help: ArgumentHelp("The sessions folder (default: $XDG_DATA_HOME/mlsd/sessions).", valueName: "DIR"))
    var folder: String?

    var store: SessionStore { folder.map { SessionStore(folder: $0) } ?? SessionStore() }
}

extension SessionStore {
    /// A store over a given folder (`--sessions-dir`).
    init(folder: String) { self.folder = folder }
}

// MARK: - mlsd sessions

/// `mlsd sessions`: the recorded sessions, newest first.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List the recorded sessions, newest first.",
        discussion: """
        Every practice session is recorded in $XDG_DATA_HOME/mlsd/sessions (default
        ~/.local/share/mlsd/sessions). Each line: when it began, the case, the
        interview time used, whether it finished, was interrupted or is being recorded
        right now by another mlsd, the score (the coach's mean when a coach scored it,
        else the automatic estimate), and the file.

        Examples:
          mlsd sessions
          mlsd show last            the newest session as text
          mlsd practice --resume    continue the newest interrupted session
        """)
    @OptionGroup var sessions: SessionFolderOption

    func run() throws {
        let store = sessions.store
        let files = store.recordings()
        if files.isEmpty {
            print("No recorded sessions in \(store.folder).")
            print("Practise with `mlsd practice`; every session is recorded there.")
            return
        }
        print("DATE              CASE                          LENGTH         STATE        SCORE      FILE")
        for path in files {
            let name = SafeText.visible(path.lastPathPart)
            guard let r = try? RecordingReader.read(path: path), let replay = try? Replay(recording: r, idleLimit: nil) else {
                print("?                 (cannot be read)                                                     \(name)")
                continue
            }
            let report = replay.report
            var score = "–"
            if let c = try? CoachNotes.load(forRecording: path), case let rated = c.scores.filter({ $0.score > 0 }), !rated.isEmpty {
                score = decimals(Double(rated.reduce(0) { $0 + $1.score }) / Double(rated.count), 1) + " coach"
            } else if !report.rubric.isEmpty {
                score = decimals(Double(report.rubric.reduce(0) { $0 + $1.score }) / Double(report.rubric.count), 1) + " auto"
            }
            let length = "\(Report.clock(report.elapsed)) of \(report.minutes)m"
            let state = r.finished ? "finished" : (RecordingReader.inUse(path: path) ? "recording" : "interrupted")
            print(col(localDate(r.header.created), 18) + col(SafeText.visible(r.scenario.id), 30) + col(length, 15) + col(state, 13) + col(score, 11) + name)
        }
    }

    func col(_ s: String, _ n: Int) -> String { s.count >= n ? String(s.prefix(n - 1)) + " " : s + String(repeating: " ", count: n - s.count) }
}

// MARK: - mlsd show

/// `mlsd show FILE [--at MM:SS]`: a moment of a session as plain text.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a recorded session at a moment as plain text.",
        discussion: """
        The stage, the clocks, the time per stage, the follow-ups and questions so
        far, and the notes of every stage as they were. Times are recording time
        (pauses included), as in the replay console. Text from the recording is
        printed with control characters made visible.

        Examples:
          mlsd show last
          mlsd show 2026-11-21-083000-video-recommendation --at 12:30
        """)
    @OptionGroup var sessions: SessionFolderOption
    @Argument(help: ArgumentHelp("The session file (a path, a name from `mlsd sessions`, or `last`).", valueName: "FILE")) var file: String
    @Option(help: ArgumentHelp("The moment, as MM:SS or H:MM:SS (default: the end).", valueName: "MM:SS")) var at: String?

    func run() throws {
        let path = try sessions.store.resolve(file)
        let r = try loadRecording(path)
        let replay = try makeReplay(r, idleLimit: nil)
        var t = r.duration
        if let a = at {
            guard let v = SessionText.parseTime(a) else {
                printError("mlsd: --at \(SafeText.visible(a)) is not a time; write MM:SS, like --at 12:30")
                throw ExitStatus.usage.code
            }
            if v > r.duration { printError("mlsd: note: the recording ends at \(Report.clock(r.duration)); showing the end") }
            t = min(v, r.duration)
        }
        let s = replay.snapshots.state(after: replay.snapshots.count(atOrBefore: t))
        print(SessionText.describe(r, session: s, at: t), terminator: "")
    }
}

// MARK: - mlsd report

/// `mlsd report FILE`: the report, regenerated from the recording.
struct ReportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json }
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the report of a recorded session, regenerated from the recording.",
        discussion: """
        Examples:
          mlsd report last
          mlsd report last --format json | jq .rubric
          mlsd report FILE --coach        the coach's report (scores and comments) with it
        """)
    @OptionGroup var sessions: SessionFolderOption
    @Argument(help: ArgumentHelp("The session file (a path, a name from `mlsd sessions`, or `last`).", valueName: "FILE")) var file: String
    @Option(help: "markdown (for people) or json (for tools).") var format: Format = .markdown
    @Flag(help: "The coach's report: the coach's scores and comments beside the automatic report (Markdown).") var coach = false

    func run() throws {
        let path = try sessions.store.resolve(file)
        let r = try loadRecording(path)
        let replay = try makeReplay(r, idleLimit: nil)
        let report = replay.report
        if coach {
            let notes: CoachNotes?
            do { notes = try CoachNotes.load(forRecording: path) } catch {
                printError("mlsd: " + SafeText.visible(error.description))
                throw ExitStatus.badRecording.code
            }
            print(notes?.markdown(report: report, recording: r) ?? CoachNotes(recording: path.lastPathPart).markdown(report: report, recording: r), terminator: "")
            return
        }
        switch format {
        case .markdown: print(SafeText.visible(report.markdown(date: localDate(r.header.created)), keepNewlines: true), terminator: "")
        case .json: print(report.json())
        }
    }
}

// MARK: - mlsd export

/// `mlsd export FILE --format cast`: the session as an asciicast v2 file (and, with the sketch, its diagram).
struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case cast
        // The sketch's exports (plain text, Mermaid, Graphviz DOT): see `sketchExport`.
        case text, mermaid, dot
    }
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a recorded session: an asciicast v2 file, or the architecture sketch.",
        discussion: """
        --format cast writes an asciicast v2 file that shows the session as the
        candidate saw it (the practice screen drawn at a fixed size), with stage
        changes, follow-ups, hints, questions and pauses as markers. Play it with
        `asciinema play OUT` or the asciinema web player. --format text, mermaid or
        dot export the architecture sketch as it was at the end. Without -o the
        output goes to standard output, or beside the recording when standard output
        is a terminal.

        Examples:
          mlsd export last --format cast -o interview.cast
          mlsd export FILE --format cast --size 120x36 --idle-limit 1
          mlsd export last --format mermaid -o design.mmd
          mlsd export last --format dot | dot -Tsvg > design.svg
        """)
    @OptionGroup var sessions: SessionFolderOption
    @Argument(help: ArgumentHelp("The session file (a path, a name from `mlsd sessions`, or `last`).", valueName: "FILE")) var file: String
    @Option(help: "cast (asciicast v2); text, mermaid or dot export the sketch.") var format: Format
    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write (`-` for standard output).", valueName: "OUT")) var output: String?
    @Option(help: ArgumentHelp("The screen size of the cast, COLSxROWS (60x18 to 300x100).", valueName: "COLSxROWS")) var size: String = "100x30"
    @Option(name: .customLong("idle-limit"), help: ArgumentHelp("The cast's idle_time_limit in seconds (0: none).", valueName: "SECONDS")) var idleLimit: Double = 2
    @Flag(help: "Draw with plain ASCII instead of Unicode box characters (cast and text).") var ascii = false

    func parsedSize() throws -> Size {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (60...300).contains(w), (18...100).contains(h) else {
            throw ValidationError("--size must be COLSxROWS from 60x18 to 300x100 (got \(size))")
        }
        return Size(width: w, height: h)
    }

    func validate() throws {
        _ = try parsedSize()
        if !idleLimit.isFinite || idleLimit < 0 { throw ValidationError("--idle-limit must be 0 or more seconds") }
    }

    func run() throws {
        let path = try sessions.store.resolve(file)
        let r = try loadRecording(path)
        let replay = try makeReplay(r, idleLimit: nil)   // refuses a hostile file before drawing it
        let ext: String
        var body: ((String) -> Void) throws -> Void
        switch format {
        case .cast:
            ext = "cast"
            let opts = ReplayCast.Options(size: try parsedSize(), glyphs: ascii ? .ascii : .unicode,
                                          idleTimeLimit: idleLimit > 0 ? idleLimit : nil,
                                          timestamp: RecordingFormat.date(iso8601: r.header.created).map { Int($0.timeIntervalSince1970) })
            body = { out in ReplayCast.render(r, options: opts, to: out) }
        case .text, .mermaid, .dot:
            let f = SketchExport.Format(rawValue: format.rawValue)!
            ext = f.fileExtension
            let sketch = replay.snapshots.final.sketch
            if sketch.isEmpty { printError("mlsd: note: the session has no sketch; the export is empty") }
            let text = SketchExport.render(sketch, format: f, ascii: ascii)
            // Labels were cleaned when drawn; this keeps a hostile file's text inert all the same.
            body = { out in out(SafeText.visible(text, keepNewlines: true)) }
        }
        var target = output
        if target == nil && isatty(1) == 1 {
            let stem = path.hasSuffix("." + RecordingFormat.fileExtension) ? String(path.dropLast(RecordingFormat.fileExtension.count + 1)) : path
            target = stem + "." + ext
        }
        if let t = target, t != "-" {
            let fd = open(t, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                printError("mlsd: cannot write \(t) (\(FileError(errno)))")
                printError("  Choose another place with -o OUT.")
                throw ExitStatus.io.code
            }
            var buffer = ""
            var failure: FileError?
            func flush() {
                if failure == nil { do { try FileBytes.writeAll(fd, Array(buffer.utf8)) } catch { failure = error } }
                buffer = ""
            }
            try body { s in
                buffer += s
                if buffer.utf8.count > 1 << 16 { flush() }
            }
            flush()
            if close(fd) != 0, failure == nil { failure = FileError(errno) }
            if let failure {
                printError("mlsd: cannot write \(t) (\(failure))")
                throw ExitStatus.io.code
            }
            printError("Wrote \(t)")
        } else {
            var buffer = ""
            try body { s in
                buffer += s
                if buffer.utf8.count > 1 << 16 { FileHandleWriter.write(fd: 1, buffer); buffer = "" }
            }
            FileHandleWriter.write(fd: 1, buffer)
        }
    }
}

// MARK: - mlsd replay

/// `mlsd replay FILE`: the coach's console.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded session in the coach's console.",
        discussion: """
        Space plays and pauses, + and - change the speed (0.25× to 16×), ← and →
        seek 5 s, Shift-← and Shift-→ 60 s, g goes to a time, ] and [ jump between
        markers (stage changes, follow-ups, hints, questions, pauses, comments). c
        adds a comment at the current time, s scores the rubric areas, e exports the
        coach's report beside the recording. F1 or ? lists every key. Comments and
        scores are saved in NAME.coach.json beside the recording; the recording
        itself is never changed.

        Examples:
          mlsd replay last
          mlsd replay ~/Downloads/interview.mlsd --idle-limit 2
        """)
    @OptionGroup var sessions: SessionFolderOption
    @OptionGroup var display: DisplayOptions
    @Argument(help: ArgumentHelp("The session file (a path, a name from `mlsd sessions`, or `last`).", valueName: "FILE")) var file: String
    @Option(name: .customLong("idle-limit"), help: ArgumentHelp("Gaps without events longer than this play as this long (seconds; 0 plays them in full).", valueName: "SECONDS"))
    var idleLimit: Double = Replay.defaultIdleLimit
    @Option(help: ArgumentHelp("The speed to start at: 0.25, 0.5, 1, 2, 4, 8 or 16.", valueName: "X")) var speed: Double = 1

    func validate() throws {
        if !idleLimit.isFinite || idleLimit < 0 { throw ValidationError("--idle-limit must be 0 or more seconds") }
        if !Replay.speeds.contains(speed) { throw ValidationError("--speed must be one of 0.25, 0.5, 1, 2, 4, 8, 16") }
    }

    func run() throws {
        let path = try sessions.store.resolve(file)
        let r = try loadRecording(path)
        let coach: CoachNotes?
        do { coach = try CoachNotes.load(forRecording: path) } catch {
            printError("mlsd: " + SafeText.visible(error.description))
            throw ExitStatus.badRecording.code
        }
        var replay = try makeReplay(r, coach: coach, idleLimit: idleLimit > 0 ? idleLimit : nil)
        while replay.speed < speed { replay.faster() }
        while replay.speed > speed { replay.slower() }
        var notice: String?
        let skipped = r.issues.count + r.unknownKinds
        if skipped > 0 { notice = "\(skipped) damaged or unknown line\(skipped == 1 ? "" : "s") skipped; `mlsd show FILE` lists them." }
        try App.runReplay(replay, recordedAt: localDate(r.header.created), notice: notice, display: display.chosen)
    }
}

// MARK: - the run loops' recording side

/// `--record FILE` and `--no-record`, for commands that start an interview.
struct RecordingOptions: ParsableArguments {
    @Option(name: .customLong("record"), help: ArgumentHelp("Record the session to FILE (default: a new file in $XDG_DATA_HOME/mlsd/sessions).", valueName: "FILE"))
    var path: String?
    @Flag(name: .customLong("no-record"), help: "Do not record the session (no replay, no resume).") var off = false

    /// What the run loop needs.
    var choice: RecordingChoice { RecordingChoice(enabled: !off, path: path) }

    func validate() throws {
        if off && path != nil { throw ValidationError("--record and --no-record cannot be used together") }
        if let p = path, FileManager.default.fileExists(atPath: p) {
            throw ValidationError("--record \(p): the file exists; a recording never replaces a file. Choose another name or remove it.")
        }
    }
}

/// Whether and where to record, as the run loop is told.
struct RecordingChoice {
    var enabled = true
    var path: String?
}

extension App {
    /// The recorder's part of the run loop: starts, feeds and closes the session file.
    final class SessionRecording {
        let options: RecordingChoice
        let store: SessionStore
        var recorder: Recorder?
        /// The stem of the session's files (recording and report).
        var stem: String?

        init(choice: RecordingChoice, store: SessionStore) { options = choice; self.store = store }

        /// A new session: a new file, beginning with the header.
        func start(_ s: Scenario, _ settings: Settings, at now: Double) {
            guard recorder == nil else { return }
            let st = store.recordingStem(for: s.id)
            stem = st
            guard options.enabled else { return }
            let path = options.path ?? store.recordingPath(stem: st)
            let header = RecordingFormat.Header(program: "mlsd \(MLSD.version)", created: Date(), settings: settings, scenario: s)
            recorder = Recorder(path: path, header: header)
            recorder?.tick(at: now)
        }

        /// A resumed session: the same file, added to.
        func resume(_ r: Recording) {
            recorder = Recorder(resuming: r)
            let ext = "." + RecordingFormat.fileExtension
            let name = r.path.lastPathPart
            stem = name.hasSuffix(ext) ? String(name.dropLast(ext.count)) : name
        }

        func record(_ events: [Event], at now: Double) { recorder?.record(events, at: now) }
        func tick(at now: Double) { recorder?.tick(at: now) }
        var warning: String? { recorder?.warning }

        /// Closes the file; returns a message for standard error when events were lost.
        func close(at now: Double) -> String? { recorder?.close(at: now) }
        var path: String? { recorder?.path }
    }

    /// At start-up: offers to resume the newest session when it was interrupted. Plain text,
    /// before the screen opens; one key answers.
    static func offerResume(_ start: Start, recording options: RecordingChoice, store: SessionStore) -> Start {
        guard options.enabled, options.path == nil, isatty(0) == 1, isatty(1) == 1 else { return start }
        switch start { case .home, .practice: break; default: return start }
        guard let s = store.interruptedSession(), s.duration > 0 else { return start }
        let sc = s.header.scenario
        FileHandleWriter.write(fd: 1, "mlsd: an interrupted session was found:\n"
            + "  \(SafeText.visible(sc.title)) · \(s.header.settings.minutes) min · \(Report.clock(s.duration)) recorded · began \(localDate(s.header.created))\n"
            + "  \(SafeText.visible(s.path))\n")
        FileHandleWriter.write(fd: 1, "Resume it? r resume · n start afresh · q quit  ")
        let answer = readOneKey()
        FileHandleWriter.write(fd: 1, "\n")
        switch answer {
        case "r", "R", "y", "Y", "\r", "\n":
            guard let r = try? RecordingReader.read(path: s.path) else {
                printError("mlsd: the session file cannot be read; starting afresh.")
                return start
            }
            return .resume(r)
        case "q", "Q", "\u{3}", "\u{1b}":
            exit(0)
        default:
            print("Not resumed. `mlsd practice --resume` continues it later.")
            return start
        }
    }

    /// One key from the terminal in raw mode (no Enter needed).
    static func readOneKey() -> Character {
        var old = termios()
        tcgetattr(0, &old)
        var raw = old
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutablePointer(to: &raw.c_cc) { p in
            p.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { cc in cc[Int(VMIN)] = 1; cc[Int(VTIME)] = 0 }
        }
        tcsetattr(0, TCSANOW, &raw)
        defer { tcsetattr(0, TCSANOW, &old) }
        var b: UInt8 = 0
        let n = read(0, &b, 1)
        return n == 1 ? Character(Unicode.Scalar(b)) : "n"
    }

    /// The coach's console: its own small loop over the replay screen.
    static func runReplay(_ replay: Replay, recordedAt: String, notice: String?, display: Display) throws {
        let (term, glyphs) = try TerminalSetup.open(display, needs: "the replay console", instead: "For plain output use `mlsd show FILE --at MM:SS` or `mlsd report FILE`.", mouse: false)
        let stopwatch = Stopwatch()
        func now() -> Double { stopwatch.seconds() }
        var screen = ReplayScreen(replay: replay, recordedAt: recordedAt, notice: notice)
        let path = replay.recording.path
        var size = term.size
        term.present(screen.view(size: size, glyphs: glyphs))
        var exitSignal: Int32?
        var lastActive = now()
        loop: while true {
            if let sig = CursesTerminal.pendingSignal { exitSignal = sig; break }
            let first = term.readKey(timeoutMs: screen.replay.playing ? 40 : 200)
            // A gap longer than the loop ever sleeps is time the program did not run (stopped,
            // the machine asleep): playing stops where it was then.
            if now() - lastActive > Stopwatch.stoppedAfter { screen.stopping(at: lastActive) }
            var keys: [Key] = first.map { [$0] } ?? []
            if first != nil { while keys.count < 256, keys.last != .suspend, let k = term.readKey(timeoutMs: 0) { keys.append(k) } }
            for k in keys {
                if k == .resize { size = term.size; continue }
                if k == .suspend {
                    screen.stopping(at: now())
                    term.suspend()
                    size = term.size
                    continue
                }
                let t = now()
                switch screen.handle(k, at: t) {
                case .none: break
                case .quit: break loop
                case .saveCoach:
                    do {
                        try screen.replay.coach.save(forRecording: path)
                    } catch {
                        screen.saved("", path: nil, error: "Could not save the coach's notes beside the recording: \(error)", at: t)
                    }
                case .exportReport:
                    let stem = path.hasSuffix("." + RecordingFormat.fileExtension) ? String(path.dropLast(RecordingFormat.fileExtension.count + 1)) : path
                    let out = stem + ".coach.md"
                    let md = screen.replay.coach.markdown(report: screen.replay.report, recording: screen.replay.recording, date: localTime(Date(), "%Y-%m-%d %H:%M"))
                    do {
                        try FileBytes.writeAtomically(out, text: md)
                        screen.saved("Coach's report written to", path: out, error: nil, at: t)
                    } catch {
                        screen.saved("", path: nil, error: "Could not write \(out): \(error)", at: t)
                    }
                }
            }
            lastActive = now()
            screen.tick(at: lastActive)
            size = term.size
            term.present(screen.view(size: size, glyphs: glyphs))
        }
        term.restore()
        if let sig = exitSignal { exit(128 + sig) }
    }
}
