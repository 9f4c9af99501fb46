import InterviewKit
import Testing
import TestSupport

/// The interview rules as tables: (setup, command, time) → events.
@Suite struct EngineRulesTests {
    func engine(_ s: Scenario = Fixtures.tiny(), minutes: Int = 45, level: Level = .senior) -> Engine {
        var e = Engine(scenario: s, settings: Settings(minutes: minutes, level: level))
        _ = e.handle(.start, at: 0)
        return e
    }

    func kinds(_ events: [Event]) -> [Event.Kind] { events.map(\.kind) }

    @Test func startingEntersTheFirstStageAndAsksItsOpeningQuestion() {
        let s = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "open", ask: "What do you need?", trigger: .enter, levels: [])]])
        var e = Engine(scenario: s, settings: Settings(minutes: 45, level: .senior))
        let out = e.handle(.start, at: 0)
        #expect(kinds(out) == [.started(minutes: 45, level: .senior), .stageEntered(stage: 0), .followUpAsked(stage: 0, id: "open")])
        #expect(out.map(\.seq) == [1, 2, 3])
        #expect(e.session.notes[0].lines == ["> What do you need?", ""])
    }

    @Test(arguments: [
        // (minutes, stage, expected budget in seconds)
        (45, 0, 45.0 * 60 * 0.12), (30, 0, 30.0 * 60 * 0.12), (60, 3, 60.0 * 60 * 0.22), (45, 6, 45.0 * 60 * 0.10),
    ])
    func budgetsScaleWithTheChosenLength(minutes: Int, stage: Int, expected: Double) {
        let e = engine(minutes: minutes)
        #expect(abs(e.session.budget(stage) - expected) < 0.001)
    }

    @Test func aTimedFollowUpFiresAtItsFractionOfTheStageBudgetAndNotBefore() {
        let s = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "half", ask: "Half way?", trigger: .at(0.5), levels: [])]])
        var e = engine(s)
        let half = e.session.budget(0) * 0.5
        #expect(e.handle(.tick, at: half - 1).isEmpty)
        #expect(kinds(e.handle(.tick, at: half)) == [.followUpAsked(stage: 0, id: "half")])
        #expect(e.handle(.tick, at: half + 100).isEmpty, "asked once only")
    }

    @Test(arguments: [
        // (text typed before the trigger time, fires?)
        ("", true), ("we talk about alpha clarify here", false), ("ALPHA-CLARIFY in capitals and a hyphen", false),
        ("beta clarify only", true), ("first, and then clarify it in the same paragraph", false),
    ])
    func aMissingTriggerFiresOnlyWhenThePointIsStillMissing(text: String, fires: Bool) {
        let s = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "probe", ask: "What about alpha?", trigger: .missing(at: 0.6, items: ["clarify-a"]), levels: [])]])
        var e = engine(s)
        if !text.isEmpty { _ = e.handle(.edit(.insert(text, at: .init(line: 0, column: 0))), at: 1) }
        let out = e.handle(.tick, at: e.session.budget(0) * 0.6 + 0.5)
        #expect(out.contains { $0.kind == .followUpAsked(stage: 0, id: "probe") } == fires)
    }

    @Test func aMentionTriggerFiresWhenTheCandidateSaysThePhrase() {
        let s = Fixtures.tiny(followUps: [.frame: [FollowUp(id: "why-acc", ask: "Why accuracy?", trigger: .mention(["accuracy"]), levels: [])]])
        var e = engine(s)
        _ = e.handle(.nextStage, at: 10)
        #expect(e.handle(.edit(.insert("I would track acc", at: .init(line: 0, column: 0))), at: 11).count == 1)
        let out = e.handle(.edit(.insert("uracy", at: .init(line: 0, column: 17))), at: 12)
        #expect(kinds(out).last == .followUpAsked(stage: 1, id: "why-acc"))
    }

    @Test func followUpsArePacedSoTheyNeverPileUp() {
        let s = Fixtures.tiny(followUps: [.data: [
            FollowUp(id: "one", ask: "One?", trigger: .at(0.1), levels: []),
            FollowUp(id: "two", ask: "Two?", trigger: .at(0.1), levels: []),
        ]])
        var e = engine(s)
        _ = e.handle(.goToStage(2), at: 0)
        let t = e.session.budget(2) * 0.1
        #expect(kinds(e.handle(.tick, at: t)) == [.followUpAsked(stage: 2, id: "one")])
        #expect(e.handle(.tick, at: t + e.followUpGap - 1).isEmpty)
        #expect(kinds(e.handle(.tick, at: t + e.followUpGap)) == [.followUpAsked(stage: 2, id: "two")])
    }

    @Test(arguments: [(Level.mid, false), (.senior, true), (.staff, true)])
    func levelLimitedFollowUpsFireOnlyForTheirLevels(level: Level, fires: Bool) {
        let s = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "senior", ask: "Trade-offs?", trigger: .at(0.2), levels: [.senior, .staff])]])
        var e = engine(s, level: level)
        #expect(!e.handle(.tick, at: e.session.budget(0) * 0.2).isEmpty == fires)
    }

    @Test func anOverrunIsWarnedOncePerStage() {
        var e = engine()
        let b = e.session.budget(0)
        #expect(e.handle(.tick, at: b).isEmpty)
        #expect(kinds(e.handle(.tick, at: b + 1)) == [.stageOverrun(stage: 0)])
        #expect(e.handle(.tick, at: b + 60).isEmpty)
        #expect(e.session.stageLeft(at: b + 60) < 0)
    }

    @Test func pauseStopsBothClocksAndRefusesEdits() {
        var e = engine()
        _ = e.handle(.tick, at: 100)
        #expect(kinds(e.handle(.togglePause, at: 100)) == [.paused])
        #expect(e.handle(.edit(.insert("x", at: .init(line: 0, column: 0))), at: 150).isEmpty)
        #expect(e.refusal == .paused)
        #expect(e.session.elapsed(at: 400) == 100)
        #expect(e.session.stageSpent(0, at: 400) == 100)
        #expect(kinds(e.handle(.togglePause, at: 400)) == [.resumed])
        #expect(e.session.elapsed(at: 410) == 110)
        #expect(e.session.stageSpent(0, at: 410) == 110)
    }

    @Test func pairSessionsCannotPause() {
        var e = Engine(scenario: Fixtures.tiny(), settings: Settings(minutes: 45, level: .senior, solo: false))
        _ = e.handle(.start, at: 0)
        #expect(e.handle(.togglePause, at: 5).isEmpty)
        #expect(e.refusal == .pauseNotAllowed)
    }

    /// The program being stopped pauses a running solo clock, and is otherwise nothing: no
    /// event and no refusal to show.
    @Test func beingStoppedPausesOnlyARunningSoloClock() {
        var running = engine()
        #expect(kinds(running.handle(.pauseIfRunning, at: 30)) == [.paused])
        #expect(running.session.elapsed(at: 500) == 30)

        var paused = engine()
        _ = paused.handle(.togglePause, at: 10)
        #expect(paused.handle(.pauseIfRunning, at: 20).isEmpty)
        #expect(paused.refusal == nil)
        #expect(paused.session.paused, "still paused: not toggled back")

        var ended = engine()
        _ = ended.handle(.end, at: 10)
        #expect(ended.handle(.pauseIfRunning, at: 20).isEmpty)
        #expect(ended.refusal == nil)

        var notStarted = Engine(scenario: Fixtures.tiny(), settings: Settings(minutes: 45, level: .senior))
        #expect(notStarted.handle(.pauseIfRunning, at: 0).isEmpty)
        #expect(notStarted.refusal == nil)

        var pair = Engine(scenario: Fixtures.tiny(), settings: Settings(minutes: 45, level: .senior, solo: false))
        _ = pair.handle(.start, at: 0)
        #expect(pair.handle(.pauseIfRunning, at: 5).isEmpty)
        #expect(pair.refusal == nil)
        #expect(!pair.session.paused)
    }

    @Test func timeIsCountedPerStageAcrossVisits() {
        var e = engine()
        _ = e.handle(.nextStage, at: 60)
        _ = e.handle(.previousStage, at: 100)
        _ = e.handle(.tick, at: 130)
        #expect(e.session.stageSpent(0, at: 130) == 90)
        #expect(e.session.stageSpent(1, at: 130) == 40)
        #expect(e.session.elapsed(at: 130) == 130)
    }

    @Test(arguments: [
        ("How many users do you have?", "scale"), ("What's the DAU?", "scale"), ("What latency is acceptable?", "latency"),
        ("Is there a budget for GPUs?", nil),
    ] as [(String, String?)])
    func clarifyingQuestionsAreAnsweredFromTheFacts(question: String, fact: String?) {
        var e = engine()
        #expect(kinds(e.handle(.askClarification(question), at: 5)) == [.clarificationAsked(stage: 0, question: question, fact: fact)])
    }

    @Test func hintsAreRevealedOneLevelAtATimeAndCounted() {
        var e = engine()
        #expect(kinds(e.handle(.revealHint, at: 1)) == [.hintShown(stage: 0, level: 1)])
        #expect(kinds(e.handle(.revealHint, at: 2)) == [.hintShown(stage: 0, level: 2)])
        #expect(e.handle(.revealHint, at: 3).isEmpty)
        #expect(e.refusal == .noMoreHints)
        #expect(e.session.hintsShown[0] == 2)
    }

    @Test func stageMovesStopAtTheEnds() {
        var e = engine()
        #expect(e.handle(.previousStage, at: 1).isEmpty)
        #expect(e.refusal == .firstStage)
        for i in 1..<7 { #expect(kinds(e.handle(.nextStage, at: Double(i))) == [.stageEntered(stage: i)]) }
        #expect(e.handle(.nextStage, at: 10).isEmpty)
        #expect(e.refusal == .lastStage)
    }

    @Test func nothingIsAcceptedAfterTheEnd() {
        var e = engine()
        #expect(kinds(e.handle(.end, at: 10)) == [.ended])
        #expect(e.handle(.edit(.insert("x", at: .init(line: 0, column: 0))), at: 11).isEmpty)
        #expect(e.refusal == .ended)
        #expect(e.session.elapsed(at: 500) == 10)
    }

    @Test func theFoldOfTheEventsGivesTheSameStateAsTheEngine() {
        let s = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "half", ask: "Half?", trigger: .at(0.5), levels: [])]])
        var e = Engine(scenario: s, settings: Settings(minutes: 30, level: .staff))
        var all = e.handle(.start, at: 0)
        all += e.handle(.edit(.insert("alpha clarify and more\nsecond line", at: .init(line: 0, column: 0))), at: 3)
        all += e.handle(.askClarification("how many users"), at: 4)
        all += e.handle(.tick, at: 200)
        all += e.handle(.revealHint, at: 201)
        all += e.handle(.nextStage, at: 250)
        all += e.handle(.edit(.delete(from: .init(line: 0, column: 0), to: .init(line: 0, column: 0))), at: 251)
        var replay = Session(scenario: s, settings: Settings(minutes: 45, level: .mid))
        for ev in all { replay.apply(ev) }
        let live = e.session
        #expect(replay.notes == live.notes)
        #expect(replay.asked == live.asked)
        #expect(replay.clarifications == live.clarifications)
        #expect(replay.coverage == live.coverage)
        #expect(replay.settings == live.settings)
        #expect(replay.stageSpent(0, at: 300) == live.stageSpent(0, at: 300))
        let rebuilt = Engine(scenario: s, settings: Settings(minutes: 45, level: .mid), events: all)
        #expect(rebuilt.nextSeq == e.nextSeq)
    }
}
