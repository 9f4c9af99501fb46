import InterviewKit
import MockUI
import TerminalKit
import Testing
import TestSupport

/// Word-wise moves and deletes, paragraph ends, and undo and redo in the notes pane.
@Suite struct NotesEditingTests {
    func at(_ line: Int, _ column: Int) -> TextPosition { TextPosition(line: line, column: column) }

    /// The editor's answer to `key` with the cursor at `start` in `text`.
    func press(_ key: Key, in text: String, at start: TextPosition) -> (outcome: NotesEditor.Outcome, cursor: TextPosition) {
        var ed = NotesEditor()
        ed.cursor = start
        let o = ed.handle(key, doc: TextDocument(text), width: 30, height: 10)
        return (o, ed.cursor)
    }

    @Test(arguments: [
        // (text, start, key, where the cursor goes)
        ("héllo wörld", TextPosition(line: 0, column: 0), Key.ctrlRight, TextPosition(line: 0, column: 5)),
        ("héllo wörld", TextPosition(line: 0, column: 5), .ctrlRight, TextPosition(line: 0, column: 11)),
        ("héllo wörld", TextPosition(line: 0, column: 2), .alt("f"), TextPosition(line: 0, column: 5)),
        ("héllo wörld", TextPosition(line: 0, column: 11), .ctrlLeft, TextPosition(line: 0, column: 6)),
        ("héllo wörld", TextPosition(line: 0, column: 8), .alt("b"), TextPosition(line: 0, column: 6)),
        ("héllo wörld", TextPosition(line: 0, column: 6), .alt("b"), TextPosition(line: 0, column: 0)),
        ("漢字 and 日本語", TextPosition(line: 0, column: 0), .ctrlRight, TextPosition(line: 0, column: 2)),
        ("漢字 and 日本語", TextPosition(line: 0, column: 10), .ctrlLeft, TextPosition(line: 0, column: 7)),
        ("cafe\u{301} bar", TextPosition(line: 0, column: 0), .ctrlRight, TextPosition(line: 0, column: 4)),
        ("a/b-test, x", TextPosition(line: 0, column: 1), .ctrlRight, TextPosition(line: 0, column: 3)),
        ("a/b-test, x", TextPosition(line: 0, column: 3), .ctrlRight, TextPosition(line: 0, column: 8)),
        ("one\n\n  two", TextPosition(line: 2, column: 2), .ctrlLeft, TextPosition(line: 0, column: 0)),
        ("one\n\n  two", TextPosition(line: 0, column: 3), .ctrlRight, TextPosition(line: 2, column: 5)),
        ("end.  ", TextPosition(line: 0, column: 3), .ctrlRight, TextPosition(line: 0, column: 6)),
        ("  start", TextPosition(line: 0, column: 2), .ctrlLeft, TextPosition(line: 0, column: 0)),
        ("first line\nsecond 漢字 line", TextPosition(line: 1, column: 9), .ctrl("a"), TextPosition(line: 1, column: 0)),
        ("first line\nsecond 漢字 line", TextPosition(line: 1, column: 2), .ctrl("e"), TextPosition(line: 1, column: 14)),
    ])
    func wordAndParagraphMoves(text: String, start: TextPosition, key: Key, expected: TextPosition) {
        let r = press(key, in: text, at: start)
        #expect(r.outcome == .moved)
        #expect(r.cursor == expected, "\(key) from \(start) in \(text.debugDescription)")
    }

    @Test(arguments: [
        // (text, start, key, text afterwards)
        ("alpha beta  ", TextPosition(line: 0, column: 12), Key.ctrl("w"), "alpha "),
        ("alpha beta", TextPosition(line: 0, column: 8), .altBackspace, "alpha ta"),
        ("naïve 漢字", TextPosition(line: 0, column: 8), .ctrl("w"), "naïve "),
        ("one\ntwo", TextPosition(line: 1, column: 0), .ctrl("w"), "two"),
        ("  héllo wörld", TextPosition(line: 0, column: 0), .alt("d"), " wörld"),
        ("漢字, 日本語", TextPosition(line: 0, column: 2), .alt("d"), "漢字"),
        ("word\nnext", TextPosition(line: 0, column: 4), .alt("d"), "word"),
    ])
    func wordDeletes(text: String, start: TextPosition, key: Key, expected: String) {
        let r = press(key, in: text, at: start)
        guard case .edit(let e) = r.outcome else { Issue.record("\(key) gave \(r.outcome)"); return }
        var doc = TextDocument(text)
        doc.apply(e)
        #expect(doc.text == expected)
    }

