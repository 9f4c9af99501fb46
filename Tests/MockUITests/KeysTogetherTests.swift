import InterviewKit
import MockUI
import TerminalKit
import Testing
import TestSupport

/// Characters that arrive in one read come as one `.text` key: where typing is text they are
/// typed at once; everywhere else they act as the keys they are, one after another.
@Suite struct KeysTogetherTests {
    func app() throws -> MockApp {
        let s = try Fixtures.scenario("video-recommendation")
        let p = PracticeScreen(scenario: s, settings: Settings(minutes: 45, level: .senior), at: 0)
        var a = MockApp(screen: .practice(p), library: [s], glyphs: .unicode)
        _ = a.update(.resize(Size(width: 120, height: 40)), at: 0)
        _ = a.view(size: Size(width: 120, height: 40), at: 0)
        return a
    }

    func practice(_ a: MockApp) throws -> PracticeScreen {
        guard case .practice(let p) = a.screen else { throw Failure("not on the practice screen") }
        return p
    }

    struct Failure: Error { let text: String; init(_ t: String) { text = t } }

    @Test func aSketchCommandAndItsLabelTypedTogetherMakeTheBox() throws {
        var a = try app()
        _ = a.update(.key(.function(4)), at: 1)   // the sketch, full screen
        _ = a.update(.key(.text("bfeature store")), at: 1)
        let effects = a.update(.key(.enter), at: 1)
        let p = try practice(a)
        #expect(p.session.sketch.boxes.values.map(\.label) == ["feature store"])
        #expect(effects.contains { if case .record = $0 { return true }; return false })
    }

    @Test func textTypedIntoTheNotesStaysOneEdit() throws {
        var a = try app()
        let effects = a.update(.key(.text("two tower")), at: 1)
        let p = try practice(a)
        #expect(p.session.notes[0].text == "two tower")
        let recorded = effects.flatMap { e -> [Event] in if case .record(let ev) = e { return ev }; return [] }
        #expect(recorded.count == 1)
    }

    @Test func theAnswerToTheEndDialogAndTheReportsQuitTypedTogether() throws {
        var a = try app()
        _ = a.update(.key(.ctrl("q")), at: 1)
        let effects = a.update(.key(.text("yq")), at: 2)
        #expect(effects.contains { if case .saveReport = $0 { return true }; return false }, "y ended the interview")
        #expect(effects.contains { if case .quit = $0 { return true }; return false }, "q left the report")
        guard case .report = a.screen else { Issue.record("not on the report screen"); return }
    }

    @Test func theQuestionBeingAskedTakesTheTextTyped() throws {
        var a = try app()
        _ = a.update(.key(.function(6)), at: 1)
        _ = a.update(.key(.text("how many users?")), at: 1)
        let p = try practice(a)
        #expect(p.overlay == .ask("how many users?"))
    }

    @Test func aPasteIntoTheSketchRunsNoCommands() throws {
        var a = try app()
        _ = a.update(.key(.function(4)), at: 1)
        let pasted = String(repeating: "bdxat", count: 10)   // fifty characters: a paste, not typing
        let effects = a.update(.key(.text(pasted)), at: 1)
        _ = a.update(.key(.enter), at: 1)
        #expect(effects.isEmpty)
        let p = try practice(a)
        #expect(p.session.sketch.boxes.isEmpty)
        #expect(p.sketchPane.mode == .normal)
    }
}
