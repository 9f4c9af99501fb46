import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What a candidate gets at the end: time per stage, coverage, follow-ups, hints, pitfalls and an estimate.
public struct Report: Equatable, Sendable, Codable {
    public var caseID: String
    public var title: String
    public var minutes: Int
    public var level: Level
    /// Interview time used, in seconds.
    public var elapsed: Double
    public var finished: Bool
    public var stages: [StageReport]
    public var followUps: [FollowUpReport]
    public var clarifications: [ClarificationReport]
    public var hintsUsed: Int
    public var pitfalls: [PitfallReport]
    public var rubric: [RubricScore]
    /// The candidate's sketch (nil when nothing was drawn); `SketchExport.text` draws it.
    public var sketch: Sketch?
    /// The case's reference architecture, for comparing with the sketch (nil when the case has none).
    public var referenceArchitecture: String?

    public struct StageReport: Equatable, Sendable, Codable {
        public var kind: StageKind
        public var title: String
        public var spent: Double
        public var budget: Double
        public var words: Int
        public var covered: [String]
        public var missed: [MissedPoint]
        public var hintsUsed: Int
        public var hintsAvailable: Int
        public var coveredFraction: Double { covered.count + missed.count == 0 ? 0 : Double(covered.count) / Double(covered.count + missed.count) }
    }
    public struct MissedPoint: Equatable, Sendable, Codable { public var point: String; public var answer: String }
    public struct FollowUpReport: Equatable, Sendable, Codable {
        public var stage: StageKind; public var ask: String; public var at: Double; public var answered: Bool
    }
    public struct ClarificationReport: Equatable, Sendable, Codable {
        public var question: String; public var answer: String; public var at: Double
    }
    public struct PitfallReport: Equatable, Sendable, Codable { public var id: String; public var text: String }
    public struct RubricScore: Equatable, Sendable, Codable {
        public var id: String; public var title: String; public var score: Int; public var label: String; public var looksLike: String
    }

    /// The reply when no fact answers a clarifying question.
    public static let assumeReply = "I don't have that detail: make a reasonable assumption and state it."

    public static let ratingLabels = ["", "very weak", "weak", "strong", "very strong"]

    /// Builds the report from a session at wall time `now`.
    public init(session s: Session, at now: Double) {
        let sc = s.scenario
        caseID = sc.id; title = sc.title; minutes = s.settings.minutes; level = s.settings.level
        elapsed = s.elapsed(at: now); finished = s.ended
        var stageReports: [StageReport] = []
        for (i, st) in sc.stages.enumerated() {
            let covered = st.checklist.filter { s.isCovered($0.id) }
            let missed = st.checklist.filter { !s.isCovered($0.id) }
            let words = s.notes[i].lines.filter { !CoverageIndex.isQuote($0) }
                .reduce(0) { $0 + TextDocument.words(in: $1) }
            stageReports.append(StageReport(kind: st.kind, title: st.title, spent: s.stageSpent(i, at: now), budget: s.budget(i),
                                            words: words, covered: covered.map(\.point),
                                            missed: missed.map { MissedPoint(point: $0.point, answer: $0.answer) },
                                            hintsUsed: s.hintsShown[i], hintsAvailable: st.hints.count))
        }
        stages = stageReports
        followUps = s.asked.compactMap { a in
            s.followUp(a).map { FollowUpReport(stage: sc.stages[a.stage].kind, ask: $0.ask, at: a.at, answered: s.isAnswered(a)) }
        }
        clarifications = s.clarifications.map { c in
            ClarificationReport(question: c.question, answer: c.fact.flatMap { id in sc.facts.first { $0.id == id }?.answer } ?? Report.assumeReply, at: c.at)
        }
        hintsUsed = s.hintsShown.reduce(0, +)
        pitfalls = Report.findPitfalls(s, stages: stageReports)
        rubric = sc.rubric.map { Report.estimate($0, session: s, stages: stageReports) }
        sketch = s.sketch.isEmpty ? nil : s.sketch
        referenceArchitecture = sc.referenceArchitecture.isEmpty ? nil : sc.referenceArchitecture
    }

