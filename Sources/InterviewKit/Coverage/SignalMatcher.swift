/// Finds which targets (checklist points, mention triggers, facts) a paragraph signals.
///
/// Each target has signals; a signal is one phrase, or phrases joined by ` + ` that must all
/// appear in the same paragraph. Matching is by whole normalised words, so "ann" does not
/// match inside "annual". A multi-word phrase also matches its words run together
/// ("two tower" ↔ "twotower"), and two adjacent words match a one-word phrase ("pre trained" ↔ "pretrained").
///
/// A class: its tables are written while it is made and only read after, and the paragraph
/// being typed is matched on every key; as a struct, each hand-over copied (retained and
/// released) its fourteen tables.
public final class SignalMatcher: @unchecked Sendable {
    struct Part: Sendable { var words: [UInt64]; var id: Int }
    /// Phrases by the hash of their first word (words are compared by 64-bit hashes, so that
    /// scanning a paragraph on every key allocates no strings), in an open-addressing table keyed
    /// by the word hash itself (already well mixed): the per-word lookup does no hashing of its own.
    private var table = WordTable(keys: [], parts: [])
    // Flat tables (one allocation each, not an array per signal): built faster on a cold start
    // and read with fewer pages touched on every key.
    /// Every signal's part ids, one signal after another: signal `k`'s are
    /// `signalParts[signalStart[k]..<signalStart[k + 1]]`.
    private var signalParts: [Int32] = []
    private var signalStart: [Int32] = [0]
    /// Each signal's target.
    private var signalTarget: [Int32] = []
    /// Target `t`'s signals are `targetStart[t]..<targetStart[t + 1]`.
    private var targetStart: [Int32] = [0]
    /// For each part id `p`, the signals that start with it, `startingSignals[startingStart[p]..<startingStart[p + 1]]`:
    /// a paragraph's targets are found from the few parts it contains, not by trying every target.
    private var startingStart: [Int32] = [0]
    private var startingSignals: [Int32] = []
    public private(set) var partCount = 0

    var targetCount: Int { targetStart.count - 1 }

    public init(targets: [[String]]) {
        // Parts by the hash of their words' hashes. No Dictionary here: on a cold start each new
        // key type costs a run-time conformance search, about as much as the rest of this.
        var partIDs = HashSlots(capacity: targets.reduce(0) { $0 + $1.count } * 2)
        var keys: [UInt64] = []
        var parts: [Part] = []
        for (t, sigs) in targets.enumerated() {
            for s in sigs {
                let before = signalParts.count
                let u = Array(s.utf8)
                u.withUnsafeBufferPointer { all in
                    Self.forEachPiece(u) { lo, hi in
                        let hashes: [UInt64], joined: UInt64
                        if let p = WordHash.phrase(UnsafeBufferPointer(rebasing: all[lo..<hi])) {
                            (hashes, joined) = p
                        } else {
                            let words = Phrase.words(of: String(decoding: all[lo..<hi], as: UTF8.self))
                            hashes = words.map(WordHash.of)
                            joined = WordHash.of(words.joined())
                        }
                        if hashes.isEmpty { return }
                        let key = hashes.reduce(WordHash.basis) { ($0 ^ $1) &* WordHash.prime }
                        let id: Int
                        if let e = partIDs[key] { id = e } else {
                            id = partCount; partCount += 1; partIDs[key] = id
                            keys.append(hashes[0]); parts.append(Part(words: hashes, id: id))
                            if hashes.count > 1 { keys.append(joined); parts.append(Part(words: [joined], id: id)) }
                        }
                        signalParts.append(Int32(id))
                    }
                }
                if signalParts.count > before {
                    signalStart.append(Int32(signalParts.count))
                    signalTarget.append(Int32(t))
                }
            }
            targetStart.append(Int32(signalTarget.count))
        }
        table = WordTable(keys: keys, parts: parts)
        // Signals by their first part, in signal order (so in target order).
        var counts = [Int32](repeating: 0, count: partCount + 1)
        for k in 0..<signalTarget.count { counts[Int(signalParts[Int(signalStart[k])])] += 1 }
        startingStart = [Int32](repeating: 0, count: partCount + 1)
        for p in 0..<partCount { startingStart[p + 1] = startingStart[p] + counts[p] }
        var fill = startingStart
        startingSignals = [Int32](repeating: 0, count: signalTarget.count)
        for k in 0..<signalTarget.count {
            let p = Int(signalParts[Int(signalStart[k])])
            startingSignals[Int(fill[p])] = Int32(k)
            fill[p] += 1
        }
    }

