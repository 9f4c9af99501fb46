/// The interview rules: turns commands into events and folds them into the session.
///
/// It never reads a clock: every command comes with the time it happened.
public struct Engine: Sendable {
    public private(set) var session: Session
    public private(set) var nextSeq = 1
    /// The last refusal, for the UI to show.
    public private(set) var refusal: Refusal?

    /// Minimum interview time between two follow-ups, so that they never pile up.
    public var followUpGap: Double

    public init(scenario: Scenario, settings: Settings) {
        session = Session(scenario: scenario, settings: settings)
        followUpGap = Engine.defaultGap(minutes: settings.minutes)
    }

    /// Rebuilds an engine from recorded events (for resuming).
    public init(scenario: Scenario, settings: Settings, events: [Event]) {
        self.init(scenario: scenario, settings: settings)
        for e in events { session.apply(e); nextSeq = max(nextSeq, e.seq + 1) }
        followUpGap = Engine.defaultGap(minutes: session.settings.minutes)
    }

    /// Folds a recorded event as it was, without the rules (a recording replayed on screen).
    public mutating func foldRecorded(_ e: Event) {
        session.apply(e)
        nextSeq = max(nextSeq, e.seq + 1)
    }

    /// 45 s of interview time between follow-ups in a 45-minute interview, scaled with the length.
    public static func defaultGap(minutes: Int) -> Double { 45 * Double(minutes) / 45 }

    /// Handles a command at wall time `now` (seconds since the session began); returns the new events.
    public mutating func handle(_ command: Command, at now: Double) -> [Event] {
        var out: [Event] = []
        refusal = nil
        // Decides from values read off the session, never from a copy of it held across `emit`:
        // a live copy would make the fold copy the notes (every line of them) on each key.
        switch decide(command) {
        case .none: return []
        case .refuse(let r): refusal = r; return []
        case .emit(let kinds):
            for k in kinds { emit(k, at: now, into: &out) }
        }
        if command == .end { return out }
        checkTriggers(at: now, into: &out, justEntered: out.contains { if case .stageEntered = $0.kind { return true }; return false })
        return out
    }

    private enum Decision { case none, refuse(Refusal), emit([Event.Kind]) }

    /// What a command does to the session as it is now: nothing, a refusal, or these events.
    private func decide(_ command: Command) -> Decision {
        let s = session
        if command == .pauseIfRunning {
            return s.started && !s.ended && !s.paused && s.settings.solo ? .emit([.paused]) : Decision.none
        }
        if command != .start && !s.started { return .refuse(.notStarted) }
        if s.ended { return .refuse(.ended) }
        if s.paused {
            switch command {
            case .togglePause, .end, .tick: break
            default: return .refuse(.paused)
            }
        }
        switch command {
        case .start:
            if s.started { return Decision.none }
            return .emit([.started(minutes: s.settings.minutes, level: s.settings.level), .stageEntered(stage: 0)])
        case .tick:
            return .emit([])
        case .edit(let e):
            return .emit([.notesEdited(stage: s.stageIndex, edit: e)])
        case .undoNotes:
            let h = s.notesHistory[s.stageIndex]
            return h.canUndo ? .emit([.notesUndone(stage: s.stageIndex)]) : .refuse(.nothingToUndoInNotes(afterFollowUp: h.clearedByFollowUp))
        case .redoNotes:
            return s.notesHistory[s.stageIndex].canRedo ? .emit([.notesRedone(stage: s.stageIndex)]) : .refuse(.nothingToRedoInNotes)
        case .nextStage:
            if s.stageIndex + 1 >= s.scenario.stages.count { return .refuse(.lastStage) }
            return .emit([.stageEntered(stage: s.stageIndex + 1)])
        case .previousStage:
            if s.stageIndex == 0 { return .refuse(.firstStage) }
            return .emit([.stageEntered(stage: s.stageIndex - 1)])
        case .goToStage(let i):
            guard i >= 0, i < s.scenario.stages.count, i != s.stageIndex else { return Decision.none }
            return .emit([.stageEntered(stage: i)])
        case .askClarification(let q):
            let q = q.trimmed
            if q.isEmpty { return .refuse(.emptyQuestion) }
            let fact = s.signals.fact(answering: q, in: s.scenario).map { s.scenario.facts[$0].id }
            return .emit([.clarificationAsked(stage: s.stageIndex, question: q, fact: fact)])
        case .revealHint:
            let shown = s.hintsShown[s.stageIndex]
            if shown >= s.stage.hints.count { return .refuse(.noMoreHints) }
            return .emit([.hintShown(stage: s.stageIndex, level: shown + 1)])
        case .togglePause:
            if !s.settings.solo { return .refuse(.pauseNotAllowed) }
            return .emit([s.paused ? .resumed : .paused])
        case .pauseIfRunning:
            return Decision.none   // decided above, before the refusals
        case .end:
            return .emit([.ended])
        case .sketch(let c):
            switch sketchEvent(c) {
            case .success(let kind): return .emit([kind])
            case .failure(let r): return .refuse(r)
            case nil: return Decision.none
            }
        }
    }

    private mutating func emit(_ kind: Event.Kind, at now: Double, into out: inout [Event]) {
        let e = Event(seq: nextSeq, at: now, kind: kind)
        nextSeq += 1
        session.apply(e)
        out.append(e)
    }

    /// Fires at most one follow-up, and the overrun warning, for the current stage.
    private mutating func checkTriggers(at now: Double, into out: inout [Event], justEntered: Bool) {
        guard session.started, !session.ended, !session.paused else { return }
        let i = session.stageIndex
        if session.stageSpent(i, at: now) > session.budget(i), !session.overrunWarned.contains(i) {
            emit(.stageOverrun(stage: i), at: now, into: &out)
        }
        if let due = dueFollowUp(at: now) {
            let f = session.stage.followUps[due]
            let last = session.asked.last?.at
            let paced = last.map { session.elapsed(at: now) - $0 >= followUpGap - 1e-6 } ?? true
            let opening = f.trigger == .enter && justEntered
            if paced || opening { emit(.followUpAsked(stage: i, id: f.id), at: now, into: &out) }
        }
    }

    /// The first follow-up of the current stage, in file order, whose trigger holds now and that
    /// has not been asked; nil when none is due.
    public func dueFollowUp(at now: Double) -> Int? {
        // Asked on every command (every key): the session is read in place, not copied, and no
        // set of the asked ids is built (the few asked are searched).
        // Nor is the stage or each follow-up copied: their fields are read where they are.
        let i = session.stageIndex
        let spent = session.stageSpent(i, at: now)
        let budget = session.budget(i)
        let followUps = session.scenario.stages[i].followUps
        for fi in followUps.indices {
            if session.asked.contains(where: { $0.id == followUps[fi].id }) { continue }
            if !followUps[fi].levels.isEmpty && !followUps[fi].levels.contains(session.settings.level) { continue }
            switch followUps[fi].trigger {
            case .enter:
                return fi
            case .at(let frac):
                if spent >= frac * budget { return fi }
            case .missing(let frac, let items):
                if spent >= frac * budget && items.contains(where: { !session.isCovered($0) }) { return fi }
            case .mention:
                if let k = session.signals.mentionFollowUps.firstIndex(where: { $0.stage == i && $0.index == fi }),
                   session.coverage.counts[i][session.signals.followUpTarget(k)] > 0 { return fi }
            }
        }
        return nil
    }
}
