import Foundation
@testable import InterviewKit
import Testing
import TestSupport

@Suite struct CoverageTests {
    @Test(arguments: [
        // (signal, text, matches)
        ("feature", "We need Features for users", true),
        ("two-tower", "a two tower model", true),
        ("two tower", "a Two-Tower retrieval", true),
        ("two tower", "a twotower retrieval", true),
        ("pretrained", "a pre-trained encoder", true),
        ("query", "user queries arrive", true),
        ("box", "draw two boxes", true),
        ("ANN", "we use an ANN index", true),
        ("ANN", "the annual report", false),
        ("loss", "the losses", true),
        ("bias", "position bias matters", true),
        ("a/b test", "run an A/B test", true),
        ("a/b test", "run an AB test", true),
        ("negative + sampling", "sample negatives, then sampling again", true),
        ("negative + sampling", "negative results", false),
        ("watch time", "time to watch", false),
        ("user's history", "the users history", true),
    ] as [(String, String, Bool)])
    func signalsMatchWholeWordsToleratingCasePluralsAndHyphens(signal: String, text: String, matches: Bool) {
        let m = SignalMatcher(targets: [[signal]])
        #expect((m.targets(in: text) == [0]) == matches, "\(signal) in \(text)")
    }

    @Test func quotedFollowUpLinesDoNotCountAsTheCandidatesWords() {
        var s = Session(scenario: Fixtures.tiny(), settings: Settings(minutes: 45, level: .senior))
        s.apply(Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)))
        s.apply(Event(seq: 2, at: 1, kind: .notesEdited(stage: 0, edit: .insert("> alpha clarify\nnothing here", at: .init(line: 0, column: 0)))))
        #expect(!s.isCovered("clarify-a"))
        s.apply(Event(seq: 3, at: 2, kind: .notesEdited(stage: 0, edit: .insert(" alpha clarify", at: .init(line: 1, column: 12)))))
        #expect(s.isCovered("clarify-a"))
        s.apply(Event(seq: 4, at: 3, kind: .notesEdited(stage: 0, edit: .delete(from: .init(line: 1, column: 0), to: .init(line: 1, column: 26)))))
        #expect(!s.isCovered("clarify-a"), "deleting the words uncovers the point")
    }

    @Test func clarifyingQuestionsCountTowardCoverage() {
        var e = Engine(scenario: Fixtures.tiny(), settings: Settings(minutes: 45, level: .senior))
        _ = e.handle(.start, at: 0)
        _ = e.handle(.askClarification("is beta clarify in scope?"), at: 1)
        #expect(e.session.isCovered("clarify-b"))
    }

    @Test func editingOneParagraphOfALongDocumentKeepsTheOthersCounted() {
        var e = Engine(scenario: Fixtures.tiny(), settings: Settings(minutes: 45, level: .senior))
        _ = e.handle(.start, at: 0)
        let text = (0..<200).map { $0 == 150 ? "here is beta clarify" : "filler paragraph number \($0)" }.joined(separator: "\n")
        _ = e.handle(.edit(.insert(text, at: .init(line: 0, column: 0))), at: 1)
        _ = e.handle(.edit(.insert("x", at: .init(line: 10, column: 0))), at: 2)
        #expect(e.session.isCovered("clarify-b"))
        #expect(e.session.notes[0].lines.count == 200)
    }
}

@Suite struct TextDocumentTests {
    @Test(arguments: [
        // (start, edit, expected text)
        ("", TextEdit.insert("ab\ncd", at: .init(line: 0, column: 0)), "ab\ncd"),
        ("ab\ncd", .delete(from: .init(line: 0, column: 2), to: .init(line: 1, column: 0)), "abcd"),
        ("ab\ncd", .insert("X", at: .init(line: 1, column: 1)), "ab\ncXd"),
        ("漢字e\u{301}", .delete(from: .init(line: 0, column: 1), to: .init(line: 0, column: 2)), "漢e\u{301}"),
        ("abc", .insert("!", at: .init(line: 9, column: 9)), "abc!"),
        ("a\r\nb", .insert("", at: .init(line: 0, column: 0)), "a\nb"),
    ] as [(String, TextEdit, String)])
    func editsReplaceTheTextBetweenTwoPositions(start: String, edit: TextEdit, expected: String) {
        var d = TextDocument(start)
        d.apply(edit)
        #expect(d.text == expected)
        #expect(d.revisions.count == d.lines.count)
    }
}

/// The signal matcher's own short cuts, checked against the plain ways.
@Suite struct SignalMatcherTests {
    /// The matcher splits signals at " + " itself; it must split as Foundation does.
    @Test(arguments: ["a", "a + b", "a+b", "a + b + c", " + a", "a + ", " + ", "", "a  +  b", "x + + y", "ünï + ✓ + 漢字"])
    func signalsSplitAtPlusLikeFoundation(_ s: String) {
        #expect(SignalMatcher.pieces(of: s) == s.components(separatedBy: " + "))
    }

    /// `targets(in:)` finds targets from the parts a paragraph holds; `scores(in:)` tries every
    /// signal of every target. On paragraphs made of the cases' own phrases they must agree.
    @Test func targetsAgreeWithTryingEverySignal() {
        var rng = SplitMix64(seed: 5)
        for s in Fixtures.allScenarios() {
            let signals = ScenarioSignals(s)
            var phrases: [String] = ["the", "and", "a model", "users"]
            for (_, item) in s.allChecklist { for sig in item.signals { phrases += SignalMatcher.pieces(of: sig) } }
            var hits = 0
            for _ in 0..<60 {
                let paragraph = (0..<Int.random(in: 1...12, using: &rng)).map { _ in phrases.randomElement(using: &rng)! }.joined(separator: " ")
                let scores = signals.matcher.scores(in: paragraph)
                let expected = scores.indices.filter { scores[$0] > 0 }
                #expect(signals.matcher.targets(in: paragraph) == expected, "\(s.id): \(paragraph)")
                hits += expected.count
            }
            #expect(hits > 40, "\(s.id): the paragraphs should signal many targets")
        }
    }
}