    /// Whether every part of signal `k` was found.
    @inline(__always)
    private func satisfied(_ k: Int, _ found: PartSet) -> Bool {
        for q in Int(signalStart[k])..<Int(signalStart[k + 1]) where !found.contains(Int(signalParts[q])) { return false }
        return true
    }

    /// A signal's phrases, split at " + ".
    static func pieces(of signal: String) -> [String] {
        let u = Array(signal.utf8)
        var out: [String] = []
        forEachPiece(u) { out.append(String(decoding: u[$0..<$1], as: UTF8.self)) }
        return out
    }

    /// The byte ranges (`lo..<hi`) of a signal's phrases, split at " + " (Foundation's
    /// `components(separatedBy:)` costs a dynamic cast per call, which on a cold start is most of
    /// building the matcher).
    @inline(__always)
    static func forEachPiece(_ u: [UInt8], _ body: (Int, Int) -> Void) {
        var start = 0, i = 0
        while i + 2 < u.count {
            if u[i] == 0x20 && u[i + 1] == 0x2B && u[i + 2] == 0x20 {
                body(start, i)
                i += 3
                start = i
            } else {
                i += 1
            }
        }
        body(start, u.count)
    }

    /// The part ids found in a paragraph's words (hashes) and adjacent pairs run together.
    func parts(in w: WordHash.Words) -> PartSet {
        var found = PartSet(count: partCount)
        let n = w.words.count
        w.words.withUnsafeBufferPointer { words in
            var i = 0
            while i < n {
                for c in table.candidates(words[i]) {
                    let len = table.length(c)
                    if i + len <= n && table.matches(c, words, at: i) { found.insert(table.part(c)) }
                }
                if i + 1 < n {
                    for c in table.candidates(w.pairs[i]) where table.length(c) == 1 { found.insert(table.part(c)) }
                }
                i += 1
            }
        }
        return found
    }

    /// The targets that a paragraph signals.
    public func targets(in paragraph: some StringProtocol) -> [Int] {
        targets(in: WordHash.words(of: paragraph))
    }

    /// The targets that a paragraph's words (see `WordHash`) signal.
    public func targets(in words: WordHash.Words) -> [Int] {
        if words.words.isEmpty { return [] }
        let found = parts(in: words)
        if found.isEmpty { return [] }
        var hit = PartSet(count: targetCount)
        found.forEach { p in
            for j in Int(startingStart[p])..<Int(startingStart[p + 1]) {
                let k = Int(startingSignals[j]), t = Int(signalTarget[k])
                if !hit.contains(t) && satisfied(k, found) { hit.insert(t) }
            }
        }
        var out: [Int] = []
        hit.forEach { out.append($0) }
        return out
    }

    /// How many signal phrases of each target a text contains (for choosing the best fact).
    public func scores(in text: some StringProtocol) -> [Int] {
        let found = parts(in: WordHash.words(of: text))
        var out = [Int](repeating: 0, count: targetCount)
        for k in 0..<signalTarget.count where satisfied(k, found) { out[Int(signalTarget[k])] += 1 }
        return out
    }
}

/// 64-bit FNV-1a hashes of normalised words, and of each pair of adjacent words run together.
public enum WordHash {
    public struct Words: Equatable, Sendable { public var words: [UInt64]; public var pairs: [UInt64] }
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

    /// A phrase's word hashes and the hash of its words run together ("two tower" →
    /// "twotower"), for ASCII text, from its bytes with no word made (building a case's matcher
    /// hashes a few hundred phrases at start-up); nil for other text. The stem is chosen as in
    /// `LineWords.scan`: from the hashes as they stood before the word's last three bytes.
    static func phrase(_ text: String) -> (words: [UInt64], joined: UInt64)? {
        Array(text.utf8).withUnsafeBufferPointer { phrase($0) }
    }