    static func findPitfalls(_ s: Session, stages: [StageReport]) -> [PitfallReport] {
        var out: [PitfallReport] = []
        let sc = s.scenario
        let reached = s.stageIndex > 0 || s.ended
        if let c = stages.first, reached, c.spent < 0.5 * c.budget {
            out.append(.init(id: "short-requirements", text: "Too little time on the requirements: \(Report.clock(c.spent)) of \(Report.clock(c.budget)). Pin down the goal, scale and latency before designing."))
        }
        for st in stages where st.spent > 1.5 * st.budget {
            out.append(.init(id: "overrun-\(st.kind.rawValue)", text: "\(st.title) ran over its budget by half or more (\(Report.clock(st.spent)) of \(Report.clock(st.budget))); the later stages paid for it."))
        }
        func tagged(_ tag: String) -> [ChecklistItem] { sc.allChecklist.map(\.item).filter { $0.tags.contains(tag) } }
        let online = tagged("online-metric")
        if !online.isEmpty && !online.contains(where: { s.isCovered($0.id) }) {
            out.append(.init(id: "no-online-metric", text: "No online metric or A/B test: offline gains do not always carry over to users."))
        }
        let baseline = tagged("baseline")
        if !baseline.isEmpty && !baseline.contains(where: { s.isCovered($0.id) }) {
            out.append(.init(id: "no-baseline", text: "No simple baseline model: start simple and add complexity with a reason."))
        }
        if s.clarifications.isEmpty && reached {
            out.append(.init(id: "no-questions", text: "No clarifying question asked (F6): interviewers read that as the weakest signal in problem navigation."))
        }
        for (i, st) in stages.enumerated() where st.words == 0 && (s.ended || i < s.stageIndex) {
            out.append(.init(id: "empty-\(st.kind.rawValue)", text: "Nothing written for \(st.title)."))
        }
        for (k, pi) in s.signals.mentionPitfalls.enumerated() where s.coverage.anywhere(s.signals.pitfallTarget(k)) {
            let p = sc.pitfalls[pi]; out.append(.init(id: p.id, text: p.text))
        }
        for p in sc.pitfalls {
            if case .missing(let ids) = p.when, !ids.contains(where: { s.isCovered($0) }) { out.append(.init(id: p.id, text: p.text)) }
        }
        return out
    }

    /// A 1–4 estimate from the coverage of the area's stages, one step lower when many hints were needed.
    static func estimate(_ area: RubricArea, session s: Session, stages: [StageReport]) -> RubricScore {
        let idx = area.stages.compactMap { k in s.scenario.stages.firstIndex { $0.kind == k } }
        var frac: Double
        if idx.isEmpty {
            let answered = s.asked.isEmpty ? 0.5 : Double(s.asked.filter { s.isAnswered($0) }.count) / Double(s.asked.count)
            frac = 0.5 * answered + 0.5 * min(1, Double(s.clarifications.count) / 3)
        } else {
            let c = idx.reduce(0) { $0 + stages[$1].covered.count }
            let t = idx.reduce(0) { $0 + stages[$1].covered.count + stages[$1].missed.count }
            frac = t == 0 ? 0 : Double(c) / Double(t)
        }
        var score = frac < 0.25 ? 1 : frac < 0.5 ? 2 : frac < 0.75 ? 3 : 4
        let hints = idx.reduce(0) { $0 + s.hintsShown[$1] }
        if hints >= 2 * max(1, idx.count) && score > 1 { score -= 1 }
        let looks = [area.veryWeak, area.weak, area.strong, area.veryStrong][score - 1]
        return RubricScore(id: area.id, title: area.title, score: score, label: ratingLabels[score], looksLike: looks)
    }

    /// The whole seconds `clock` shows for a time (its sign aside): what a screen can compare
    /// to know whether a clock's text changed, without making the text.
    public static func wholeSeconds(_ seconds: Double) -> Int { Int(abs(seconds).rounded(.down)) }

    /// `m:ss` (or `h:mm:ss`), with a minus sign for negative times.
    public static func clock(_ seconds: Double) -> String {
        let neg = seconds < 0
        let t = wholeSeconds(seconds)
        let h = t / 3600, m = (t % 3600) / 60, s = t % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }   // String(format:) is slow on the per-frame path
        let body = h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
        return (neg ? "-" : "") + body
    }
}
