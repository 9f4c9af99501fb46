import InterviewKit
import MockUI
import TerminalKit
import Testing
import TestSupport

@Suite struct PracticeBehaviourTests {
    func screen() throws -> PracticeScreen {
        PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
    }

    @Test func ctrlNMovesToTheNextStageAndCtrlPBack() throws {
        var p = try screen()
        _ = p.handle(.ctrl("n"), at: 5)
        #expect(p.session.stageIndex == 1)
        _ = p.handle(.ctrl("p"), at: 6)
        #expect(p.session.stageIndex == 0)
    }

    @Test func endingAsksForConfirmationAndNKeepsGoing() throws {
        var p = try screen()
        _ = p.handle(.ctrl("q"), at: 5)
        #expect(p.overlay == .confirmEnd)
        #expect(!p.handle(.char("n"), at: 6).ended)
        #expect(p.overlay == nil)
        _ = p.handle(.function(10), at: 7)
        #expect(p.handle(.char("y"), at: 8).ended)
        #expect(p.session.ended)
    }

    @Test func typingEditsTheNotesOfTheCurrentStage() throws {
        var p = try screen()
        _ = p.handle(.text("héllo 漢字"), at: 1)
        _ = p.handle(.enter, at: 2)
        _ = p.handle(.char("x"), at: 3)
        _ = p.handle(.backspace, at: 4)
        _ = p.handle(.backspace, at: 5)
        _ = p.handle(.left, at: 6)
        _ = p.handle(.delete, at: 7)
        #expect(p.session.notes[0].text == "héllo 漢")
    }

    @Test func aFollowUpIsQuotedInTheNotesAndTheCursorGoesUnderIt() throws {
        var p = try screen()
        _ = p.handle(.text("some notes"), at: 1)
        let s = p.session
        // the first timed follow-up of the clarify stage
        let out = p.tick(at: s.budget(0) * 0.95)
        guard let asked = out.events.first(where: { if case .followUpAsked = $0.kind { return true }; return false }),
              case .followUpAsked(_, let id) = asked.kind,
              let fu = s.stage.followUps.first(where: { $0.id == id }) else {
            Issue.record("no follow-up fired by 95 % of the clarify stage"); return
        }
        #expect(p.session.notes[0].lines.contains(Session.quoteLine(fu.ask)))
        _ = p.handle(.text("my answer"), at: s.budget(0) * 0.95 + 1)
        #expect(p.session.notes[0].lines.last == "my answer")
    }

    @Test func theAskDialogSendsAQuestionAndTheAnswerShowsInThePromptPane() throws {
        var p = try screen()
        _ = p.handle(.function(6), at: 1)
        _ = p.handle(.text("What latency budget do we have?"), at: 2)
        _ = p.handle(.enter, at: 3)
        #expect(p.session.clarifications.count == 1)
        #expect(p.session.clarifications[0].fact != nil)
        let f = p.view(size: Size(width: 120, height: 40), at: 4, glyphs: .unicode)
        #expect(f.text.contains("You: What latency budget do we have?"))
    }

    @Test func ctrlWAndAltBackspaceDeleteAWordInTheAskDialog() throws {
        var p = try screen()
        _ = p.handle(.function(6), at: 1)
        _ = p.handle(.text("How many daily users "), at: 2)
        _ = p.handle(.ctrl("w"), at: 3)
        #expect(p.overlay == .ask("How many daily "))
        _ = p.handle(.altBackspace, at: 4)
        #expect(p.overlay == .ask("How many "))
    }

    @Test func escapeCancelsTheAskDialog() throws {
        var p = try screen()
        _ = p.handle(.function(6), at: 1)
        _ = p.handle(.char("x"), at: 2)
        _ = p.handle(.escape, at: 3)
        #expect(p.overlay == nil && p.session.clarifications.isEmpty)
    }

    @Test func everyFunctionKeyActionHasACtrlOrAltAlternative() {
        for b in Keymaps.practice.groups.flatMap(\.bindings) where b.keys.contains(where: { if case .function = $0 { return true }; return false }) {
            #expect(b.keys.contains { if case .ctrl = $0 { return true }; if case .alt = $0 { return true }; return false }, "\(b.help)")
        }
    }

