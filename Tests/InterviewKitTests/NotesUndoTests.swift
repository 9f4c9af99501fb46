import InterviewKit
import Testing
import TestSupport

/// Undo and redo of the notes: steps grouped from the events' times and edits, folded like any
/// other state, and never reaching into an interviewer's quote.
@Suite struct NotesUndoTests {
    func engine(_ s: Scenario = Fixtures.tiny()) -> Engine {
        var e = Engine(scenario: s, settings: Settings(minutes: 45, level: .senior))
        _ = e.handle(.start, at: 0)
        return e
    }

    /// Types `text` one key at a time at the end of the current stage's notes, `gap` seconds apart
    /// from `start`; returns the time of the last key.
    @discardableResult
    func type(_ text: String, _ e: inout Engine, from start: Double, gap: Double = 0.15) -> Double {
        var t = start
        for (k, ch) in text.enumerated() {
            t = start + Double(k) * gap
            let i = e.session.stageIndex
            _ = e.handle(.edit(.insert(String(ch), at: e.session.notes[i].end)), at: t)
        }
        return t
    }

    func backspace(_ e: inout Engine, at t: Double) {
        let doc = e.session.notes[e.session.stageIndex]
        let end = doc.end
        _ = e.handle(.edit(.delete(from: TextPosition(line: end.line, column: end.column - 1), to: end)), at: t)
    }

    func text(_ e: Engine) -> String { e.session.notes[e.session.stageIndex].text }

    @discardableResult
    func undo(_ e: inout Engine, at t: Double) -> [Event] { e.handle(.undoNotes, at: t) }
    @discardableResult
    func redo(_ e: inout Engine, at t: Double) -> [Event] { e.handle(.redoNotes, at: t) }

    @Test func typedWordsUndoOneWordAtATime() {
        var e = engine()
        type("the quick brown", &e, from: 1)
        #expect(text(e) == "the quick brown")
        #expect(undo(&e, at: 10).map(\.kind) == [.notesUndone(stage: 0)])
        #expect(text(e) == "the quick ")
        undo(&e, at: 11)
        #expect(text(e) == "the ")
        undo(&e, at: 12)
        #expect(text(e) == "")
        #expect(undo(&e, at: 13).isEmpty)
        #expect(e.refusal == .nothingToUndoInNotes(afterFollowUp: false))
        #expect(e.refusal?.message == "Nothing to undo in this stage's notes.")
    }

    @Test(arguments: [
        // (pause before the second half in seconds, steps)
        (0.5, 1), (1.999, 1), (2.0, 1), (2.0006, 2), (2.5, 2), (60, 2),
    ])
    func aPauseOfMoreThanTwoSecondsStartsANewStep(pause: Double, steps: Int) {
        var e = engine()
        let last = type("abc", &e, from: 1, gap: 0.2)
        type("def", &e, from: last + pause, gap: 0.2)
        #expect(e.session.notesHistory[0].undoDepth == steps)
        undo(&e, at: 100)
        #expect(text(e) == (steps == 1 ? "" : "abc"))
    }

    @Test func typingAwayFromTheCursorStartsANewStep() {
        var e = engine()
        type("abcd", &e, from: 1)
        _ = e.handle(.edit(.insert("X", at: TextPosition(line: 0, column: 1))), at: 2)
        #expect(text(e) == "aXbcd")
        undo(&e, at: 3)
        #expect(text(e) == "abcd")
    }

    @Test func enterEndsTheStepAndIsAStepOfItsOwn() {
        var e = engine()
        type("one", &e, from: 1)
        _ = e.handle(.edit(.insert("\n", at: e.session.notes[0].end)), at: 1.5)
        type("two", &e, from: 1.6)
        #expect(e.session.notesHistory[0].undoDepth == 3)
        undo(&e, at: 5)
        #expect(text(e) == "one\n")
        undo(&e, at: 6)
        #expect(text(e) == "one")
    }

    @Test func aPasteIsOneStepEvenInPieces() {
        var e = engine()
        type("note: ", &e, from: 1)
        // one paste, delivered by the terminal as text, Enter, text, a few milliseconds apart
        var t = 5.0
        for piece in ["first line of a paste", "\n", "second line", "\n", "x"] {
            _ = e.handle(.edit(.insert(piece, at: e.session.notes[0].end)), at: t)
            t += 0.004
        }
        #expect(text(e) == "note: first line of a paste\nsecond line\nx")
        undo(&e, at: 9)
        #expect(text(e) == "note: ")
        // a second paste a moment later is a step of its own
        _ = e.handle(.edit(.insert("again", at: e.session.notes[0].end)), at: 10)
        _ = e.handle(.edit(.insert(" more", at: e.session.notes[0].end)), at: 10.5)
        undo(&e, at: 11)
        #expect(text(e) == "note: again")
    }

