import TextWidth
/// A phrase reduced to comparable words: lower case, split at anything but letters and digits,
/// plural endings removed, so that "Two-Tower models" matches "two tower model".
public struct Phrase: Equatable, Hashable, Sendable {
    public var words: [String]
    public init(_ text: some StringProtocol) { words = Phrase.words(of: text) }
    public var isEmpty: Bool { words.isEmpty }

    /// The normalised words of a text.
    public static func words(of text: some StringProtocol) -> [String] {
        if ASCIIScan.isASCII(text) { return asciiWords(text) }
        var out: [String] = []
        var cur = ""
        for ch in text {
            if ch.isLetter || ch.isNumber {
                cur.append(contentsOf: ch.lowercased())
            } else if ch == "'" || ch == "’" {
                continue   // user's → users → user
            } else if !cur.isEmpty {
                out.append(stem(cur)); cur = ""
            }
        }
        if !cur.isEmpty { out.append(stem(cur)) }
        return out
    }

    /// The same for ASCII text, byte by byte (the per-keystroke path).
    static func asciiWords(_ text: some StringProtocol) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        cur.reserveCapacity(24)
        for b in text.utf8 {
            switch b {
            case 0x61...0x7A, 0x30...0x39: cur.append(b)
            case 0x41...0x5A: cur.append(b + 32)
            case 0x27: continue
            default:
                if !cur.isEmpty { out.append(stem(String(decoding: cur, as: UTF8.self))); cur.removeAll(keepingCapacity: true) }
            }
        }
        if !cur.isEmpty { out.append(stem(String(decoding: cur, as: UTF8.self))) }
        return out
    }

    /// A light plural stemmer: enough for "features", "queries", "boxes"; leaves "loss", "bias", "analysis" alone.
    public static func stem(_ w: String) -> String {
        guard w.count > 3, w.last == "s" else { return w }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") { return String(w.dropLast(2)) }
        return String(w.dropLast())
    }
}
