import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Everything in a scenario that is found by phrases: checklist points, mention triggers and
/// mention pitfalls share one matcher; facts have their own.
///
/// The matchers are built on first use, not with the session: building them hashes every
/// phrase of the case (about 2 M instructions), which would otherwise stand between the
/// start of `mlsd practice` and its first frame, where no text is matched yet. The run loop
/// calls `prepare()` once that frame is out. Built once, shared by every copy.
public struct ScenarioSignals: Sendable {
    private let built: Built
    /// Both matchers, built on first use; read `matchers.targets` where a copy of the matcher
    /// (a retain of each of its tables) is not wanted, as on every key.
    public var matchers: SignalMatchers { built.matchers }
    /// Checklist points, mention follow-ups and mention pitfalls, in that target order.
    public var matcher: SignalMatcher { built.matchers.targets }
    /// The interviewer's facts, by the phrases that ask for them.
    public var factMatcher: SignalMatcher { built.matchers.facts }
    /// Target index of each checklist point, in `Scenario.allChecklist` order.
    public let checklistCount: Int
    /// (stage, follow-up index) of each mention follow-up, after the checklist targets.
    public let mentionFollowUps: [(stage: Int, index: Int)]
    /// Pitfall indices of each mention pitfall, after the follow-ups.
    public let mentionPitfalls: [Int]
    /// Per stage, the target index of each of its checklist points, in file order.
    public let stageTargets: [[Int]]
    /// The checklist points' ids in target order: a point's index here is its target (a few
    /// dozen, searched rather than hashed).
    private let checklistIDs: [String]

    public init(_ s: Scenario) {
        var targets: [[String]] = []
        var ids: [String] = []
        var perStage: [[Int]] = []
        // Checklist points in `allChecklist` order: stage by stage, so a stage's are a run.
        for st in s.stages {
            perStage.append(Array(ids.count..<(ids.count + st.checklist.count)))
            for item in st.checklist { ids.append(item.id); targets.append(item.signals) }
        }
        checklistCount = targets.count
        var fus: [(Int, Int)] = []
        for (si, st) in s.stages.enumerated() {
            for (fi, f) in st.followUps.enumerated() {
                if case .mention(let ps) = f.trigger { fus.append((si, fi)); targets.append(ps) }
            }
        }
        mentionFollowUps = fus
        var pits: [Int] = []
        for (pi, p) in s.pitfalls.enumerated() {
            if case .mention(let ps) = p.when { pits.append(pi); targets.append(ps) }
        }
        mentionPitfalls = pits
        checklistIDs = ids
        stageTargets = perStage
        // A closure, not the key path \.asks: a key path's first use makes its classes' metadata.
        let phrases = targets, facts = s.facts.map { $0.asks }
        built = Built { (SignalMatcher(targets: phrases), SignalMatcher(targets: facts)) }
    }

    /// Checklist id → target index.
    public func checklistTarget(_ id: String) -> Int? { checklistIDs.firstIndex(of: id) }

    /// Builds the matchers now, if no text has needed them yet.
    public func prepare() { _ = built.matchers }

    /// Whether the matchers have been built (tests).
    var matchersBuilt: Bool { built.isBuilt }

    public var targetCount: Int { checklistCount + mentionFollowUps.count + mentionPitfalls.count }
    public func followUpTarget(_ k: Int) -> Int { checklistCount + k }
    public func pitfallTarget(_ k: Int) -> Int { checklistCount + mentionFollowUps.count + k }

    /// The fact that best answers a question, or nil when none is asked for.
    public func fact(answering question: String, in s: Scenario) -> Int? {
        let sc = factMatcher.scores(in: question)
        guard let best = sc.indices.max(by: { sc[$0] < sc[$1] || (sc[$0] == sc[$1] && $0 > $1) }), sc[best] > 0 else { return nil }
        return best
    }
}

/// The two matchers of a case, made together and then only read.
public final class SignalMatchers: Sendable {
    /// Checklist points, mention follow-ups and mention pitfalls, in that target order.
    public let targets: SignalMatcher
    /// The interviewer's facts, by the phrases that ask for them.
    public let facts: SignalMatcher
    init(targets: SignalMatcher, facts: SignalMatcher) { self.targets = targets; self.facts = facts }
}

/// The matchers of a `ScenarioSignals`, made by `make` the first time they are asked for.
/// Once made they are read on every key without the lock: `ready` publishes them.
private final class Built: @unchecked Sendable {
    private let lock = Mutex<Void>(())
    private let ready = Atomic<Bool>(false)
    // Guarded by `lock`; `made` is written once, before `ready` is set, and only read after.
    private var make: (@Sendable () -> (SignalMatcher, SignalMatcher))?
    private var made: SignalMatchers?

    init(_ make: @escaping @Sendable () -> (SignalMatcher, SignalMatcher)) { self.make = make }

