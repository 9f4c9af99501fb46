/// Makes text from a recording safe to show: control characters and other invisible troublemakers
/// become visible placeholders, so that nothing a candidate typed (or someone wrote into a file)
/// reaches a terminal as raw bytes.
public enum SafeText {
    /// The placeholder for one scalar, or nil when it may be shown as it is.
    @inline(__always)
    public static func placeholder(_ v: UInt32) -> String? {
        switch v {
        case 0..<0x20: return String(Character(Unicode.Scalar(0x2400 + v)!))   // ␀ … ␟ (␛ for ESC)
        case 0x7F: return "␡"
        case 0x80...0x9F: return "⟨U+\(hex(v))⟩"                                // C1 controls (CSI, OSC …)
        // Bidirectional overrides and isolates, line and paragraph separators: shown, not obeyed.
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return "⟨U+\(hex(v))⟩"
        default: return nil
        }
    }

    static func hex(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// `s` with every unsafe scalar replaced by its placeholder; with `keepNewlines`, `\n` (and tab) stay.
    public static func visible(_ s: String, keepNewlines: Bool = false) -> String {
        var clean = true
        for b in s.utf8 where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xD8 {
            // 0xC2 leads U+0080…U+00BF, 0xE2 leads U+2000…, 0xD8 leads U+061C: check those scalars properly.
            if keepNewlines && (b == 0x0A || b == 0x09) { continue }
            clean = false; break
        }
        if clean { return s }
        var o = ""
        o.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            if keepNewlines && (u.value == 0x0A || u.value == 0x09) { o.unicodeScalars.append(u); continue }
            if let p = placeholder(u.value) { o += p } else { o.unicodeScalars.append(u) }
        }
        return o
    }

    /// `s` with each unsafe character replaced by one visible character (␛ for ESC, � for other
    /// invisible controls), so that character offsets stay the same: for screens that highlight
    /// ranges of recorded text.
    public static func sameLength(_ s: String) -> String {
        var clean = true
        for b in s.utf8 where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xD8 { clean = false; break }
        if clean { return s }
        var o = ""
        for ch in s { o.append(character(ch)) }
        return o
    }

    /// One visible character for `ch`.
    public static func character(_ ch: Character) -> Character {
        if ch == "\r\n" { return "␤" }
        var bad = false
        for u in ch.unicodeScalars where placeholder(u.value) != nil { bad = true; break }
        guard bad else { return ch }
        let first = ch.unicodeScalars.first!.value
        if first < 0x20 { return Character(Unicode.Scalar(0x2400 + first)!) }
        if first == 0x7F { return "␡" }
        return "\u{FFFD}"
    }

    /// Whether `s` would be shown unchanged.
    public static func isClean(_ s: String) -> Bool { visible(s) == s }
}