    /// `phrase` of UTF-8 bytes.
    static func phrase(_ bytes: UnsafeBufferPointer<UInt8>) -> (words: [UInt64], joined: UInt64)? {
        var words: [UInt64] = []
        var h = basis, h1 = basis, h2 = basis, h3 = basis   // the word alone
        var j = basis, j1 = basis, j2 = basis, j3 = basis   // every word so far, run together
        var joined = basis
        var b1: UInt8 = 0, b2: UInt8 = 0, b3: UInt8 = 0, b4: UInt8 = 0
        var n = 0
        func finish() {
            let (w, jw) = StemCut.of(length: n, b1, b2, b3, b4).pick((h, h1, h2, h3), (j, j1, j2, j3))
            words.append(w)
            joined = jw
            n = 0
        }
        for b in bytes {
            var c = b
            switch b {
            case 0x61...0x7A, 0x30...0x39: break
            case 0x41...0x5A: c = b + 32
            case 0x27: continue
            case 0x80...: return nil
            default:
                if n > 0 { finish() }
                continue
            }
            if n == 0 { h = basis; j = joined }
            h3 = h2; h2 = h1; h1 = h; h = add(h, c)
            j3 = j2; j2 = j1; j1 = j; j = add(j, c)
            b4 = b3; b3 = b2; b2 = b1; b1 = c
            n += 1
        }
        if n > 0 { finish() }
        return (words, joined)
    }

    /// `words(of:)` for ASCII text in one pass over the bytes; nil at the first other byte.
    static func asciiWords(of text: some StringProtocol) -> Words? {
        var out = LineWords()
        let ok = text.utf8.withContiguousStorageIfAvailable { out.scan($0, 0, $0.count, after: nil) }
            ?? Array(text.utf8).withUnsafeBufferPointer { out.scan($0, 0, $0.count, after: nil) }
        return ok ? out.words : nil
    }

    /// The word hashes of an ASCII line with where each word lies, so that an edit within the
    /// line re-hashes only the words it touches (typing in a long paragraph, on every key).
    public struct LineWords: Sendable {
        public private(set) var words = Words(words: [], pairs: [])
        /// Per word, its bytes: from its first letter to just after its last (apostrophes inside).
        private var starts: [Int32] = []
        private var ends: [Int32] = []

        public init() {}

        /// The words of an ASCII line; nil for any other.
        public init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard scan(bytes, 0, bytes.count, after: nil) else { return nil }
        }

        /// Bytes that belong to a word: letters, digits, and the apostrophe it skips.
        @inline(__always)
        static func inWord(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || b == 0x27
        }