    @Test func backspacesGroupLikeTyping() {
        var e = engine()
        _ = e.handle(.edit(.insert("one two three", at: TextPosition(line: 0, column: 0))), at: 1)
        var t = 3.0
        for _ in 0..<9 { backspace(&e, at: t); t += 0.1 }   // "three" and the space before it, then "two"
        #expect(text(e) == "one ")
        #expect(e.session.notesHistory[0].undoDepth == 3, "the paste, \" three\" and \"two\"")
        undo(&e, at: 9)
        #expect(text(e) == "one two")
        undo(&e, at: 10)
        #expect(text(e) == "one two three")
        redo(&e, at: 11)
        redo(&e, at: 12)
        #expect(text(e) == "one ")
    }

    @Test func deleteKeysGroupAndUndoBringsTheTextBack() {
        var e = engine()
        _ = e.handle(.edit(.insert("abc def", at: TextPosition(line: 0, column: 0))), at: 1)
        for k in 0..<3 { _ = e.handle(.edit(.delete(from: TextPosition(line: 0, column: 0), to: TextPosition(line: 0, column: 1))), at: 3 + Double(k) * 0.1) }
        #expect(text(e) == " def")
        undo(&e, at: 5)
        #expect(text(e) == "abc def")
        #expect(e.session.notesHistory[0].caret == TextPosition(line: 0, column: 3))
    }

    @Test func theCaretGoesWhereTheChangeWas() {
        var e = engine()
        _ = e.handle(.edit(.insert("alpha gamma", at: TextPosition(line: 0, column: 0))), at: 1)
        type("beta ", &e, from: 3)   // at the end
        _ = e.handle(.edit(.insert("漢字 ", at: TextPosition(line: 0, column: 6))), at: 6)
        undo(&e, at: 7)
        #expect(e.session.notesHistory[0].caret == TextPosition(line: 0, column: 6))
        redo(&e, at: 8)
        #expect(e.session.notesHistory[0].caret == TextPosition(line: 0, column: 9))
        #expect(text(e) == "alpha 漢字 gammabeta ")
    }