    @Test func wordDeletesAtTheEdgesChangeNothing() {
        #expect(press(.ctrl("w"), in: "  ", at: at(0, 0)).outcome == .ignored)
        #expect(press(.altBackspace, in: "", at: at(0, 0)).outcome == .ignored)
        #expect(press(.alt("d"), in: "abc", at: at(0, 3)).outcome == .ignored)
    }

    @Test func ctrlZAndCtrlYAskForUndoAndRedo() {
        #expect(press(.ctrl("z"), in: "x", at: at(0, 1)).outcome == .undo)
        #expect(press(.alt("u"), in: "x", at: at(0, 1)).outcome == .undo)
        #expect(press(.ctrl("y"), in: "x", at: at(0, 1)).outcome == .redo)
        #expect(press(.alt("r"), in: "x", at: at(0, 1)).outcome == .redo)
    }

    // MARK: on the practice screen

    func screen(_ s: Scenario? = nil) throws -> PracticeScreen {
        PracticeScreen(scenario: try s ?? Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
    }

    /// Types `text` one key at a time, 0.2 s apart from `start`.
    func type(_ text: String, _ p: inout PracticeScreen, from start: Double) -> Double {
        var t = start
        for ch in text { _ = p.handle(.char(ch), at: t); t += 0.2 }
        return t
    }

    @Test func ctrlZTakesBackTheLastWordAndCtrlYBringsItBack() throws {
        var p = try screen()
        var t = type("users want ", &p, from: 1)
        _ = p.handle(.enter, at: t)
        t = type("fresh videos", &p, from: t + 0.2)
        _ = p.handle(.home, at: t)   // the cursor elsewhere: undo puts it where the change was
        #expect(p.editors[0].cursor == at(1, 0))
        let out = p.handle(.ctrl("z"), at: t + 1)
        #expect(out.events.map(\.kind) == [.notesUndone(stage: 0)])
        #expect(p.session.notes[0].text == "users want \nfresh ")
        #expect(p.editors[0].cursor == at(1, 6))
        _ = p.handle(.ctrl("z"), at: t + 2)
        _ = p.handle(.ctrl("z"), at: t + 3)
        #expect(p.session.notes[0].text == "users want ")
        #expect(p.editors[0].cursor == at(0, 11))
        _ = p.handle(.ctrl("y"), at: t + 4)
        _ = p.handle(.ctrl("y"), at: t + 5)
        #expect(p.session.notes[0].text == "users want \nfresh ")
        #expect(p.editors[0].cursor == at(1, 6))
        _ = p.handle(.ctrl("y"), at: t + 6)
        #expect(p.session.notes[0].text == "users want \nfresh videos")
        #expect(p.editors[0].cursor == at(1, 12))
        // typing goes on from there
        _ = p.handle(.char("!"), at: t + 7)
        #expect(p.session.notes[0].text == "users want \nfresh videos!")
    }

    @Test func nothingToUndoSaysSoOnTheStatusLine() throws {
        var p = try screen()
        let out = p.handle(.ctrl("z"), at: 1)
        #expect(out.events.isEmpty)
        let f = p.view(size: Size(width: 100, height: 30), at: 1, glyphs: .unicode)
        #expect(f.text.contains("Nothing to undo in this stage's notes."))
    }

    @Test func wordKeysWorkOnThePracticeScreenWithWideCharacters() throws {
        var p = try screen()
        _ = p.handle(.text("漢字 notes here"), at: 1)
        _ = p.handle(.ctrl("a"), at: 2)
        _ = p.handle(.ctrlRight, at: 3)
        #expect(p.editors[0].cursor == at(0, 2))
        let afterWord = try #require(p.view(size: Size(width: 100, height: 30), at: 3, glyphs: .unicode).cursor)
        _ = p.handle(.ctrl("a"), at: 4)
        let home = try #require(p.view(size: Size(width: 100, height: 30), at: 4, glyphs: .unicode).cursor)
        #expect(afterWord.x == home.x + 4 && afterWord.y == home.y, "two wide characters are four cells")
        _ = p.handle(.ctrl("e"), at: 5)
        _ = p.handle(.ctrl("w"), at: 6)
        #expect(p.session.notes[0].text == "漢字 notes ")
        _ = p.handle(.ctrl("a"), at: 7)
        _ = p.handle(.alt("d"), at: 8)
        #expect(p.session.notes[0].text == " notes ")
        _ = p.handle(.ctrl("z"), at: 9)
        #expect(p.session.notes[0].text == "漢字 notes ")
        #expect(p.editors[0].cursor == at(0, 2))
    }

    @Test func aFollowUpQuoteIsNeverUndone() throws {
        var p = try screen()
        _ = type("some thoughts", &p, from: 1)
        let s = p.session
        let out = p.tick(at: s.budget(0) * 0.95)
        #expect(out.events.contains { if case .followUpAsked = $0.kind { return true }; return false })
        let quoted = p.session.notes[0].text
        _ = p.handle(.ctrl("z"), at: s.budget(0) * 0.95 + 1)
        #expect(p.session.notes[0].text == quoted)
        let f = p.view(size: Size(width: 120, height: 40), at: s.budget(0) * 0.95 + 1, glyphs: .unicode)
        #expect(f.text.contains("Nothing to undo: the interviewer's follow-up"))
    }

    /// The cast export folds recorded events into a replaying screen: the cursor follows undo and
    /// redo there as it did live.
    @Test func replayMovesTheCursorForUndoAndRedo() throws {
        var live = try screen()
        var events = live.initialEvents
        var t = 1.0
        for ch in "alpha beta gamma" { events += live.handle(.char(ch), at: t).events; t += 0.2 }
        events += live.handle(.ctrl("a"), at: t).events
        events += live.handle(.ctrl("z"), at: t + 1).events
        let afterUndo = live.editors[0].cursor
        events += live.handle(.ctrl("y"), at: t + 2).events
        var shown = PracticeScreen(replaying: live.session.scenario, settings: live.session.settings)
        var cursors: [TextPosition] = []
        for e in events {
            shown.replay(e)
            if e.kind == .notesUndone(stage: 0) || e.kind == .notesRedone(stage: 0) { cursors.append(shown.editors[0].cursor) }
        }
        #expect(cursors == [afterUndo, live.editors[0].cursor])
        #expect(cursors == [at(0, 11), at(0, 16)])
        #expect(shown.session.notes[0].text == live.session.notes[0].text)
    }

    // MARK: the key table

    @Test func theNotesKeysAreFreeInThePracticeTableAndListedInHelp() {
        let practice = Set(Keymaps.practice.groups.flatMap(\.bindings).flatMap(\.keys))
        let help = Keymaps.allText
        let overlay = HelpOverlay.practiceLines().map { $0.spans.map(\.text).joined() }.joined(separator: "\n")
        for b in Keymaps.notes.groups.flatMap(\.bindings) {
            for k in b.keys {
                #expect(!practice.contains(k), "\(k) is taken by the practice screen")
                #expect(Keymaps.practice.action(for: k) == nil, "\(k) reaches a practice action")
            }
            #expect(help.contains(b.help), "mlsd keys lists \(b.help)")
            #expect(overlay.contains(b.help), "F1 help lists \(b.help)")
        }
        #expect(help.contains("Ctrl-Z, Alt-u") && help.contains("Ctrl-←, Alt-b") && help.contains("Ctrl-W, Alt-Backspace"))
    }

    @Test func aModifiedArrowNoTableNamesActsAsThePlainArrow() {
        #expect(Keymaps.home.action(for: .ctrlRight) == .longer)
        #expect(Keymaps.sketch.action(for: .ctrlLeft) == .left)
        #expect(Keymaps.sketch.action(for: .ctrl("z")) == .undo)
        #expect(Keymaps.replay.action(for: .ctrlRight) == .forward)
    }
}
