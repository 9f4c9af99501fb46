/// Why the terminal could not be opened.
public enum CursesTerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe or a file).
    case notATerminal
    /// terminfo does not know the terminal type (`TERM`).
    case cannotInitialize(terminalType: String)
    /// The terminal's description has no way to put the cursor at a place (`cup`).
    case cannotMoveCursor(terminalType: String)
    /// A headless screen could not open /dev/null.
    case cannotOpenNullDevice

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input and output must be a terminal"
        case .cannotInitialize(let t):
            return t.isEmpty ? "TERM is not set, so the terminal type is unknown" : "no terminal description (terminfo) for TERM=\(t)"
        case .cannotMoveCursor(let t):
            return "the terminal type \(t.isEmpty ? "(unset)" : t) cannot place the cursor, which a full-screen program needs"
        case .cannotOpenNullDevice:
            return "cannot open /dev/null"
        }
    }
}
