import ArgumentParser
import Foundation
import InterviewKit

/// `mlsd` with no command: the home screen.
struct Home: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "home", abstract: "Open the home screen (the default).", shouldDisplay: false)
    @OptionGroup var library: LibraryOptions
    @OptionGroup var display: DisplayOptions

    func run() throws {
        let lib = library.library()
        if lib.scenarios.isEmpty {
            printError("mlsd: no cases found in \(lib.folders.joined(separator: ", ")); pass --scenarios DIR")
            throw ExitStatus.unknownCase.code
        }
        try App.run(start: .home(lib), display: display)
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

        Examples:
          mlsd practice
          mlsd practice ad-click-prediction --minutes 60 --level senior
        """)
    @OptionGroup var library: LibraryOptions
    @OptionGroup var display: DisplayOptions
    @Argument(help: "The case id (see `mlsd scenarios list`).") var id: String = "video-recommendation"
    @Option(help: "The interview length in minutes (10–180; default: the case's own, usually 45).") var minutes: Int?
    @Option(help: "The level you are practising for: mid, senior or staff.") var level: Level = .senior

    func validate() throws {
        if let m = minutes, !(10...180).contains(m) { throw ValidationError("--minutes must be from 10 to 180 (got \(m))") }
    }

    func run() throws {
        let s = try library.scenario(id)
        try App.run(start: .practice(s, Settings(minutes: minutes ?? s.minutes, level: level)), display: display)
    }
}

extension Level: ExpressibleByArgument {}

/// Options that change how the screen looks.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Draw with plain ASCII instead of Unicode box characters.") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).") var noColor = false
}
