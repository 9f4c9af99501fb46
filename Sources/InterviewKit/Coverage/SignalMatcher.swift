/// Finds which targets (checklist points, mention triggers, facts) a paragraph signals.
///
/// Each target has signals; a signal is one phrase, or phrases joined by ` + ` that must all
/// appear in the same paragraph. Matching is by whole normalised words, so "ann" does not
/// match inside "annual". A multi-word phrase also matches its words run together
/// ("two tower" ↔ "twotower"), and two adjacent words match a one-word phrase ("pre trained" ↔ "pretrained").
public struct SignalMatcher: Sendable {
    struct Part: Sendable { var words: [UInt64]; var id: Int }
    /// Phrases by the hash of their first word (words are compared by 64-bit hashes, so that
    /// scanning a paragraph on every key allocates no strings).
    private var byFirstWord: [UInt64: [Part]] = [:]
    /// The same, as an open-addressing table keyed by the word hash itself (already well mixed),
    /// so the per-word lookup on every key press does no hashing of its own.
    private var table = WordTable([:])
    /// For each target, its signals as lists of part ids.
    private var signals: [[[Int]]] = []
    /// For each part id, the (target, signal) pairs whose signal starts with it: a paragraph's
    /// targets are found from the few parts it contains, not by trying every target.
    private var signalsStartingWith: [[(target: Int, signal: Int)]] = []
    public private(set) var partCount = 0

    public init(targets: [[String]]) {
        var partIDs: [[String]: Int] = [:]
        for sigs in targets {
            var target: [[Int]] = []
            for s in sigs {
                var ids: [Int] = []
                for piece in Self.pieces(of: s) {
                    let words = Phrase.words(of: piece)
                    if words.isEmpty { continue }
                    let id: Int
                    if let e = partIDs[words] { id = e } else {
                        id = partCount; partCount += 1; partIDs[words] = id
                        let hashes = words.map(WordHash.of)
                        byFirstWord[hashes[0], default: []].append(Part(words: hashes, id: id))
                        if words.count > 1 {
                            let joined = WordHash.of(words.joined())
                            byFirstWord[joined, default: []].append(Part(words: [joined], id: id))
                        }
                    }
                    ids.append(id)
                }
                if !ids.isEmpty { target.append(ids) }
            }
            signals.append(target)
        }
        table = WordTable(byFirstWord)
        signalsStartingWith = Array(repeating: [], count: partCount)
        for (t, sigs) in signals.enumerated() {
            for (k, sig) in sigs.enumerated() { signalsStartingWith[sig[0]].append((t, k)) }
        }
    }

    /// A signal's phrases, split at " + " (Foundation's `components(separatedBy:)` costs a
    /// dynamic cast per call, which on a cold start is most of building the matcher).
    static func pieces(of signal: String) -> [String] {
        let u = Array(signal.utf8)
        var out: [String] = []
        var start = 0, i = 0
        while i + 2 < u.count {
            if u[i] == 0x20 && u[i + 1] == 0x2B && u[i + 2] == 0x20 {
                out.append(String(decoding: u[start..<i], as: UTF8.self))
                i += 3
                start = i
            } else {
                i += 1
            }
        }
        out.append(String(decoding: u[start...], as: UTF8.self))
        return out
    }

    /// The part ids found in a paragraph's words (hashes) and adjacent pairs run together.
    func parts(in w: WordHash.Words) -> PartSet {
        var found = PartSet(count: partCount)
        let n = w.words.count
        var i = 0
        while i < n {
            if let cands = table[w.words[i]] {
                for p in cands where i + p.words.count <= n {
                    var ok = true
                    var k = 1
                    while k < p.words.count { if w.words[i + k] != p.words[k] { ok = false; break }; k += 1 }
                    if ok { found.insert(p.id) }
                }
            }
            if i + 1 < n, let cands = table[w.pairs[i]] {
                for p in cands where p.words.count == 1 { found.insert(p.id) }
            }
            i += 1
        }
        return found
    }

    /// The targets that a paragraph signals.
    public func targets(in paragraph: some StringProtocol) -> [Int] {
        let words = WordHash.words(of: paragraph)
        if words.words.isEmpty { return [] }
        let found = parts(in: words)
        if found.isEmpty { return [] }
        var hit = PartSet(count: signals.count)
        found.forEach { p in
            for (t, k) in signalsStartingWith[p] where !hit.contains(t) {
                if signals[t][k].allSatisfy({ found.contains($0) }) { hit.insert(t) }
            }
        }
        var out: [Int] = []
        hit.forEach { out.append($0) }
        return out
    }