        /// Follows an edit: `bytes` is the line now, in which `old` bytes of the line these
        /// words were made from became `inserted` bytes at `old.lowerBound`. False when the line
        /// is no longer ASCII (the words are then unusable).
        public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>, replacing old: Range<Int>, inserted: Int) -> Bool {
            let delta = inserted - old.count
            // Widen the edit to white space or punctuation on both sides: words outside it are untouched.
            var s = old.lowerBound, e = old.lowerBound + inserted
            guard s >= 0, e <= bytes.count else { return false }
            while s > 0 && Self.inWord(bytes[s - 1]) { s -= 1 }
            while e < bytes.count && Self.inWord(bytes[e]) { e += 1 }
            let oldEnd = e - delta
            let i0 = firstWord(startingAtOrAfter: s), i1 = firstWord(startingAtOrAfter: oldEnd)
            let count = words.words.count
            var fresh = LineWords()
            guard fresh.scan(bytes, s, e, after: i0 > 0 ? words.words[i0 - 1] : nil) else { return false }
            // The pair across the right edge: the word before it (new or kept) run into the first kept word.
            var pairs = fresh.words.pairs
            if i1 < count, let left = fresh.words.words.last ?? (i0 > 0 ? words.words[i0 - 1] : nil) {
                var edge = LineWords()
                guard edge.scan(bytes, Int(starts[i1]) + delta, Int(ends[i1]) + delta, after: left) else { return false }
                pairs.append(edge.words.pairs[0])
            }
            words.words.replaceSubrange(i0..<i1, with: fresh.words.words)
            words.pairs.replaceSubrange(max(0, i0 - 1)..<max(0, min(i1, count - 1)), with: pairs)
            if delta != 0 {
                let d = Int32(delta)
                for k in i1..<count { starts[k] += d; ends[k] += d }
            }
            starts.replaceSubrange(i0..<i1, with: fresh.starts)
            ends.replaceSubrange(i0..<i1, with: fresh.ends)
            return true
        }

        private func firstWord(startingAtOrAfter p: Int) -> Int {
            var lo = 0, hi = starts.count
            while lo < hi {
                let m = (lo + hi) / 2
                if Int(starts[m]) < p { lo = m + 1 } else { hi = m }
            }
            return lo
        }

        /// Appends the words of `bytes[from..<to]`, the first one paired with `previous` when
        /// given. No word is built: each word's hash runs along its bytes, and so does the hash
        /// of the previous word followed by it (the pair). Stemming only ever drops the last one
        /// to three bytes (and may add a "y"), so the hashes as they stood before each of the
        /// last three bytes are kept, and the last four bytes decide which one the stem takes.
        /// False at a byte that is not ASCII.
        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, after previous: UInt64?) -> Bool {
            var h = basis, h1 = basis, h2 = basis, h3 = basis       // the word's hash now, and before its last 1, 2, 3 bytes
            var p: UInt64 = 0, p1: UInt64 = 0, p2: UInt64 = 0, p3: UInt64 = 0   // the same for previous word + this one
            var b1: UInt8 = 0, b2: UInt8 = 0, b3: UInt8 = 0, b4: UInt8 = 0      // the last four bytes, b1 the last
            var n = 0, start = 0, end = 0
            var prev = previous ?? 0
            var hasPrevious = previous != nil
            @inline(__always) func finish() {
                let (w, pw) = StemCut.of(length: n, b1, b2, b3, b4).pick((h, h1, h2, h3), (p, p1, p2, p3))
                if hasPrevious { words.pairs.append(pw) }
                words.words.append(w)
                starts.append(Int32(start)); ends.append(Int32(end))
                prev = w
                hasPrevious = true
                n = 0
            }
            var i = from
            while i < to {
                let b = bytes[i]
                var c = b
                switch b {
                case 0x61...0x7A, 0x30...0x39: break
                case 0x41...0x5A: c = b + 32
                case 0x27: i += 1; continue
                case 0x80...: return false
                default:
                    if n > 0 { finish() }
                    i += 1
                    continue
                }
                if n == 0 { h = basis; p = prev; start = i }
                h3 = h2; h2 = h1; h1 = h; h = add(h, c)
                p3 = p2; p2 = p1; p1 = p; p = add(p, c)
                b4 = b3; b3 = b2; b2 = b1; b1 = c
                n += 1
                i += 1
                end = i
            }
            if n > 0 { finish() }
            return true
        }
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

/// An open-addressing hash table from word hashes to phrase parts (linear probing, a quarter
/// full). Everything is in flat arrays of integers, so a lookup on the per-key path returns a
/// range of indices and retains nothing.
struct WordTable: Sendable {
    private var keys: [UInt64]
    private var used: [Bool]
    /// Per slot, its candidates: `first[slot]..<first[slot] + count[slot]`.
    private var first: [Int32]
    private var count: [Int32]
    /// Per candidate: its part id, and its words in `words[wordStart..<wordStart + wordCount]`.
    private var ids: [Int32] = []
    private var wordStart: [Int32] = []
    private var wordCount: [Int32] = []
    private var words: [UInt64] = []
    private let mask: Int