    @Test func undoThenRedoGivesTheSameTextAndCoverage() {
        var e = engine()
        var t = type("we cover alpha clarify early", &e, from: 1)
        _ = e.handle(.edit(.insert("\nand beta clarify too", at: e.session.notes[0].end)), at: t + 3)
        t += 4
        backspace(&e, at: t)
        let textBefore = text(e), coverageBefore = e.session.coverage
        #expect(e.session.coverageCount(stage: 0).covered == 2)
        let steps = e.session.notesHistory[0].undoDepth
        for k in 0..<steps { #expect(undo(&e, at: t + 1 + Double(k)).count == 1) }
        #expect(text(e) == "")
        #expect(e.session.coverageCount(stage: 0).covered == 0, "coverage follows the undone text")
        for k in 0..<steps { #expect(redo(&e, at: t + 100 + Double(k)).count == 1) }
        #expect(text(e) == textBefore)
        #expect(e.session.coverage == coverageBefore)
        #expect(redo(&e, at: 500).isEmpty && e.refusal == .nothingToRedoInNotes)
    }

    @Test func aNewEditClearsTheRedoSteps() {
        var e = engine()
        type("keep ", &e, from: 1)
        type("drop", &e, from: 5)
        undo(&e, at: 8)
        #expect(e.session.notesHistory[0].canRedo)
        type("new", &e, from: 9)
        #expect(!e.session.notesHistory[0].canRedo)
        #expect(redo(&e, at: 10).isEmpty)
        #expect(e.refusal == .nothingToRedoInNotes)
        #expect(text(e) == "keep new")
    }

    @Test func eachStageHasItsOwnHistory() {
        var e = engine()
        type("clarify notes", &e, from: 1)
        _ = e.handle(.nextStage, at: 5)
        #expect(undo(&e, at: 6).isEmpty, "nothing typed in stage 2 yet")
        type("frame", &e, from: 7)
        undo(&e, at: 9)
        #expect(e.session.notes[1].text == "")
        #expect(e.session.notes[0].text == "clarify notes")
        _ = e.handle(.previousStage, at: 10)
        undo(&e, at: 11)
        #expect(e.session.notes[0].text == "clarify ")
    }

    @Test func undoNeverRemovesAFollowUpQuote() {
        let s = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "half", ask: "What about scale?", trigger: .at(0.5), levels: [])]])
        var e = engine(s)
        type("my first thoughts", &e, from: 1)
        let half = e.session.budget(0) * 0.5
        #expect(e.handle(.tick, at: half).map(\.kind) == [.followUpAsked(stage: 0, id: "half")])
        let quoted = text(e)
        #expect(quoted.contains("> What about scale?"))
        #expect(undo(&e, at: half + 1).isEmpty)
        #expect(e.refusal == .nothingToUndoInNotes(afterFollowUp: true))
        #expect(text(e) == quoted)
        type("ten million users", &e, from: half + 2)
        for k in 0..<5 { undo(&e, at: half + 10 + Double(k)) }
        #expect(text(e) == quoted, "only the answer under the quote is undone")
        #expect(e.session.notes[0].lines.contains("> What about scale?"))
    }

    @Test func theHistoryKeepsAtMostAThousandStepsPerStage() {
        var e = engine()
        for k in 0..<(NotesHistory.maxSteps + 50) {
            _ = e.handle(.edit(.insert("w\(k) ", at: e.session.notes[0].end)), at: Double(k) * 3 + 1)
        }
        #expect(e.session.notesHistory[0].undoDepth == NotesHistory.maxSteps)
        var n = 0
        while !undo(&e, at: 10_000 + Double(n)).isEmpty { n += 1 }
        #expect(n == NotesHistory.maxSteps)
        #expect(text(e).hasPrefix("w0 w1 ") && text(e).hasSuffix("w49 "), "the oldest 50 steps are kept as text")
    }

    @Test func undoWhilePausedIsRefused() {
        var e = engine()
        type("abc", &e, from: 1)
        _ = e.handle(.togglePause, at: 2)
        #expect(undo(&e, at: 3).isEmpty && e.refusal == .paused)
    }

    /// Edits, undos and redos through the engine, then the same events written as lines, read
    /// back (times rounded to milliseconds) and folded afresh: the same notes, coverage and history.
    @Test func aRecordingReplaysUndoExactly() throws {
        var e = engine()
        var events: [Event] = []
        var t = 1.23456
        func run(_ c: Command) { events += e.handle(c, at: t) }
        for word in ["alpha ", "clarify ", "and ", "beta "] {
            for ch in word { run(.edit(.insert(String(ch), at: e.session.notes[0].end))); t += 0.3337 }
            t += 1.6669   // some pauses fall near the two-second limit
        }
        run(.undoNotes); t += 0.5
        run(.undoNotes); t += 0.5
        run(.redoNotes); t += 1.9996
        for _ in 0..<4 {
            let end = e.session.notes[0].end
            run(.edit(.delete(from: TextPosition(line: 0, column: end.column - 1), to: end))); t += 1.9996
        }
        run(.undoNotes)
        let r = try RecordingReader.parse(SessionScript.file(e.session.scenario, events: events), path: "t.mlsd")
        #expect(r.issues.isEmpty)
        #expect(r.events.contains { $0.kind == .notesUndone(stage: 0) } && r.events.contains { $0.kind == .notesRedone(stage: 0) })
        let fresh = Engine(scenario: r.scenario, settings: r.settings, events: r.events).session
        #expect(fresh.notes == e.session.notes)
        #expect(fresh.coverage == e.session.coverage)
        #expect(fresh.notesHistory == e.session.notesHistory)
        // and through the replay's snapshots (coverage caught up in one go)
        let snaps = try Snapshots(scenario: r.scenario, settings: r.settings, events: r.events, interval: 5)
        #expect(snaps.final.notes == e.session.notes)
        #expect(snaps.final.coverage == e.session.coverage)
        for k in 0...r.events.count {
            let s = snaps.state(after: k)
            let folded = Engine(scenario: r.scenario, settings: r.settings, events: Array(r.events.prefix(k))).session
            #expect(s.notes == folded.notes && s.coverage == folded.coverage, "after \(k) events")
        }
    }

    @Test(arguments: [
        // (line, edit, exact): an accent typed after a letter merges with it; so does half a flag
        ("cafe", TextEdit.insert("\u{301}", at: TextPosition(line: 0, column: 4)), false),
        ("x🇺y🇸🇪", TextEdit.delete(from: TextPosition(line: 0, column: 2), to: TextPosition(line: 0, column: 3)), false),
        ("ab\ncd", TextEdit(from: TextPosition(line: 0, column: 1), to: TextPosition(line: 1, column: 1), text: "é\n漢"), true),
        ("漢字 text", TextEdit.insert("👍🏽", at: TextPosition(line: 0, column: 2)), true),
    ])
    func theInverseOfAnEditGivesTheLinesBackByteForByte(line: String, edit: TextEdit, exact: Bool) {
        var doc = TextDocument(line)
        let u = doc.applyUndoable(edit)
        #expect(u.exact == exact)
        let after = doc.lines
        doc.apply(u.inverse)
        #expect(doc.lines.map { Array($0.utf8) } == TextDocument(line).lines.map { Array($0.utf8) })
        doc.apply(u.forward)
        #expect(doc.lines == after)
    }

    @Test func textBetweenTwoPositionsSpansLines() {
        let doc = TextDocument("héllo\n漢字 x\nend")
        #expect(doc.text(from: TextPosition(line: 0, column: 1), to: TextPosition(line: 0, column: 3)) == "él")
        #expect(doc.text(from: TextPosition(line: 2, column: 1), to: TextPosition(line: 0, column: 4)) == "o\n漢字 x\ne")
        #expect(doc.text(from: TextPosition(line: 1, column: 9), to: TextPosition(line: 9, column: 9)) == "\nend")
    }

    /// Random edits, in any script and with characters that merge with their neighbours (accents
    /// typed after a letter, flag halves): undoing every step gives back the empty notes, redoing
    /// every step the same text, byte for byte.
    @Test(arguments: 0..<40)
    func randomEditsUndoAndRedoExactly(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 2_654_435_761 &+ 11)
        var e = engine()
        let pieces = ["a", "b", " ", "é", "e", "\u{301}", "漢", "字", "🇺", "🇸", "👍", "\u{1F3FD}", "\n", "word ", "two\nlines", "x y z"]
        var t = 1.0
        for _ in 0..<Int.random(in: 1...120, using: &rng) {
            let doc = e.session.notes[0]
            let line = Int.random(in: 0..<doc.lines.count, using: &rng)
            let p = TextPosition(line: line, column: Int.random(in: 0...doc.length(ofLine: line), using: &rng))
            t += [0.01, 0.2, 1.0, 2.5].randomElement(using: &rng)!
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<3:
                _ = e.handle(.edit(.insert(pieces.randomElement(using: &rng)!, at: doc.end)), at: t)
            case 3..<6:
                _ = e.handle(.edit(.insert(pieces.randomElement(using: &rng)!, at: p)), at: t)
            case 6..<8 where p.column > 0:
                _ = e.handle(.edit(.delete(from: TextPosition(line: p.line, column: p.column - 1), to: p)), at: t)
            case 8:
                let q = TextPosition(line: Int.random(in: 0..<doc.lines.count, using: &rng), column: Int.random(in: 0...4, using: &rng))
                _ = e.handle(.edit(TextEdit(from: p, to: q, text: pieces.randomElement(using: &rng)!)), at: t)
            default:
                if Bool.random(using: &rng) { _ = e.handle(.undoNotes, at: t) } else { _ = e.handle(.redoNotes, at: t) }
            }
        }
        while e.session.notesHistory[0].canRedo { _ = e.handle(.redoNotes, at: t) }
        let written = e.session.notes[0].lines
        let coverage = e.session.coverage
        let steps = e.session.notesHistory[0].undoDepth
        for _ in 0..<steps { t += 0.1; try #require(e.handle(.undoNotes, at: t).contains { $0.kind == .notesUndone(stage: 0) }) }
        #expect(e.session.notes[0].lines == [""], "seed \(seed): undoing every step leaves \(e.session.notes[0].lines)")
        for _ in 0..<steps { t += 0.1; try #require(e.handle(.redoNotes, at: t).contains { $0.kind == .notesRedone(stage: 0) }) }
        #expect(e.session.notes[0].lines == written, "seed \(seed)")
        #expect(e.session.notes[0].lines.map { Array($0.utf8) } == written.map { Array($0.utf8) })
        #expect(e.session.coverage == coverage)
    }
}
