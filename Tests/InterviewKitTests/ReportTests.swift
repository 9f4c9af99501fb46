import InterviewKit
import Testing
import TestSupport

@Suite struct ReportTests {
    @Test func theReportCountsTimeCoverageHintsAndFindsGenericPitfalls() {
        let s = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "q", ask: "Why?", trigger: .enter, levels: [])]])
        var e = Engine(scenario: s, settings: Settings(minutes: 45, level: .senior))
        _ = e.handle(.start, at: 0)
        _ = e.handle(.edit(.insert("because alpha clarify matters to the product a lot", at: e.session.notes[0].end)), at: 5)
        _ = e.handle(.revealHint, at: 6)
        _ = e.handle(.nextStage, at: 20)                       // clarify: 20 s of 324 s: too short
        _ = e.handle(.edit(.insert("we use accuracy", at: .init(line: 0, column: 0))), at: 30)
        _ = e.handle(.tick, at: 20 + 324 * 1.6)               // frame overran by more than half
        _ = e.handle(.end, at: 20 + 324 * 1.6)
        let r = Report(session: e.session, at: 2000)
        #expect(r.stages[0].covered == ["Point A of clarify"])
        #expect(r.stages[0].missed.map(\.answer) == ["Say beta."])
        #expect(r.hintsUsed == 1)
        #expect(r.followUps.count == 1 && r.followUps[0].answered)
        let ids = Set(r.pitfalls.map(\.id))
        #expect(ids.isSuperset(of: ["short-requirements", "overrun-frame", "no-online-metric", "no-baseline", "no-questions", "acc", "empty-data"]))
        #expect(r.rubric.count == 1 && (1...4).contains(r.rubric[0].score))
        let md = r.markdown()
        #expect(md.contains("| Clarify requirements | 0:20 | 5:24 | 1/2 |"))
        #expect(md.contains("- [ ] Point B of clarify: Say beta."))
        #expect(md.contains("automatic estimate"))
    }

    @Test func aFollowUpWithoutFiveWordsUnderItIsNotAnswered() {
        let s = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "q", ask: "Why?", trigger: .enter, levels: [])]])
        var e = Engine(scenario: s, settings: Settings(minutes: 45, level: .senior))
        _ = e.handle(.start, at: 0)
        _ = e.handle(.edit(.insert("only four words here", at: e.session.notes[0].end)), at: 5)
        #expect(!e.session.isAnswered(e.session.asked[0]))
        _ = e.handle(.edit(.insert(" now five", at: e.session.notes[0].end)), at: 6)
        #expect(e.session.isAnswered(e.session.asked[0]))
    }

    @Test(arguments: [(0.0, "0:00"), (59.9, "0:59"), (61, "1:01"), (3725, "1:02:05"), (-5, "-0:05")])
    func clocksReadAsMinutesAndSeconds(seconds: Double, text: String) {
        #expect(Report.clock(seconds) == text)
    }
}