    @Test func theStatusLineAndHelpComeFromTheSameTable() {
        let status = Keymaps.practice.statusItems.map(\.label)
        #expect(!status.isEmpty)
        let help = Keymaps.allText
        for b in Keymaps.practice.groups.flatMap(\.bindings) { #expect(help.contains(b.help)) }
    }

    @Test func theClockTurnsToOverWhenAStageRunsPastItsBudget() throws {
        var p = try screen()
        let b = p.session.budget(0)
        _ = p.tick(at: b + 30)
        let f = p.view(size: Size(width: 100, height: 30), at: b + 30, glyphs: .unicode)
        #expect(f.text.contains("over by 0:30"))
        let y = 0
        let row = (0..<f.size.width).map { f[$0, y] }
        #expect(row.contains { $0.style.role == .danger })
    }

    @Test func pausingFreezesTheClockAndHidesTheNotes() throws {
        var p = try screen()
        _ = p.handle(.text("secret"), at: 1)
        _ = p.handle(.function(3), at: 10)
        let f = p.view(size: Size(width: 100, height: 30), at: 500, glyphs: .unicode)
        #expect(f.text.contains("PAUSED"))
        #expect(f.text.contains("0:10 / 45:00"))
        #expect(!f.text.contains("secret"))
        _ = p.handle(.char("x"), at: 501)
        #expect(p.session.notes[0].text == "secret")
    }

    @Test func aLongPasteArrivesAsOneEditAndScrollsToTheCursor() throws {
        var p = try screen()
        let para = String(repeating: "word ", count: 100)
        let text = Array(repeating: para, count: 200).joined(separator: "\n")
        let out = p.handle(.text(text), at: 1)
        #expect(out.events.count == 1)
        let f = p.view(size: Size(width: 80, height: 24), at: 2, glyphs: .unicode)
        #expect(f.cursor != nil)
    }
}

/// The program about to be stopped (SIGTSTP): the time away is not counted.
@Suite struct StoppingTests {
    @Test func aRunningClockIsPausedAndSaysSo() throws {
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
        let out = p.stopping(at: 20)
        #expect(out.events.map(\.kind) == [.paused])
        #expect(p.session.paused)
        #expect(p.session.elapsed(at: 300) == 20)
        let f = p.view(size: Size(width: 100, height: 30), at: 300, glyphs: .unicode)
        #expect(f.text.contains("Paused while mlsd was stopped. F3 resumes."))
        // F3 goes on from where it stopped.
        _ = p.handle(.function(3), at: 300)
        #expect(!p.session.paused)
        #expect(p.session.elapsed(at: 310) == 30)
    }

    @Test func aPausedClockStaysPausedWithoutAWord() throws {
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
        _ = p.handle(.function(3), at: 10)
        #expect(p.stopping(at: 20).events.isEmpty)
        #expect(p.session.paused)
        let f = p.view(size: Size(width: 100, height: 30), at: 30, glyphs: .unicode)
        #expect(!f.text.contains("while mlsd was stopped"))
    }

    @Test func theAppPassesItToThePracticeScreenAndRecordsThePause() throws {
        let s = try Fixtures.scenario("video-recommendation")
        var app = MockApp(screen: .practice(PracticeScreen(scenario: s, settings: Settings(minutes: 45, level: .senior), at: 0)), library: [s], glyphs: .unicode)
        let effects = app.update(.stopping, at: 5)
        let recorded = effects.flatMap { e -> [Event.Kind] in if case .record(let ev) = e { return ev.map(\.kind) }; return [] }
        #expect(recorded == [.paused])
    }

    @Test func aPlayingReplayPauses() throws {
        let scenario = Fixtures.tiny()
        let r = try RecordingReader.parse(SessionScript.file(scenario, events: SessionScript.play(scenario, charsPerStage: 60)), path: "/tmp/x.mlsd")
        var s = ReplayScreen(replay: try Replay(recording: r))
        _ = s.handle(.char(" "), at: 0)
        s.tick(at: 1)
        s.stopping(at: 2)
        #expect(!s.replay.playing)
        #expect(abs(s.replay.time - 2) < 1e-6, "played up to the stop")
        #expect(s.view(size: Size(width: 100, height: 30), glyphs: .unicode).text.contains("Paused while mlsd was stopped"))
        s.tick(at: 60)
        #expect(abs(s.replay.time - 2) < 1e-6, "not through the time away")
    }
}
