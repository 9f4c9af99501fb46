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
                if !cur.isEmpty { stem(&cur); out.append(String(decoding: cur, as: UTF8.self)); cur.removeAll(keepingCapacity: true) }
            }
        }
        if !cur.isEmpty { stem(&cur); out.append(String(decoding: cur, as: UTF8.self)) }
        return out
    }

    /// `stem` on the bytes of an ASCII word, in place (no string is made for the word first).
    static func stem(_ w: inout [UInt8]) {
        let n = w.count
        guard n > 3 else { return }
        switch StemCut.of(length: n, w[n - 1], w[n - 2], w[n - 3], w[n - 4]) {
        case .none: break
        case .one: w.removeLast()
        case .two: w.removeLast(2)
        case .iesToY: w.removeLast(3); w.append(0x79)
        }
    }

    /// Whether a text has any word to look for (what `Phrase(text).isEmpty` says, without
    /// making the words).
    public static func hasWords(_ text: String) -> Bool {
        var other = false
        for b in text.utf8 {
            switch b {
            case 0x61...0x7A, 0x30...0x39, 0x41...0x5A: return true
            case 0x80...: other = true
            default: continue
            }
        }
        return other && !Phrase(text).isEmpty
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

/// What `Phrase.stem` does to a lower-case ASCII word, from its length and last four bytes
/// (`b1` the last): the one rule behind every byte-level stemmer (`Phrase.stem` on bytes, and
/// the hashing in `WordHash`, which picks the hash as it stood before the bytes cut).
enum StemCut {
    case none, one, two, iesToY

    @inline(__always)
    static func of(length n: Int, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8) -> StemCut {
        guard n > 3, b1 == 0x73, b2 != 0x73, b2 != 0x75, b2 != 0x69 else { return .none }   // "…s", not "ss", "us", "is"
        if b3 == 0x69 && b2 == 0x65 { return .iesToY }                                      // "ies" → "y"
        if b2 == 0x65 && (b3 == 0x78 || (b3 == 0x68 && (b4 == 0x63 || b4 == 0x73)) || (b3 == 0x73 && b4 == 0x73)) {
            return .two                                                                     // "xes", "ches", "shes", "sses"
        }
        return .one
    }
}
