/// Why the ncurses terminal could not be opened.
public enum CursesTerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe or a file).
    case notATerminal
    /// ncurses did not know the terminal type (`TERM`), or could not set it up.
    case cannotInitialize(terminalType: String)
    /// A headless screen could not open /dev/null.
    case cannotOpenNullDevice

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input and output must be a terminal"
        case .cannotInitialize(let t):
            return "cannot initialise the terminal (TERM=\(t.isEmpty ? "unset" : t))"
        case .cannotOpenNullDevice:
            return "cannot open /dev/null"
        }
    }
}
