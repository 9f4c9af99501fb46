import CNcursesw
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
        case .code(let c): return code(c)
        case .named(let n): return named(n)
        case .mouse(let x, let y, let b): return mouse(x: x, y: y, buttons: b)
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

    public static func code(_ c: Int32) -> Key? {
        switch c {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_SR: return .shiftUp
        case KEY_SF: return .shiftDown
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_HOME, KEY_SHOME, KEY_FIND, KEY_A1: return .home
        case KEY_END, KEY_SEND, KEY_SELECT, KEY_C1, KEY_LL: return .end
        case KEY_PPAGE, KEY_SPREVIOUS, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_SNEXT, KEY_C3: return .pageDown
        case KEY_DC, KEY_SDC: return .delete
        case KEY_IC, KEY_SIC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(c - KEY_F0))
        default: return nil
        }
    }

    /// Extended keys by terminfo name: `kLFT2` is Shift-←, `kLFT5` Ctrl-← (and `kLFT3` Alt-←, as
    /// word moves go); other modifiers (`kUP5` = Ctrl-↑ …) fall back to the plain key, which is
    /// more useful than dropping it.
    public static func named(_ name: String) -> Key? {
        var base = Substring(name)
        var modifier = 1
        if let d = base.last?.wholeNumberValue { modifier = d; base = base.dropLast() }
        let shift = modifier == 2
        let word = isWordModifier(modifier)
        switch base {
        case "kUP": return shift ? .shiftUp : .up
        case "kDN": return shift ? .shiftDown : .down
        case "kLFT": return word ? .ctrlLeft : (shift ? .shiftLeft : .left)
        case "kRIT": return word ? .ctrlRight : (shift ? .shiftRight : .right)
        case "kHOM": return .home
        case "kEND": return .end
        case "kPRV": return .pageUp
        case "kNXT": return .pageDown
        case "kDC": return .delete
        case "kIC": return .insert
        default: return nil
        }
    }

    /// An xterm modifier number (1 + Shift 1, Alt 2, Ctrl 4, Meta 8) with Ctrl or Alt, which makes
    /// ← and → move by word.
    static func isWordModifier(_ m: Int) -> Bool { m >= 2 && m <= 16 && (m - 1) & 0b0110 != 0 }

    public static func mouse(x: Int, y: Int, buttons b: UInt64) -> Key? {
        func has(_ m: mmask_t) -> Bool { b & UInt64(m) != 0 }
        let kind: Key.MouseKind
        if has(mlsd_button4_pressed()) {
            kind = .wheelUp
        } else if has(mlsd_button5_pressed()) {
            kind = .wheelDown
        } else if has(mlsd_button1_pressed()) || has(mlsd_button1_clicked())
                    || has(mlsd_button2_pressed()) || has(mlsd_button3_pressed()) {
            kind = .press
        } else if has(mlsd_button1_released()) || has(mlsd_button2_released()) || has(mlsd_button3_released()) {
            kind = .release
        } else if has(mlsd_report_mouse_position()) {
            kind = .drag
        } else {
            return nil
        }
        return .mouse(x: x, y: y, kind: kind)
    }

    /// `ESC [ parameters final` that ncurses left undecoded (a terminfo entry that lacks it).
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
