import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import InterviewKit

/// `mlsd` with no command: the home screen.
struct Home: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "home", abstract: "Open the home screen (the default).", shouldDisplay: false)
    @OptionGroup var library: LibraryOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var recording: RecordingOptions

    func run() throws {
        try Launch(home: self).run()
    }
}

/// `mlsd practice`: a timed mock interview.
struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a timed mock interview.",
        discussion: """
        Work through the seven stages against a clock per stage. Type your answer in the notes
        pane; F6 asks the interviewer a clarifying question; F2 shows a hint; Ctrl-N moves on.
        At the end a report is shown and saved under $XDG_DATA_HOME/mlsd/sessions.

        Every session is recorded there as it happens, one file per session with the
        case inside, to replay (`mlsd replay`) or, when interrupted, to resume.

        Examples:
          mlsd practice
          mlsd practice ad-click-prediction --minutes 60 --level senior
          mlsd practice --resume                 the newest interrupted session
          mlsd practice --resume FILE            continue that session
          mlsd practice --no-record
        """)
    @OptionGroup var library: LibraryOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var recording: RecordingOptions
    @Argument(help: ArgumentHelp("The case id (see `mlsd scenarios list`; default video-recommendation); with --resume, the session file.", valueName: "id|FILE"))
    var id: String?
    @Option(help: "The interview length in minutes (10–180; default: the case's own, usually 45).") var minutes: Int?
    @Option(help: "The level you are practising for: mid, senior or staff.") var level: Level = .senior
    @Flag(help: ArgumentHelp("Continue an interrupted session with its clocks where they stopped: the newest one, or the FILE given as the argument.")) var resume = false

    func validate() throws {
        if let m = minutes, !(10...180).contains(m) { throw ValidationError("--minutes must be from 10 to 180 (got \(m))") }
        if resume && minutes != nil { throw ValidationError("--resume continues a session with its own length; leave out --minutes") }
        if resume && (recording.off || recording.path != nil) { throw ValidationError("--resume adds to the session's own file; leave out --record and --no-record") }
    }

    func run() throws {
        if resume {
            try App.run(start: .resume(try resumable()), display: display.chosen)
            return
        }
        try Launch(practice: self).run()
    }

    /// The session `--resume` continues: the file named, or the newest interrupted one.
    func resumable() throws -> Recording {
        let store = SessionStore()
        let path: String
        if let f = id {
            path = try store.resolve(f)
        } else if let s = store.interruptedSession() {
            path = s.path
        } else {
            printError("mlsd: no interrupted session to resume in \(store.folder)")
            printError("  `mlsd sessions` lists the recorded sessions; `mlsd practice --resume FILE` continues one.")
            throw ExitStatus.io.code
        }
        if RecordingReader.inUse(path: path) {
            printError("mlsd: \(SafeText.visible(path)): this session is being recorded right now by another mlsd.")
            printError("  Go on with it there, or end it (Ctrl-Q) and resume it here afterwards.")
            throw ExitStatus.io.code
        }
        let r = try loadRecording(path)
        if r.finished {
            printError("mlsd: \(SafeText.visible(path)): this session was ended; there is nothing to resume.")
            printError("  See it with `mlsd report \(SafeText.visible(path))` or `mlsd replay \(SafeText.visible(path))`.")
            throw ExitStatus.badRecording.code
        }
        if r.events.isEmpty || !r.events.contains(where: { if case .started = $0.kind { return true }; return false }) {
            printError("mlsd: \(SafeText.visible(path)): the session stopped before it started; there is nothing to resume.")
            printError("  Start a new one with `mlsd practice`.")
            throw ExitStatus.badRecording.code
        }
        _ = try makeReplay(r, idleLimit: nil)   // refuses a hostile file before the engine folds it
        return r
    }
}

extension Level: ExpressibleByArgument {}

/// Options that change how the screen looks.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Draw with plain ASCII instead of Unicode box characters.") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).") var noColor = false
    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (for selecting text); the sketch pane then works by keys only.") var noMouse = false

    /// What the screen set-up needs.
    var chosen: Display { Display(ascii: ascii, noColor: noColor, noMouse: noMouse) }
}

/// How the screen looks, as the screen set-up is told.
struct Display: Equatable {
    var ascii = false
    var noColor = false
    var noMouse = false
}
