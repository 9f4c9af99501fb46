/// A phrase reduced to comparable words: lower case, split at anything but letters and digits,
/// plural endings removed, so that "Two-Tower models" matches "two tower model".
public struct Phrase: Equatable, Hashable, Sendable {
    public var words: [String]
    public init(_ text: some StringProtocol) { words = Phrase.words(of: text) }
    public var isEmpty: Bool { words.isEmpty }

    /// The normalised words of a text.
    public static func words(of text: some StringProtocol) -> [String] {
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

    /// A light plural stemmer: enough for "features", "queries", "boxes"; leaves "loss", "bias", "analysis" alone.
    public static func stem(_ w: String) -> String {
        guard w.count > 3, w.last == "s" else { return w }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") { return String(w.dropLast(2)) }
        return String(w.dropLast())
    }
}
