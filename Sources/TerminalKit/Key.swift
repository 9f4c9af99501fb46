/// A key press (or a terminal happening such as a resize), decoded from the terminal's bytes.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Several printable characters that arrived at once (a paste), coalesced for speed.
    case text(String)
    case ctrl(Character)          // lower-case letter: .ctrl("q")
    case alt(Character)
    case function(Int)            // F1 … F12
    case up, down, left, right, home, end, pageUp, pageDown
    case shiftUp, shiftDown, shiftLeft, shiftRight
    /// Ctrl (or Alt) with ← or →: move by word in text.
    case ctrlLeft, ctrlRight
    /// Alt (Esc) then Backspace: delete the word before the cursor.
    case altBackspace
    case enter, tab, backTab, backspace, delete, insert, escape
    case resize
    /// The program is asked to stop (SIGTSTP, as `kill -TSTP` sends): whatever should not run
    /// on while it is stopped (an interview's clock) is paused now, then `Terminal.suspend()`.
    case suspend
    case mouse(x: Int, y: Int, kind: MouseKind)

    public enum MouseKind: Hashable, Sendable { case press, release, drag, wheelUp, wheelDown }

    /// The key without its Ctrl or Alt, for a table that does not name the modified key (so that
    /// Ctrl-← still moves where only ← means something); nil for keys that have no such form.
    public var unmodified: Key? {
        switch self {
        case .ctrlLeft: return .left
        case .ctrlRight: return .right
        case .altBackspace: return .backspace
        default: return nil
        }
    }

    /// The name shown in help and the status line.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .text(let s): return "text(\(s.count))"
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .alt(let c): return "Alt-\(c)"
        case .function(let n): return "F\(n)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .shiftUp: return "Shift-↑"
        case .shiftDown: return "Shift-↓"
        case .shiftLeft: return "Shift-←"
        case .shiftRight: return "Shift-→"
        case .ctrlLeft: return "Ctrl-←"
        case .ctrlRight: return "Ctrl-→"
        case .altBackspace: return "Alt-Backspace"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .escape: return "Esc"
        case .resize: return "resize"
        case .suspend: return "suspend"
        case .mouse: return "mouse"
        }
    }
}
