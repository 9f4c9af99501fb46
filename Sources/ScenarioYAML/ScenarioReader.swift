import InterviewKit
import Yams

/// Walks a composed YAML tree into a `Scenario`, recording problems instead of stopping at the first.
struct ScenarioReader {
    let file: String
    var issues: [ScenarioIssue] = []

    init(file: String) { self.file = file }

    static let idPattern = "lower-case letters, digits and hyphens, starting with a letter (like `ann-index`)"

    // MARK: primitives

    mutating func issue(_ node: Node?, _ message: String, fix: String = "") {
        let m = node?.mark
        issues.append(ScenarioIssue(file: file, location: SourceLocation(line: m?.line ?? 1, column: m?.column ?? 1),
                                    message: message, fix: fix))
    }

    /// A mapping's entries by key, reporting duplicates, unknown keys and missing required ones.
    mutating func fields(_ node: Node, _ what: String, required: [String], optional: [String]) -> [String: Node]? {
        guard let map = node.mapping else {
            issue(node, "\(what) must be a mapping of `key: value` lines", fix: "expected keys: \((required + optional).joined(separator: ", "))")
            return nil
        }
        var out: [String: Node] = [:]
        out.reserveCapacity(required.count + optional.count)
        for (k, v) in map {
            guard let key = k.string else { issue(k, "a key in \(what) is not text"); continue }
            if out[key] != nil { issue(k, "`\(key)` appears twice in \(what)", fix: "keep one of them"); continue }
            // a handful of keys: a look along two short lists beats building a set each time
            if !required.contains(key) && !optional.contains(key) {
                let near = Self.nearest(key, in: required + optional)
                issue(k, "unknown key `\(key)` in \(what)",
                      fix: near.map { "did you mean `\($0)`?" } ?? "known keys: \((required + optional).joined(separator: ", "))")
                continue
            }
            out[key] = v
        }
        for r in required where out[r] == nil {
            issue(node, "\(what) is missing `\(r)`", fix: "add a `\(r):` line")
        }
        return out
    }

    mutating func text(_ node: Node?, _ what: String, allowEmpty: Bool = false) -> String? {
        guard let node else { return nil }
        guard let s = node.scalar?.string else {
            issue(node, "\(what) must be text", fix: "write it on one line, or after `|` on the following lines")
            return nil
        }
        let t = s.trimmedText
        if t.isEmpty && !allowEmpty { issue(node, "\(what) is empty", fix: "write something, or remove the key"); return nil }
        return t
    }

    mutating func identifier(_ node: Node?, _ what: String) -> String? {
        guard let s = text(node, what) else { return nil }
        let ok = s.first.map { $0 >= "a" && $0 <= "z" } == true
            && s.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" } && s.count <= 64
        if !ok { issue(node, "\(what) `\(s)` is not a valid id", fix: "use \(Self.idPattern)"); return nil }
        return s
    }

    mutating func integer(_ node: Node?, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let s = node.scalar?.string, let v = Int(s.trimmedText) else {
            issue(node, "\(what) must be a whole number", fix: "for example \(range.lowerBound + (range.upperBound - range.lowerBound) / 2)")
            return nil
        }
        if !range.contains(v) { issue(node, "\(what) is \(v); it must be from \(range.lowerBound) to \(range.upperBound)"); return nil }
        return v
    }

    mutating func fraction(_ node: Node?, _ what: String) -> Double? {
        guard let node else { return nil }
        guard let s = node.scalar?.string else { issue(node, "\(what) must be a number"); return nil }
        var str = s.trimmedText
        var percent = false
        if str.hasSuffix("%") { str.removeLast(); percent = true }
        guard var v = Double(str.trimmedText), v.isFinite else {
            issue(node, "\(what) must be a fraction of the stage such as 0.5 or 50%"); return nil
        }
        if percent { v /= 100 }
        if !(0...1).contains(v) { issue(node, "\(what) is \(s); it must be from 0 to 1 (or 0% to 100%)"); return nil }
        return v
    }

    mutating func list(_ node: Node?, _ what: String) -> [Node]? {
        guard let node else { return nil }
        guard let seq = node.sequence else {
            issue(node, "\(what) must be a list", fix: "write each entry on its own line starting with `- `, or [a, b, c]")
            return nil
        }
        return Array(seq)
    }

