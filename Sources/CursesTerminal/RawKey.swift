/// What ncurses handed over for one key, before it is decoded to a `Key`.
///
/// The terminal builds these (it alone may call ncurses); everything after is pure and testable.
public enum RawKey: Equatable, Sendable {
    /// `wget_wch` returned a character (a Unicode scalar value, control codes included).
    case char(UInt32)
    /// `wget_wch` returned a key code (`KEY_UP`, `KEY_F(1)`, `KEY_RESIZE` …).
    case code(Int32)
    /// An extended key that ncurses built from terminfo, by its `keyname` (e.g. `kLFT5`).
    case named(String)
    /// A mouse event from `getmouse`: the cell and the `bstate` bits.
    case mouse(x: Int, y: Int, buttons: UInt64)
}
