/// The state of one interview: a pure fold of its events over the scenario.
public struct Session: Sendable {
    public let scenario: Scenario
    public let signals: ScenarioSignals
    public private(set) var settings: Settings
    public private(set) var started = false
    public private(set) var ended = false
    public private(set) var stageIndex = 0
    public private(set) var paused = false
    /// Time of the last event folded in.
    public private(set) var lastEventAt: Double = 0
    public private(set) var eventCount = 0

    /// Interview time (pauses excluded) accumulated before the running segment.
    var activeBefore: Double = 0
    /// When the running segment began; nil while paused, not started or ended.
    var segmentStart: Double?
    var stageSpentBefore: [Double]

    public private(set) var notes: [TextDocument]
    /// Per stage, the undo and redo history of the notes (see `NotesHistory`).
    public private(set) var notesHistory: [NotesHistory]
    public private(set) var coverage: CoverageIndex
    public private(set) var asked: [AskedFollowUp] = []
    public private(set) var clarifications: [Clarification] = []
    public private(set) var hintsShown: [Int]
    public private(set) var overrunWarned: Set<Int> = []
    /// Interview time of each pause start, for the report and the replay timeline.
    public private(set) var pauses: [Double] = []
    /// The architecture sketch with its undo history.
    public private(set) var sketchDocument = SketchDocument()
    /// The stage and targets each sketch element's words count toward, by element id.
    var sketchCoverage: [Int: SketchCoverage] = [:]

    public init(scenario: Scenario, settings: Settings) {
        self.scenario = scenario
        self.settings = settings
        signals = ScenarioSignals(scenario)
        let n = scenario.stages.count
        stageSpentBefore = Array(repeating: 0, count: n)
        notes = Array(repeating: TextDocument(), count: n)
        notesHistory = Array(repeating: NotesHistory(), count: n)
        coverage = CoverageIndex(stages: n, targets: signals.targetCount)
        hintsShown = Array(repeating: 0, count: n)
        // Empty notes hit nothing: the index starts empty, and the matchers are not built yet.
    }

    public var stage: Stage { scenario.stages[stageIndex] }

    // MARK: clocks (pure functions of the time asked about)

    /// Interview time at wall time `now`: pauses excluded, frozen at the end.
    public func elapsed(at now: Double) -> Double {
        guard let s = segmentStart else { return activeBefore }
        return activeBefore + max(0, now - s)
    }

    /// Time spent in stage `i` at wall time `now`.
    public func stageSpent(_ i: Int, at now: Double) -> Double {
        var t = stageSpentBefore[i]
        if i == stageIndex, let s = segmentStart { t += max(0, now - max(s, stageSegmentFloor)) }
        return t
    }
    /// When the current stage's running stretch began (for stage time after a stage change mid-segment).
    var stageSegmentFloor: Double = 0

    /// The whole interview's budget in seconds.
    public var totalBudget: Double { Double(settings.minutes * 60) }

    /// A stage's budget in seconds, scaled to the chosen length.
    public func budget(_ i: Int) -> Double {
        let total = scenario.stages.reduce(0) { $0 + $1.share }
        return totalBudget * Double(scenario.stages[i].share) / Double(max(1, total))
    }

    /// Seconds left in the current stage (negative when over).
    public func stageLeft(at now: Double) -> Double { budget(stageIndex) - stageSpent(stageIndex, at: now) }

    // MARK: coverage

    /// Whether checklist point `id` has been covered anywhere so far.
    public func isCovered(_ id: String) -> Bool {
        guard let t = signals.checklistTarget(id) else { return false }
        return coverage.anywhere(t)
    }

    /// Covered and total checklist points of a stage.
    public func coverageCount(stage i: Int) -> (covered: Int, total: Int) {
        let targets = signals.stageTargets[i]
        var covered = 0
        for t in targets where coverage.anywhere(t) { covered += 1 }
        return (covered, targets.count)
    }

    /// The follow-up currently put to the candidate, if any (the last asked in this stage).
    public var currentFollowUp: AskedFollowUp? {
        asked.last { $0.stage == stageIndex }
    }

    public func followUp(_ a: AskedFollowUp) -> FollowUp? {
        scenario.stages[a.stage].followUps.first { $0.id == a.id }
    }