    mutating func texts(_ node: Node?, _ what: String, min: Int = 1) -> [String]? {
        guard let items = list(node, what) else { return nil }
        var out: [String] = []
        for it in items { if let t = text(it, "an entry of \(what)") { out.append(t) } }
        if out.count < min { issue(node, "\(what) needs at least \(min) entr\(min == 1 ? "y" : "ies")") }
        return out
    }

    mutating func levels(_ node: Node?, _ what: String) -> [Level]? {
        guard let ts = texts(node, what) else { return nil }
        var out: [Level] = []
        for (i, t) in ts.enumerated() {
            if let l = Level(rawValue: t.lowercased()) { out.append(l) } else {
                issue(node?.sequence.map { Array($0)[i] } ?? node, "unknown level `\(t)`", fix: "use mid, senior or staff")
            }
        }
        return out
    }

    static func nearest(_ word: String, in candidates: [String]) -> String? {
        func distance(_ a: String, _ b: String) -> Int {
            let a = Array(a), b = Array(b)
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            var prev = Array(0...b.count), cur = prev
            for i in 1...a.count {
                cur[0] = i
                for j in 1...b.count {
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return prev[b.count]
        }
        let best = candidates.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        if let b = best, b.1 <= max(2, word.count / 3) { return b.0 }
        return nil
    }

    // MARK: the scenario

    mutating func scenario(_ root: Node) -> Scenario? {
        let top = ["id", "title", "summary", "problem", "stages"]
        let opt = ["minutes", "levels", "facts", "rubric", "pitfalls", "reference_architecture"]
        guard let f = fields(root, "the scenario", required: top, optional: opt) else { return nil }
        let id = identifier(f["id"], "the scenario id")
        let title = text(f["title"], "title")
        let summary = text(f["summary"], "summary")
        let problem = text(f["problem"], "problem")
        let minutes = f["minutes"].map { integer($0, "minutes", range: 10...180) } ?? 45
        let levels = f["levels"].map { self.levels($0, "levels") } ?? Level.allCases
        var facts: [Fact] = []
        if let fs = list(f["facts"], "facts") {
            for n in fs { if let x = fact(n) { facts.append(x) } }
            duplicates(fs, facts.map(\.id), "fact")
        }
        let stages = self.stages(f["stages"])
        var checklistIDs = Set<String>()
        for s in stages ?? [] { for c in s.checklist { checklistIDs.insert(c.id) } }
        var rubric: [RubricArea] = []
        if let rs = list(f["rubric"], "rubric") {
            for n in rs { if let r = rubricArea(n) { rubric.append(r) } }
            duplicates(rs, rubric.map(\.id), "rubric area")
        }
        var pitfalls: [Pitfall] = []
        if let ps = list(f["pitfalls"], "pitfalls") {
            for n in ps { if let p = pitfall(n, checklistIDs: checklistIDs) { pitfalls.append(p) } }
            duplicates(ps, pitfalls.map(\.id), "pitfall")
        }
        let reference = f["reference_architecture"].flatMap { text($0, "reference_architecture") } ?? ""
        guard let id, let title, let summary, let problem, let minutes, let levels, let stages else { return nil }
        if levels.isEmpty { issue(f["levels"], "levels is empty", fix: "list at least one of mid, senior, staff") }
        return Scenario(id: id, title: title, summary: summary, problem: problem, minutes: minutes, levels: levels,
                        facts: facts, stages: stages, rubric: rubric, pitfalls: pitfalls, referenceArchitecture: reference)
    }

    mutating func duplicates(_ nodes: [Node], _ ids: [String], _ what: String) {
        var seen = Set<String>()
        for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
            issue(i < nodes.count ? nodes[i] : nil, "the \(what) id `\(id)` is used twice", fix: "give each \(what) its own id")
        }
    }

    mutating func fact(_ n: Node) -> Fact? {
        guard let f = fields(n, "a fact", required: ["id", "asks", "answer"], optional: ["topic"]) else { return nil }
        let id = identifier(f["id"], "the fact id")
        let asks = texts(f["asks"], "asks")
        let answer = text(f["answer"], "answer")
        let topic = f["topic"].flatMap { text($0, "topic") }
        guard let id, let asks, let answer else { return nil }
        return Fact(id: id, topic: topic ?? id, asks: asks, answer: answer)
    }

    mutating func stages(_ node: Node?) -> [Stage]? {
        guard let node else { return nil }
        let names = StageKind.allCases.map(\.rawValue)
        guard let f = fields(node, "stages", required: names, optional: []) else { return nil }
        var out: [Stage] = []
        var allItemIDs: [String: Node] = [:]
        var followUpIDs = Set<String>()
        for kind in StageKind.allCases {
            guard let n = f[kind.rawValue], let s = stage(n, kind: kind) else { continue }
            let itemNodes = n["checklist"]?.sequence.map { Array($0) } ?? []
            for (i, c) in s.checklist.enumerated() {
                let cn = i < itemNodes.count ? itemNodes[i] : n
                if allItemIDs[c.id] != nil { issue(cn, "the checklist id `\(c.id)` is used twice", fix: "checklist ids are unique across stages") }
                allItemIDs[c.id] = cn
            }
            for (i, fu) in s.followUps.enumerated() where !followUpIDs.insert(fu.id).inserted {
                issue(n["follow_ups"]?.sequence.map { Array($0) }?[i], "the follow-up id `\(fu.id)` is used twice", fix: "follow-up ids are unique across stages")
            }
            out.append(s)
        }
        // `missing` triggers must name checklist points of their own stage.
        for (si, s) in out.enumerated() {
            let own = Set(s.checklist.map(\.id))
            for (i, fu) in s.followUps.enumerated() {
                if case .missing(_, let items) = fu.trigger {
                    for it in items where !own.contains(it) {
                        let fn = f[out[si].kind.rawValue]?["follow_ups"]?.sequence.map { Array($0) }?[i]
                        issue(fn?["when"] ?? fn, "follow-up `\(fu.id)` waits for `\(it)`, which is not a checklist point of the \(s.kind.rawValue) stage",
                              fix: "use one of: \(s.checklist.map(\.id).joined(separator: ", "))")
                    }
                }
            }
        }
        guard out.count == StageKind.allCases.count else { return nil }
        let total = out.reduce(0) { $0 + $1.share }
        if total != 100 {
            issue(node, "the stage shares add up to \(total) %; they must add up to 100",
                  fix: "adjust the `share:` of some stages (defaults: \(StageKind.allCases.map { "\($0.rawValue) \($0.defaultShare)" }.joined(separator: ", ")))")
        }
        return out
    }

    mutating func stage(_ n: Node, kind: StageKind) -> Stage? {
        let what = "the \(kind.rawValue) stage"
        guard let f = fields(n, what, required: ["prompt", "checklist"], optional: ["share", "follow_ups", "hints"]) else { return nil }
        let prompt = text(f["prompt"], "prompt")
        let share = f["share"].map { integer($0, "share", range: 1...90) } ?? kind.defaultShare
        var checklist: [ChecklistItem] = []
        if let cs = list(f["checklist"], "checklist") {
            for c in cs { if let item = checklistItem(c) { checklist.append(item) } }
            if cs.isEmpty { issue(f["checklist"], "\(what) has an empty checklist", fix: "add the points a strong answer covers") }
        }
        var followUps: [FollowUp] = []
        if let fs = list(f["follow_ups"], "follow_ups") {
            for x in fs { if let fu = followUp(x) { followUps.append(fu) } }
        }
        let hints = f["hints"].flatMap { texts($0, "hints") } ?? []
        guard let prompt, let share else { return nil }
        return Stage(kind: kind, prompt: prompt, share: share, checklist: checklist, followUps: followUps, hints: hints)
    }

    mutating func checklistItem(_ n: Node) -> ChecklistItem? {
        guard let f = fields(n, "a checklist point", required: ["id", "point", "signals", "answer"], optional: ["tags"]) else { return nil }
        let id = identifier(f["id"], "the checklist id")
        let point = text(f["point"], "point")
        let signals = texts(f["signals"], "signals")
        let answer = text(f["answer"], "answer")
        let tags = f["tags"].flatMap { texts($0, "tags") } ?? []
        if let signals, let sn = f["signals"]?.sequence.map({ Array($0) }) {
            for (i, s) in signals.enumerated() where !Phrase.hasWords(s) {
                issue(i < sn.count ? sn[i] : n, "the signal `\(s)` has no words to look for", fix: "use letters or digits")
            }
        }
        for t in tags where !ChecklistItem.knownTags.contains(t) {
            issue(f["tags"], "unknown tag `\(t)`", fix: "known tags: \(ChecklistItem.knownTags.sorted().joined(separator: ", "))")
        }
        guard let id, let point, let signals, let answer else { return nil }
        return ChecklistItem(id: id, point: point, signals: signals, answer: answer, tags: tags)
    }

    mutating func followUp(_ n: Node) -> FollowUp? {
        guard let f = fields(n, "a follow-up", required: ["id", "ask", "when"], optional: ["levels"]) else { return nil }
        let id = identifier(f["id"], "the follow-up id")
        let ask = text(f["ask"], "ask")
        let trig = trigger(f["when"])
        let levels = f["levels"].flatMap { self.levels($0, "levels") } ?? []
        guard let id, let ask, let trig else { return nil }
        return FollowUp(id: id, ask: ask, trigger: trig, levels: levels)
    }

    mutating func trigger(_ node: Node?) -> Trigger? {
        guard let node else { return nil }
        if let s = node.scalar?.string {
            if s == "enter" { return .enter }
            issue(node, "`when: \(s)` is not a trigger", fix: "use `enter`, `{at: 0.5}`, `{at: 0.6, missing: [id]}` or `{mention: [phrase]}`")
            return nil
        }
        guard let f = fields(node, "the trigger", required: [], optional: ["at", "missing", "mention"]) else { return nil }
        if let m = f["mention"] {
            if f["at"] != nil || f["missing"] != nil { issue(node, "`mention` cannot be combined with `at` or `missing`", fix: "split it into two follow-ups") }
            guard let ps = texts(m, "mention") else { return nil }
            return .mention(ps)
        }
        guard let atNode = f["at"] else {
            issue(node, "the trigger needs `at` (a fraction of the stage) or `mention`", fix: "for example `{at: 0.5}`")
            return nil
        }
        guard let at = fraction(atNode, "at") else { return nil }
        if let m = f["missing"] {
            guard let ids = texts(m, "missing") else { return nil }
            return .missing(at: at, items: ids)
        }
        return .at(at)
    }

    mutating func rubricArea(_ n: Node) -> RubricArea? {
        let req = ["id", "title", "stages", "very_weak", "weak", "strong", "very_strong"]
        guard let f = fields(n, "a rubric area", required: req, optional: []) else { return nil }
        let id = identifier(f["id"], "the rubric id")
        let title = text(f["title"], "title")
        var stages: [StageKind] = []
        if let ts = texts(f["stages"], "stages") {
            for t in ts {
                if let k = StageKind(rawValue: t) { stages.append(k) } else {
                    issue(f["stages"], "unknown stage `\(t)`", fix: "use \(StageKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
        }
        let vw = text(f["very_weak"], "very_weak"), w = text(f["weak"], "weak")
        let s = text(f["strong"], "strong"), vs = text(f["very_strong"], "very_strong")
        guard let id, let title, let vw, let w, let s, let vs else { return nil }
        return RubricArea(id: id, title: title, stages: stages, veryWeak: vw, weak: w, strong: s, veryStrong: vs)
    }

    mutating func pitfall(_ n: Node, checklistIDs: Set<String>) -> Pitfall? {
        guard let f = fields(n, "a pitfall", required: ["id", "text", "when"], optional: []) else { return nil }
        let id = identifier(f["id"], "the pitfall id")
        let t = text(f["text"], "text")
        var cond: PitfallCondition?
        if let w = f["when"], let wf = fields(w, "the pitfall's `when`", required: [], optional: ["mention", "missing"]) {
            if let m = wf["mention"], let ps = texts(m, "mention") { cond = .mention(ps) }
            else if let m = wf["missing"], let ids = texts(m, "missing") {
                for i in ids where !checklistIDs.contains(i) {
                    issue(m, "pitfall `\(id ?? "?")` names `\(i)`, which is not a checklist point", fix: "use the id of a checklist point")
                }
                cond = .missing(ids)
            } else { issue(w, "the pitfall's `when` needs `mention` or `missing`") }
        }
        guard let id, let t, let cond else { return nil }
        return Pitfall(id: id, text: t, when: cond)
    }
}

extension ChecklistItem {
    /// Tags that generic pitfalls look for.
    public static let knownTags: Set<String> = ["online-metric", "offline-metric", "baseline"]
}
