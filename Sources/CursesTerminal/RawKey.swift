/// What the terminal's input produced, before it is decoded to a `Key`.
///
/// The terminal builds these from its input bytes; everything after is pure and testable.
public enum RawKey: Equatable, Sendable {
    /// One Unicode scalar value of input (control codes and escape-sequence bytes included).
    case char(UInt32)
    /// The window changed size (the terminal has taken the new size).
    case resize
    /// The program is asked to stop (SIGTSTP); see `CursesTerminal.suspend()`.
    case suspend
}
