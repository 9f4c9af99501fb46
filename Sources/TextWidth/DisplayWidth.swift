/// Terminal column widths of characters, kept in Swift because `wcwidth` is not visible on Linux.
public enum DisplayWidth {
    /// Zero-width scalars: combining marks, joiners, variation selectors.
    @inline(__always)
    public static func isZeroWidth(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
             0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
             0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xE0100...0xE01EF,
             0x3099...0x309A:
            return true
        default:
            return false
        }
    }

    /// East Asian wide and fullwidth ranges, and emoji presented as pictures.
    @inline(__always)
    public static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320,
             0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
             0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440,
             0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A,
             0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
             0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
             0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
             0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Columns taken by one scalar: 0, 1 or 2 (control characters count as 1: they are shown as placeholders).
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return 1 }
        if isZeroWidth(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Columns taken by one grapheme cluster: the width of its first scalar that has width
    /// (an emoji presentation selector widens a narrow base).
    @inline(__always)
    public static func of(_ ch: Character) -> Int {
        let scalars = ch.unicodeScalars
        var it = scalars.makeIterator()
        guard let first = it.next() else { return 0 }
        if first.value < 0x7F, scalars.count == 1 { return 1 }
        var w = of(first)
        while let s = it.next() {
            if s.value == 0xFE0F, w == 1 { w = 2 }
        }
        if w == 0 { w = 1 }
        return w
    }

    /// Whether a scalar is always a character of its own, one column wide: printable Latin
    /// (with its accents precomposed), general punctuation, arrows, box drawing and the
    /// geometric shapes that are not emoji. None of them joins a neighbour into a grapheme
    /// cluster (no combining marks, joiners, variation selectors, Hangul jamo, regional
    /// indicators, CR), so a text made only of them can be measured and drawn scalar by
    /// scalar, without the grapheme breaking that walking its characters costs (about ten
    /// times more: the screens' titles, borders and "·" separators are such texts). The
    /// terminal takes each as one column too (a test holds `wcwidth` to 1 for every one).
    @inlinable
    public static func isSimple(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x25FC: return true
        default: return false
        }
    }

    /// The number of scalars when every scalar of `s` is `isSimple`, else nil.
    @inlinable
    public static func simpleCount(_ s: some StringProtocol) -> Int? {
        var n = 0
        for u in s.unicodeScalars {
            guard isSimple(u.value) else { return nil }
            n += 1
        }
        return n
    }

    /// Columns taken by a string.
    @inlinable
    public static func of(_ s: some StringProtocol) -> Int {
        if ASCIIScan.isPrintable(s) { return s.utf8.count }
        if let n = simpleCount(s) { return n }
        var total = 0
        for ch in s { total += of(ch) }
        return total
    }

    /// The longest prefix of `s` that fits in `width` columns, with "…" when it was cut.
    public static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String {
        if width <= 0 { return "" }
        if of(s) <= width { return s }
        let ew = of(ellipsis)
        var out = "", used = 0
        for ch in s {
            let w = of(ch)
            if used + w > width - ew { break }
            out.append(ch); used += w
        }
        return out + (width >= ew ? ellipsis : "")
    }
}