    var isBuilt: Bool { ready.load(ordering: .acquiring) }

    var matchers: SignalMatchers {
        if ready.load(ordering: .acquiring) { return made.unsafelyUnwrapped }
        return lock.withLock { _ in
            if let m = made { return m }
            let (t, f) = make!()
            let m = SignalMatchers(targets: t, facts: f)
            made = m
            make = nil
            ready.store(true, ordering: .releasing)
            return m
        }
    }
}

/// Which targets each stage's text signals, kept per line so that an edit rescans one paragraph.
public struct CoverageIndex: Sendable, Equatable {
    /// Per stage, per line: targets hit by that line.
    var lineHits: [[[Int]]]
    /// Per stage, per target: how many lines (or clarifying questions) hit it.
    public private(set) var counts: [[Int]]
    /// Per target: the sum of its counts over the stages (`anywhere` is asked for every
    /// checklist point on every frame). Derived from `counts`: not part of the value.
    private var totals: [Int]

    /// The word hashes of the line typed in last, so that the next key in it re-hashes only
    /// the words it touches, not the paragraph. Not part of the index's value.
    private var typing: (stage: Int, revision: Int, words: WordHash.LineWords)?

    public init(stages: Int, targets: Int) {
        lineHits = Array(repeating: [[]], count: stages)
        counts = Array(repeating: Array(repeating: 0, count: targets), count: stages)
        totals = Array(repeating: 0, count: targets)
    }

    public static func == (a: CoverageIndex, b: CoverageIndex) -> Bool { a.lineHits == b.lineHits && a.counts == b.counts }

    /// Lines that quote the interviewer (follow-ups) do not count as the candidate's words.
    @inline(__always)
    public static func isQuote(_ line: String) -> Bool {
        // By its first two bytes: asked of the line typed in on every key.
        var u = line.utf8.makeIterator()
        guard u.next() == 0x3E, u.next() == 0x20 else { return false }
        // A combining mark after the space makes the second character not a space.
        guard let third = u.next(), third >= 0x80 else { return true }
        return line.hasPrefix("> ")
    }

    /// Replaces the hits of `replaced` old lines with those of the `inserted` new lines.
    mutating func update(stage: Int, doc: TextDocument, replaced: Range<Int>, inserted: Int, matcher: SignalMatcher) {
        for hits in lineHits[stage][replaced] { for t in hits { counts[stage][t] -= 1; totals[t] -= 1 } }
        var fresh: [[Int]] = []
        fresh.reserveCapacity(inserted)
        for l in replaced.lowerBound..<(replaced.lowerBound + inserted) {
            let line = doc.lines[l]
            let hits: [Int]
            if CoverageIndex.isQuote(line) {
                hits = []
            } else if replaced.count == 1 && inserted == 1, let e = doc.lastInPlaceEdit, e.line == l, e.newRevision == doc.revisions[l] {
                hits = typed(line, stage: stage, edit: e, matcher: matcher)
            } else {
                hits = matcher.targets(in: line)
            }
            for t in hits { counts[stage][t] += 1; totals[t] += 1 }
            fresh.append(hits)
        }
        lineHits[stage].replaceSubrange(replaced, with: fresh)
    }

    /// The targets of a line just edited in place, from word hashes that follow the edit when
    /// the line was the one typed in before.
    private mutating func typed(_ line: String, stage: Int, edit e: InPlaceEdit, matcher: SignalMatcher) -> [Int] {
        var line = line
        if typing?.stage == stage && typing?.revision == e.oldRevision {
            var words = typing!.words
            typing = nil   // `words` is now the only reference: updating it copies nothing
            if line.withUTF8({ words.update($0, replacing: e.bytes, inserted: e.insertedBytes) }) {
                typing = (stage, e.newRevision, words)
                return matcher.targets(in: words.words)
            }
        }
        if let words = line.withUTF8({ WordHash.LineWords($0) }) {
            typing = (stage, e.newRevision, words)
            return matcher.targets(in: words.words)
        }
        typing = nil
        return matcher.targets(in: line)
    }

    /// Counts an extra piece of text (a clarifying question) toward a stage.
    mutating func add(stage: Int, text: String, matcher: SignalMatcher) {
        for t in matcher.targets(in: text) { counts[stage][t] += 1; totals[t] += 1 }
    }

    /// Adds (`by: 1`) or takes back (`by: -1`) targets already found in a piece of text (a sketch label).
    mutating func adjust(stage: Int, targets: [Int], by delta: Int) {
        for t in targets { counts[stage][t] += delta; totals[t] += delta }
    }

    /// Whether any stage's text hits the target.
    public func anywhere(_ t: Int) -> Bool { totals[t] > 0 }
    /// The stages whose text hits the target.
    public func stages(hitting t: Int) -> [Int] { counts.indices.filter { counts[$0][t] > 0 } }
}