    /// Whether the candidate wrote an answer (five words or more) under a follow-up's quoted line.
    public func isAnswered(_ a: AskedFollowUp) -> Bool {
        guard let fu = followUp(a) else { return false }
        let doc = notes[a.stage]
        let quote = Session.quoteLine(fu.ask)
        guard let i = doc.lines.lastIndex(of: quote) else { return false }
        var words = 0
        for line in doc.lines[(i + 1)...] {
            if CoverageIndex.isQuote(line) { break }
            words += TextDocument.words(in: line)
        }
        return words >= 5
    }

    /// How a follow-up appears in the notes.
    public static func quoteLine(_ ask: String) -> String { "> " + ask.replacing("\n", with: " ") }

    // MARK: the fold

    /// Folds one event into the state. Deterministic: the same events give the same state.
    public mutating func apply(_ e: Event) {
        let t = e.at
        eventCount += 1
        lastEventAt = max(lastEventAt, t)
        switch e.kind {
        case .started(let minutes, let level):
            settings.minutes = minutes
            settings.level = level
            started = true
            segmentStart = t
            stageSegmentFloor = t
        case .stageEntered(let i):
            guard i >= 0, i < scenario.stages.count else { return }
            closeStageStretch(at: t)
            notesHistory[stageIndex].close()
            stageIndex = i
        case .notesEdited(let i, let edit):
            guard i >= 0, i < notes.count else { return }
            let u = notes[i].applyUndoable(edit)
            notesHistory[i].record(u, atMs: Event.milliseconds(t))
            notesChanged(i, replaced: u.replaced, inserted: u.inserted)
        case .notesUndone(let i):
            guard i >= 0, i < notes.count, let edit = notesHistory[i].undo() else { return }
            let r = notes[i].apply(edit)
            notesChanged(i, replaced: r.replaced, inserted: r.inserted)
        case .notesRedone(let i):
            guard i >= 0, i < notes.count, let edit = notesHistory[i].redo() else { return }
            let r = notes[i].apply(edit)
            notesChanged(i, replaced: r.replaced, inserted: r.inserted)
        case .followUpAsked(let i, let id):
            guard i >= 0, i < notes.count, let fu = scenario.stages[i].followUps.first(where: { $0.id == id }) else { return }
            asked.append(AskedFollowUp(id: id, stage: i, at: elapsed(at: t)))
            var doc = notes[i]
            let end = doc.end
            let prefix = doc.isEmpty ? "" : (doc.lines[doc.lines.count - 1].isEmpty ? "" : "\n")
            let r = doc.apply(.insert(prefix + Session.quoteLine(fu.ask) + "\n", at: end))
            notes[i] = doc
            // The quote is the interviewer's: undo must never take it out, and the candidate's
            // steps from before it no longer fit the text around it, so the history starts afresh.
            notesHistory[i].clear(byFollowUp: true)
            notesChanged(i, replaced: r.replaced, inserted: r.inserted)
        case .clarificationAsked(let i, let q, let fact):
            guard i >= 0, i < notes.count else { return }
            clarifications.append(Clarification(stage: i, question: q, fact: fact, at: elapsed(at: t)))
            if deferredCoverage == nil { coverage.add(stage: i, text: q, matcher: signals.matcher) } else { deferredCoverage!.questions.append((i, q)) }
        case .hintShown(let i, let level):
            guard i >= 0, i < hintsShown.count else { return }
            hintsShown[i] = max(hintsShown[i], level)
        case .paused:
            guard !paused, segmentStart != nil else { return }
            closeStageStretch(at: t)
            pauses.append(elapsed(at: t))
            activeBefore = elapsed(at: t)
            segmentStart = nil
            paused = true
        case .resumed:
            guard paused else { return }
            paused = false
            segmentStart = t
            stageSegmentFloor = t
        case .stageOverrun(let i):
            overrunWarned.insert(i)
        case .ended:
            closeStageStretch(at: t)
            activeBefore = elapsed(at: t)
            segmentStart = nil
            ended = true
        case .sketchEdited(let edit, let joined):
            recountSketch(sketchDocument.apply(edit, joined: joined))
        case .sketchUndone:
            recountSketch(sketchDocument.undo())
        case .sketchRedone:
            recountSketch(sketchDocument.redo())
        }
    }

