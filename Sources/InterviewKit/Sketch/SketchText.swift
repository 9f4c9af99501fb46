import TextWidth

/// Column widths and clean-up of the text on a sketch.
///
/// Widths come from the `TextWidth` module that TerminalKit uses too: a box must fit its label the
/// way a terminal draws it.
public enum SketchText {
    /// Widest label of a box, and of an arrow, in columns.
    public static let maxBoxLabel = 48
    public static let maxArrowLabel = 32
    /// Widest free text, in columns.
    public static let maxFreeText = 96

    /// A label as it is kept: one line, no control characters, spaces trimmed.
    public static func clean(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "\n" || ch == "\r\n" || ch == "\r" || ch == "\t" { out.append(" "); continue }
            if let v = ch.unicodeScalars.first?.value, ch.unicodeScalars.count == 1, v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) { continue }
            out.append(ch)
        }
        return out.trimmingSpaces()
    }

    /// Columns taken by a string (the one width table, shared with the terminal).
    public static func width(_ s: some StringProtocol) -> Int { DisplayWidth.of(s) }

    /// Columns taken by one grapheme cluster (1 or 2).
    @inline(__always)
    public static func width(_ ch: Character) -> Int { DisplayWidth.of(ch) }
}

extension String {
    /// The string without leading and trailing spaces (Foundation-free).
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
