/// A place in a scenario file, for error messages and for pointing a coach at the source.
public struct SourceLocation: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
}

/// One interview case: the problem, the interviewer's facts, the seven stages and the rubric.
public struct Scenario: Equatable, Sendable, Codable {
    public var id: String
    public var title: String
    public var summary: String
    public var problem: String
    public var minutes: Int
    public var levels: [Level]
    public var facts: [Fact]
    public var stages: [Stage]
    public var rubric: [RubricArea]
    public var pitfalls: [Pitfall]
    public var referenceArchitecture: String
    /// Where the scenario was loaded from (empty for one built in code or embedded in a recording).
    public var sourcePath: String = ""

    public init(id: String, title: String, summary: String, problem: String, minutes: Int, levels: [Level],
                facts: [Fact], stages: [Stage], rubric: [RubricArea], pitfalls: [Pitfall], referenceArchitecture: String) {
        self.id = id; self.title = title; self.summary = summary; self.problem = problem; self.minutes = minutes
        self.levels = levels; self.facts = facts; self.stages = stages; self.rubric = rubric; self.pitfalls = pitfalls
        self.referenceArchitecture = referenceArchitecture
    }

    /// All checklist items with their stage index.
    public var allChecklist: [(stage: Int, item: ChecklistItem)] {
        stages.enumerated().flatMap { (i, s) in s.checklist.map { (i, $0) } }
    }
}

/// Something the interviewer knows and tells when asked (scale, latency, data, labels …).
public struct Fact: Equatable, Sendable, Codable {
    public init(id: String, topic: String, asks: [String], answer: String) { self.id = id; self.topic = topic; self.asks = asks; self.answer = answer }
    public var id: String
    public var topic: String
    /// Phrases that, found in a clarifying question, select this fact.
    public var asks: [String]
    public var answer: String
}

/// One step of the framework as played in this case.
public struct Stage: Equatable, Sendable, Codable {
    public init(kind: StageKind, prompt: String, share: Int, checklist: [ChecklistItem], followUps: [FollowUp], hints: [String]) {
        self.kind = kind; self.prompt = prompt; self.share = share; self.checklist = checklist; self.followUps = followUps; self.hints = hints
    }
    public var kind: StageKind
    public var prompt: String
    /// Share of the interview in percent; the shares of a case add up to 100.
    public var share: Int
    public var checklist: [ChecklistItem]
    public var followUps: [FollowUp]
    /// Hints from a nudge to a near-answer, revealed one at a time.
    public var hints: [String]
    public var title: String { kind.title }
}

/// A point a strong answer covers, detected by its signal phrases.
public struct ChecklistItem: Equatable, Sendable, Codable {
    public init(id: String, point: String, signals: [String], answer: String, tags: [String] = []) {
        self.id = id; self.point = point; self.signals = signals; self.answer = answer; self.tags = tags
    }
    public var id: String
    public var point: String
    /// Phrases that show the point was made; `a + b` means both in the same paragraph.
    public var signals: [String]
    /// A one-sentence model answer shown in the report when the point was missed.
    public var answer: String
    /// Tags that generic pitfalls look for: `online-metric`, `offline-metric`, `baseline`.
    public var tags: [String]
}

/// A follow-up question and when the interviewer asks it.
public struct FollowUp: Equatable, Sendable, Codable {
    public init(id: String, ask: String, trigger: Trigger, levels: [Level] = []) { self.id = id; self.ask = ask; self.trigger = trigger; self.levels = levels }
    public var id: String
    public var ask: String
    public var trigger: Trigger
    /// Levels this follow-up is for; empty means every level.
    public var levels: [Level]
}

/// When a follow-up fires.
public enum Trigger: Equatable, Sendable, Codable {
    /// As soon as the stage is entered.
    case enter
    /// At a fraction (0…1) of the stage's budget.
    case at(Double)
    /// At a fraction of the budget, if any of the named checklist points is still missing.
    case missing(at: Double, items: [String])
    /// When the candidate mentions one of the phrases.
    case mention([String])

    /// How the trigger reads in help and in the report.
    public var summary: String {
        switch self {
        case .enter: return "on entering the stage"
        case .at(let f): return "at \(Int((f * 100).rounded())) % of the stage"
        case .missing(let f, let items): return "at \(Int((f * 100).rounded())) % if missing: \(items.joined(separator: ", "))"
        case .mention(let p): return "on mention of: \(p.joined(separator: ", "))"
        }
    }
}

/// A rubric area and what each of the four ratings looks like in this case.
public struct RubricArea: Equatable, Sendable, Codable {
    public init(id: String, title: String, stages: [StageKind], veryWeak: String, weak: String, strong: String, veryStrong: String) {
        self.id = id; self.title = title; self.stages = stages; self.veryWeak = veryWeak; self.weak = weak; self.strong = strong; self.veryStrong = veryStrong
    }
    public var id: String
    public var title: String
    /// Stages whose checklist feeds the automatic estimate.
    public var stages: [StageKind]
    public var veryWeak: String
    public var weak: String
    public var strong: String
    public var veryStrong: String
}

/// A mistake typical of this case, and how to spot it.
public struct Pitfall: Equatable, Sendable, Codable {
    public init(id: String, text: String, when: PitfallCondition) { self.id = id; self.text = text; self.when = when }
    public var id: String
    public var text: String
    public var when: PitfallCondition
}

/// What marks a pitfall as found.
public enum PitfallCondition: Equatable, Sendable, Codable {
    /// The candidate said one of these phrases (say, "accuracy" on a 0.1 % fraud rate).
    case mention([String])
    /// None of these checklist points was covered.
    case missing([String])
}
