import TerminalKit

/// Turns one raw key into a `Key`; pure, so that tests need no screen.
public enum KeyDecoder {
    /// A character that can be inserted as text (no C0/C1 controls, no DEL, no surrogates).
    @inline(__always)
    public static func isPrintable(_ v: UInt32) -> Bool {
        if v < 0x20 || v == 0x7F { return false }
        if v >= 0x80 && v < 0xA0 { return false }
        return Unicode.Scalar(v) != nil
    }

    /// Decodes one raw key; nil for keys the program has no name for.
    /// ESC decodes to `.escape` here; the Alt and escape-sequence lookahead is `KeyReader`'s.
    public static func decode(_ raw: RawKey) -> Key? {
        switch raw {
        case .char(let v): return char(v)
        case .resize: return .resize
        case .suspend: return .suspend
        }
    }

    public static func char(_ v: UInt32) -> Key? {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + v))))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        default:
            guard isPrintable(v), let s = Unicode.Scalar(v) else { return nil }
            return .char(Character(s))
        }
    }

    /// An xterm modifier number (1 + Shift 1, Alt 2, Ctrl 4, Meta 8) with Ctrl or Alt, which makes
    /// ← and → move by word.
    static func isWordModifier(_ m: Int) -> Bool { m >= 2 && m <= 16 && (m - 1) & 0b0110 != 0 }

    /// An SGR mouse report, `ESC [ < button ; column ; row M` (or `m` for a release), with
    /// 1-based cells. Button bits: 0–2 which button (3: none), 32 motion, 64 wheel; 4, 8 and 16
    /// are Shift, Alt and Ctrl, which change nothing here.
    public static func sgrMouse(parameters: String, final: UInt32) -> Key? {
        let f = parameters.dropFirst().split(separator: ";", omittingEmptySubsequences: false)
        guard f.count == 3, let b = Int(f[0]), let x = Int(f[1]), let y = Int(f[2]), x >= 1, y >= 1,
              final == 0x4D || final == 0x6D else { return nil }
        return mouseReport(button: b, x: x - 1, y: y - 1, released: final == 0x6D)
    }

    /// A mouse report in the oldest form, `ESC [ M` and three bytes, each 32 more than the
    /// button code, the 1-based column and the 1-based row.
    public static func x10Mouse(_ b: UInt32, _ x: UInt32, _ y: UInt32) -> Key? {
        guard b >= 32, x >= 33, y >= 33, x < 0xFFFD, y < 0xFFFD else { return nil }
        let button = Int(b) - 32
        // In this form a release does not say which button: it is button code 3.
        return mouseReport(button: button, x: Int(x) - 33, y: Int(y) - 33, released: button & 0b1100011 == 3)
    }

    static func mouseReport(button b: Int, x: Int, y: Int, released: Bool) -> Key? {
        let kind: Key.MouseKind
        if b & 64 != 0 {
            switch b & 3 {
            case 0: kind = .wheelUp
            case 1: kind = .wheelDown
            default: return nil   // sideways
            }
        } else if released {
            kind = .release
        } else if b & 32 != 0 {
            guard b & 3 != 3 else { return nil }   // moving with no button down
            kind = .drag
        } else {
            kind = .press
        }
        return .mouse(x: x, y: y, kind: kind)
    }

    /// `ESC [ parameters final`: cursor, editing and function keys, with xterm's modifiers.
    public static func csi(parameters: String, final: UInt32) -> Key? {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
        let first = fields.first.flatMap { Int($0) }
        let modifier = fields.count > 1 ? Int(fields[1]) ?? 1 : 1
        let shift = modifier == 2
        let word = isWordModifier(modifier)
        guard parameters.allSatisfy({ $0.isNumber || $0 == ";" }) else { return nil }   // "<…M" mouse, "?…" replies
        switch final {
        case 0x41: return shift ? .shiftUp : .up        // A
        case 0x42: return shift ? .shiftDown : .down    // B
        case 0x43: return word ? .ctrlRight : (shift ? .shiftRight : .right)  // C
        case 0x44: return word ? .ctrlLeft : (shift ? .shiftLeft : .left)     // D
        case 0x48: return .home                         // H
        case 0x46: return .end                          // F
        case 0x5A: return .backTab                      // Z
        case 0x50...0x53: return .function(Int(final - 0x50) + 1)   // P Q R S: F1–F4 with modifiers
        case 0x7E:                                                  // ~
            switch first ?? 0 {
            case 1, 7: return .home
            case 4, 8: return .end
            case 2: return .insert
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function(first! - 10)
            case 17...21: return .function(first! - 11)
            case 23, 24: return .function(first! - 12)
            default: return nil
            }
        default: return nil
        }
    }

    /// `ESC O final` (application cursor and keypad mode).
    public static func ss3(final: UInt32) -> Key? {
        switch final {
        case 0x41: return .up
        case 0x42: return .down
        case 0x43: return .right
        case 0x44: return .left
        case 0x48: return .home
        case 0x46: return .end
        case 0x4D: return .enter                                   // keypad Enter
        case 0x50...0x53: return .function(Int(final - 0x50) + 1)   // F1–F4
        default: return nil
        }
    }
}
