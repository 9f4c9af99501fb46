import CursesTerminal
import FoundationEssentials
import Glibc
import InterviewKit
import TerminalKit

/// Opening the screen, shared by the practice run loop and the replay console: a terminal on
/// both ends, a UTF-8 locale, signal flags, the terminal opened, and the glyphs it can show.
enum TerminalSetup {
    /// `needs` says what needs the terminal; `instead` is the plain-output way out.
    static func requireTerminal(needs: String, instead: String) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            printError("mlsd: \(needs) needs a terminal: standard input and output must be a terminal (not a pipe or a file).")
            printError("  \(instead)")
            throw ExitStatus.noTerminal.code
        }
    }

    static func open(_ display: Display, needs: String, instead: String, mouse: Bool) throws -> (CursesTerminal, Glyphs) {
        try requireTerminal(needs: needs, instead: instead)
        let loc = CursesTerminal.setUpLocale()
        guard loc.isUTF8 else {
            printError("mlsd: no UTF-8 locale is available (codeset \(loc.codeset)); wide characters would be misplaced.")
            printError("  Set one, for example: export LANG=C.UTF-8")
            throw ExitStatus.locale.code
        }
        CursesTerminal.installSignalHandlers()
        let term: CursesTerminal
        do { term = try CursesTerminal(options: .init(colorMode: display.noColor ? .monochrome : .auto, mouse: mouse && !display.noMouse)) } catch {
            printError("mlsd: cannot start the terminal: \(error)")
            printError("  Check TERM (now \(EnvironmentVariables.process["TERM"] ?? "unset")); try TERM=xterm-256color.")
            throw ExitStatus.noTerminal.code
        }
        return (term, (display.ascii || !CursesTerminal.isUnicodeCapable) ? .ascii : .unicode)
    }
}

/// Seconds on the monotonic clock since it was made (the run loops' only clock).
struct Stopwatch {
    /// The run loops wake at least once a second; a longer gap since the loop last ran is time
    /// the program did not run (stopped from outside, the machine asleep).
    static let stoppedAfter = 2.0

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    init() { start = clock.now }
    func seconds() -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
