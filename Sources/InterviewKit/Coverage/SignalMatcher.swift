/// Finds which targets (checklist points, mention triggers, facts) a paragraph signals.
///
/// Each target has signals; a signal is one phrase, or phrases joined by ` + ` that must all
/// appear in the same paragraph. Matching is by whole normalised words, so "ann" does not
/// match inside "annual". A multi-word phrase also matches its words run together
/// ("two tower" ↔ "twotower"), and two adjacent words match a one-word phrase ("pre trained" ↔ "pretrained").
public struct SignalMatcher: Sendable {
    struct Part: Sendable { var words: [String]; var id: Int }
    /// Phrases by their first word.
    private var byFirstWord: [String: [Part]] = [:]
    /// For each target, its signals as lists of part ids.
    private var signals: [[[Int]]] = []
    public private(set) var partCount = 0

    public init(targets: [[String]]) {
        var partIDs: [[String]: Int] = [:]
        for sigs in targets {
            var target: [[Int]] = []
            for s in sigs {
                var ids: [Int] = []
                for piece in s.components(separatedBy: " + ") {
                    let words = Phrase.words(of: piece)
                    if words.isEmpty { continue }
                    let id: Int
                    if let e = partIDs[words] { id = e } else {
                        id = partCount; partCount += 1; partIDs[words] = id
                        byFirstWord[words[0], default: []].append(Part(words: words, id: id))
                        if words.count > 1 {
                            byFirstWord[words.joined(), default: []].append(Part(words: [words.joined()], id: id))
                        }
                    }
                    ids.append(id)
                }
                if !ids.isEmpty { target.append(ids) }
            }
            signals.append(target)
        }
    }

    /// The part ids found in a list of words.
    func parts(in words: [String]) -> Set<Int> {
        var found = Set<Int>()
        let n = words.count
        var i = 0
        while i < n {
            if let cands = byFirstWord[words[i]] {
                for p in cands where i + p.words.count <= n {
                    var ok = true
                    var k = 1
                    while k < p.words.count { if words[i + k] != p.words[k] { ok = false; break }; k += 1 }
                    if ok { found.insert(p.id) }
                }
            }
            if i + 1 < n, let cands = byFirstWord[words[i] + words[i + 1]] {
                for p in cands where p.words.count == 1 { found.insert(p.id) }
            }
            i += 1
        }
        return found
    }

    /// The targets that a paragraph signals.
    public func targets(in paragraph: some StringProtocol) -> [Int] {
        let words = Phrase.words(of: paragraph)
        if words.isEmpty { return [] }
        let found = parts(in: words)
        if found.isEmpty { return [] }
        var out: [Int] = []
        for (t, sigs) in signals.enumerated() where sigs.contains(where: { $0.allSatisfy(found.contains) }) {
            out.append(t)
        }
        return out
    }

    /// How many signal phrases of each target a text contains (for choosing the best fact).
    public func scores(in text: some StringProtocol) -> [Int] {
        let found = parts(in: Phrase.words(of: text))
        return signals.map { sigs in sigs.filter { $0.allSatisfy(found.contains) }.count }
    }
}