    /// The table of `parts`, each found by its key (the same index in `keys`); a key's
    /// candidates keep their order.
    init(keys: [UInt64], parts: [SignalMatcher.Part]) {
        // Three passes, no sort: count each key's candidates in its slot, give each slot its
        // range, then fill the ranges in the parts' order.
        var capacity = 16
        while capacity < keys.count * 2 { capacity *= 2 }
        mask = capacity - 1
        self.keys = Array(repeating: 0, count: capacity)
        used = Array(repeating: false, count: capacity)
        count = Array(repeating: 0, count: capacity)
        var slotOf = [Int](repeating: 0, count: keys.count)
        for (i, key) in keys.enumerated() {
            var slot = WordTable.slot(key, mask)
            while used[slot] && self.keys[slot] != key { slot = (slot + 1) & mask }
            used[slot] = true; self.keys[slot] = key
            count[slot] += 1
            slotOf[i] = slot
        }
        first = Array(repeating: 0, count: capacity)
        var next: Int32 = 0
        for slot in 0..<capacity where used[slot] { first[slot] = next; next += count[slot] }
        var fill = first
        ids = Array(repeating: 0, count: keys.count)
        wordStart = ids
        wordCount = ids
        words.reserveCapacity(parts.reduce(0) { $0 + $1.words.count })
        for (i, p) in parts.enumerated() {
            let c = Int(fill[slotOf[i]])
            fill[slotOf[i]] += 1
            ids[c] = Int32(p.id)
            wordStart[c] = Int32(words.count); wordCount[c] = Int32(p.words.count)
            words += p.words
        }
    }

    @inline(__always) static func slot(_ k: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (k ^ (k >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 32) & mask }

    /// The candidates whose first word (or run-together words) hash to `k`.
    @inline(__always)
    func candidates(_ k: UInt64) -> Range<Int> {
        var i = WordTable.slot(k, mask)
        while used[i] {
            if keys[i] == k { return Int(first[i])..<Int(first[i] + count[i]) }
            i = (i + 1) & mask
        }
        return 0..<0
    }

    @inline(__always) func length(_ c: Int) -> Int { Int(wordCount[c]) }
    @inline(__always) func part(_ c: Int) -> Int { Int(ids[c]) }

    /// Whether candidate `c`'s words after the first follow in `text` from `i`.
    @inline(__always)
    func matches(_ c: Int, _ text: UnsafeBufferPointer<UInt64>, at i: Int) -> Bool {
        let s = Int(wordStart[c]), n = Int(wordCount[c])
        var k = 1
        while k < n {
            if text[i + k] != words[s + k] { return false }
            k += 1
        }
        return true
    }
}

/// A map from 64-bit hashes to small integers (open addressing, linear probing), for building a
/// matcher without a Dictionary (see `SignalMatcher.init`).
struct HashSlots {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var filled = 0

    init(capacity: Int) {
        var c = 16
        while c < capacity * 2 { c *= 2 }
        keys = Array(repeating: 0, count: c)
        values = Array(repeating: -1, count: c)
        mask = c - 1
    }

    subscript(_ k: UInt64) -> Int? {
        get {
            var i = WordTable.slot(k, mask)
            while values[i] >= 0 {
                if keys[i] == k { return Int(values[i]) }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            guard let v = newValue else { return }
            if filled * 2 >= keys.count { grow() }
            var i = WordTable.slot(k, mask)
            while values[i] >= 0 && keys[i] != k { i = (i + 1) & mask }
            if values[i] < 0 { filled += 1 }
            keys[i] = k; values[i] = Int32(v)
        }
    }

    private mutating func grow() {
        let old = (keys, values)
        keys = Array(repeating: 0, count: old.0.count * 2)
        values = Array(repeating: -1, count: old.0.count * 2)
        mask = keys.count - 1
        filled = 0
        for (k, v) in zip(old.0, old.1) where v >= 0 { self[k] = Int(v) }
    }
}

extension StemCut {
    /// The stemmed hashes of a word, from two running hashes of it as they stood after its last
    /// byte and before its last one, two and three bytes.
    @inline(__always)
    func pick(_ a: (UInt64, UInt64, UInt64, UInt64), _ b: (UInt64, UInt64, UInt64, UInt64)) -> (UInt64, UInt64) {
        switch self {
        case .none: return (a.0, b.0)
        case .one: return (a.1, b.1)
        case .two: return (a.2, b.2)
        case .iesToY: return (WordHash.add(a.3, 0x79), WordHash.add(b.3, 0x79))
        }
    }
}