    /// Coverage follows a change to a stage's notes (typed, undone, redone or quoted alike),
    /// rescanning only the lines that changed; while a replay defers coverage, it catches up later.
    private mutating func notesChanged(_ i: Int, replaced: Range<Int>, inserted: Int) {
        if deferredCoverage == nil { coverage.update(stage: i, doc: notes[i], replaced: replaced, inserted: inserted, matcher: signals.matchers.targets) }
    }

    /// Sketch labels count toward coverage like typed notes, in the stage where they were written;
    /// only the elements an event touched are looked at again.
    private mutating func recountSketch(_ ids: [Int]) {
        for id in ids {
            let text = sketchDocument.sketch.text(of: id)
            if let old = sketchCoverage[id] {
                if old.text == text { continue }
                coverage.adjust(stage: old.stage, targets: old.targets, by: -1)
                sketchCoverage[id] = nil
            }
            guard let text, !text.isEmpty else { continue }
            let targets = signals.matcher.targets(in: text)
            coverage.adjust(stage: stageIndex, targets: targets, by: 1)
            sketchCoverage[id] = SketchCoverage(stage: stageIndex, text: text, targets: targets)
        }
    }

    /// Adds the running stretch of the current stage to its total and starts a new stretch at `t`.
    private mutating func closeStageStretch(at t: Double) {
        if let s = segmentStart {
            stageSpentBefore[stageIndex] += max(0, t - max(s, stageSegmentFloor))
        }
        stageSegmentFloor = t
    }

    // MARK: replay: coverage caught up in one go

    /// Set while a replay folds without rescanning each edit: the notes as they were when coverage
    /// was last right, and the questions asked since.
    var deferredCoverage: DeferredCoverage?

    struct DeferredCoverage: Sendable {
        var notes: [TextDocument]
        var questions: [(stage: Int, text: String)] = []
    }

    /// Stops rescanning the edited paragraph on every notes edit. A replay folds a whole
    /// recording and needs coverage only for the states it keeps or shows, where it calls
    /// `catchUpCoverage()`; the result is the same as scanning every edit.
    mutating func deferCoverage() {
        if deferredCoverage == nil { deferredCoverage = DeferredCoverage(notes: notes) }
    }

    /// Brings coverage up to date after deferred edits, rescanning only the lines that changed
    /// (a line keeps its revision number while its text is unchanged); keeps deferring.
    mutating func catchUpCoverage() {
        guard let d = deferredCoverage else { return }
        for i in notes.indices where d.notes[i].revisions != notes[i].revisions {
            let old = d.notes[i], new = notes[i]
            let kept = Set(new.revisions)
            var known: [Int: [Int]] = [:]
            for (k, rev) in old.revisions.enumerated() {
                let hits = coverage.lineHits[i][k]
                if kept.contains(rev) { known[rev] = hits } else { coverage.adjust(stage: i, targets: hits, by: -1) }
            }
            var fresh: [[Int]] = []
            fresh.reserveCapacity(new.lines.count)
            for (k, rev) in new.revisions.enumerated() {
                if let h = known[rev] { fresh.append(h); continue }
                let line = new.lines[k]
                let hits = CoverageIndex.isQuote(line) ? [] : signals.matcher.targets(in: line)
                coverage.adjust(stage: i, targets: hits, by: 1)
                fresh.append(hits)
            }
            coverage.lineHits[i] = fresh
        }
        for q in d.questions { coverage.add(stage: q.stage, text: q.text, matcher: signals.matcher) }
        deferredCoverage = DeferredCoverage(notes: notes)
    }
}

/// A follow-up that was put to the candidate.
public struct AskedFollowUp: Equatable, Sendable, Codable {
    public var id: String
    public var stage: Int
    /// Interview time when it was asked.
    public var at: Double
}

/// A clarifying question and the fact that answered it (nil: "make a reasonable assumption").
public struct Clarification: Equatable, Sendable, Codable {
    public var stage: Int
    public var question: String
    public var fact: String?
    public var at: Double
}