    /// How many signal phrases of each target a text contains (for choosing the best fact).
    public func scores(in text: some StringProtocol) -> [Int] {
        let found = parts(in: WordHash.words(of: text))
        return signals.map { sigs in sigs.filter { $0.allSatisfy { found.contains($0) } }.count }
    }
}

/// 64-bit FNV-1a hashes of normalised words, and of each pair of adjacent words run together.
public enum WordHash {
    public struct Words { public var words: [UInt64]; public var pairs: [UInt64] }
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always) static func add(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* prime }

    public static func of(_ word: String) -> UInt64 {
        var h = basis
        for b in word.utf8 { h = add(h, b) }
        return h
    }

    /// The words of a paragraph as hashes; the same normalisation as `Phrase.words`.
    public static func words(of text: some StringProtocol) -> Words {
        asciiWords(of: text) ?? {
            let ws = Phrase.words(of: text)
            var pairs: [UInt64] = []
            for i in 0..<max(0, ws.count - 1) { pairs.append(of(ws[i] + ws[i + 1])) }
            return Words(words: ws.map(of), pairs: pairs)
        }()
    }

    /// `words(of:)` for ASCII text in one pass over the bytes; nil at the first other byte.
    static func asciiWords(of text: some StringProtocol) -> Words? {
        var out = Words(words: [], pairs: [])
        var cur: [UInt8] = []
        cur.reserveCapacity(32)
        var previous: UInt64?
        func finish() {
            stem(&cur)
            var h = basis
            for b in cur { h = add(h, b) }
            if let p = previous {
                var ph = p
                for b in cur { ph = add(ph, b) }
                out.pairs.append(ph)
            }
            out.words.append(h)
            previous = h
            cur.removeAll(keepingCapacity: true)
        }
        for b in text.utf8 {
            switch b {
            case 0x61...0x7A, 0x30...0x39: cur.append(b)
            case 0x41...0x5A: cur.append(b + 32)
            case 0x27: continue
            case 0x80...: return nil
            default: if !cur.isEmpty { finish() }
            }
        }
        if !cur.isEmpty { finish() }
        return out
    }

    /// `Phrase.stem` on the bytes of an ASCII word, in place.
    @inline(__always)
    static func stem(_ w: inout [UInt8]) {
        let n = w.count
        guard n > 3, w[n - 1] == 0x73 else { return }                               // ends in "s"
        func ends(_ suffix: StaticString) -> Bool {
            let k = suffix.utf8CodeUnitCount
            guard n >= k else { return false }
            let p = suffix.utf8Start
            for j in 0..<k where w[n - k + j] != p[j] { return false }
            return true
        }
        if ends("ss") || ends("us") || ends("is") { return }
        if ends("ies") { w.removeLast(3); w.append(0x79); return }                 // y
        if ends("sses") || ends("xes") || ends("ches") || ends("shes") { w.removeLast(2); return }
        w.removeLast()
    }
}

/// Part ids found in a paragraph, as bits.
struct PartSet {
    private var bits: [UInt64]
    init(count: Int) { bits = Array(repeating: 0, count: (count + 63) / 64) }
    @inline(__always) mutating func insert(_ i: Int) { bits[i >> 6] |= 1 << UInt64(i & 63) }
    @inline(__always) func contains(_ i: Int) -> Bool { bits[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    var isEmpty: Bool { !bits.contains { $0 != 0 } }
    /// Calls `body` with each member, in increasing order.
    @inline(__always) func forEach(_ body: (Int) -> Void) {
        for (w, word) in bits.enumerated() {
            var b = word
            while b != 0 {
                body(w << 6 | b.trailingZeroBitCount)
                b &= b - 1
            }
        }
    }
}

/// An open-addressing hash table from word hashes to phrase parts (linear probing, a quarter full).
struct WordTable: Sendable {
    private var keys: [UInt64]
    private var values: [[SignalMatcher.Part]]
    private var used: [Bool]
    private let mask: Int

    init(_ entries: [UInt64: [SignalMatcher.Part]]) {
        var capacity = 16
        while capacity < entries.count * 4 { capacity *= 2 }
        mask = capacity - 1
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: [], count: capacity)
        used = Array(repeating: false, count: capacity)
        for (k, v) in entries {
            var i = WordTable.slot(k, mask)
            while used[i] { i = (i + 1) & mask }
            used[i] = true; keys[i] = k; values[i] = v
        }
    }

    @inline(__always) static func slot(_ k: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (k ^ (k >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 32) & mask }

    subscript(_ k: UInt64) -> [SignalMatcher.Part]? {
        var i = WordTable.slot(k, mask)
        while used[i] {
            if keys[i] == k { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }
}
