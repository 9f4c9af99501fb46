import Foundation
@testable import InterviewKit
import Testing
import TestSupport
import TextWidth

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

    /// An edit within a line counts again only the words around it; the total must stay what
    /// counting every line gives.
    @Test func theWordCountFollowsEveryEdit() {
        let pieces = ["a", "word ", " ", "  ", "\t", "x-y", "é", "漢字", "", "end.", "\u{0B}", "two words"]
        var rng = SplitMix64(seed: 9)
        var d = TextDocument("some words here\nand  more\n\nlast line")
        for _ in 0..<2000 {
            let l = Int.random(in: 0..<d.lines.count, using: &rng)
            let n = d.lines[l].count
            let a = Int.random(in: 0...n, using: &rng), b = Int.random(in: a...n, using: &rng)
            let text = rng.next() % 3 == 0 ? "" : pieces.randomElement(using: &rng)!
            d.apply(TextEdit(from: .init(line: l, column: a), to: .init(line: l, column: b), text: text))
            if rng.next() % 50 == 0 { d.apply(.insert("\n", at: .init(line: l, column: 0))) }
            #expect(d.wordCount == d.lines.map(TextDocument.words(in:)).reduce(0, +), "\(d.lines)")
        }
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

    /// The per-key word hashing never builds a word; it must hash exactly the words (stemmed)
    /// and adjacent pairs that the plain way builds.
    @Test func wordHashesMatchTheWordsTheyStandFor() {
        let vocabulary = ["classes", "buses", "analysis", "queries", "boxes", "matches", "wishes", "users", "is", "its",
                          "ies", "s", "ss", "sss", "ssss", "dress", "focus", "bias", "User's", "QUERIES", "x2s", "abcs",
                          "flies", "axes", "aches", "ashes", "asses", "a", "ab", "abc", "two-tower", "A/B", "p99s", "'s", "''"]
        let separators = [" ", "  ", ", ", ".", "\n", "-", "/", "(", ")", "\t", ""]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int.random(in: 0...10, using: &rng) {
                text += vocabulary.randomElement(using: &rng)! + separators.randomElement(using: &rng)!
            }
            let ws = Phrase.words(of: text)
            let fast = WordHash.asciiWords(of: text)
            #expect(fast?.words == ws.map(WordHash.of), "\(text)")
            #expect(fast?.pairs == (0..<max(0, ws.count - 1)).map { WordHash.of(ws[$0] + ws[$0 + 1]) }, "\(text)")
        }
        #expect(WordHash.asciiWords(of: "naïve") == nil)
    }

    /// Word hashes that follow an edit must be the hashes of the edited line, whatever the edit.
    @Test func lineWordsFollowEditsAsIfHashedAfresh() {
        let snippets = ["a", "s", "es", "ies", "'", "' ", " ", "  ", ".", "-", "Word", "queries", "user's", "boxes ", " the", "x", "", "ß"]
        var rng = SplitMix64(seed: 21)
        for _ in 0..<60 {
            var line: [UInt8] = Array("Two tower models retrieve candidates; the user's queries".utf8)
            var words = line.withUnsafeBufferPointer { WordHash.LineWords($0)! }
            for _ in 0..<80 {
                let a = Int.random(in: 0...line.count, using: &rng)
                let b = min(line.count, a + Int.random(in: 0...4, using: &rng))
                var text = ""
                for _ in 0..<Int.random(in: 0...2, using: &rng) { text += snippets.randomElement(using: &rng)! }
                line.replaceSubrange(a..<b, with: Array(text.utf8))
                let ok = line.withUnsafeBufferPointer { words.update($0, replacing: a..<b, inserted: text.utf8.count) }
                let fresh = line.withUnsafeBufferPointer { WordHash.LineWords($0) }
                #expect(ok == (fresh != nil), "\(String(decoding: line, as: UTF8.self))")
                guard let fresh else {
                    line.removeAll { $0 >= 0x80 }
                    words = line.withUnsafeBufferPointer { WordHash.LineWords($0)! }
                    continue
                }
                #expect(words.words == fresh.words, "\(String(decoding: line, as: UTF8.self))")
                #expect(words.words == WordHash.words(of: String(decoding: line, as: UTF8.self)))
            }
        }
    }

    /// ASCII words are stemmed on their bytes; the result must be the string stemmer's, and
    /// `hasWords` must say what making the words says.
    @Test func asciiWordsStemLikeTheStringStemmer() {
        let vocabulary = ["classes", "buses", "analysis", "queries", "boxes", "matches", "wishes", "users", "is", "its",
                          "ies", "s", "ss", "sss", "dress", "focus", "bias", "User's", "QUERIES", "x2s", "flies", "axes",
                          "aches", "ashes", "asses", "a", "two-tower", "A/B", "+", "'", "--", " ", "naïve", "漢字"]
        var rng = SplitMix64(seed: 13)
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 0...6, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! }.joined(separator: " ")
            if ASCIIScan.isASCII(text) {
                var plain: [String] = []
                var cur = ""
                for ch in text.lowercased() {
                    if ch.isLetter || ch.isNumber { cur.append(ch) } else if ch == "'" { continue } else if !cur.isEmpty { plain.append(Phrase.stem(cur)); cur = "" }
                }
                if !cur.isEmpty { plain.append(Phrase.stem(cur)) }
                #expect(Phrase.asciiWords(text) == plain, "\(text)")
            }
            #expect(Phrase.hasWords(text) == !Phrase(text).isEmpty, "\(text)")
        }
    }

    /// Phrases are hashed from their bytes when the matcher is built; the hashes must be those
    /// of the words the plain way makes, and of those words run together.
    @Test func phraseHashesMatchTheirWords() {
        let vocabulary = ["classes", "buses", "analysis", "queries", "boxes", "matches", "users", "is", "ies", "ss",
                          "dress", "User's", "x2s", "flies", "aches", "two-tower", "A/B", "p99", "'", "-", "a", "ab"]
        var rng = SplitMix64(seed: 17)
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 0...5, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! }.joined(separator: " ")
            let words = Phrase.words(of: text)
            let p = WordHash.phrase(text)
            #expect(p?.words == words.map(WordHash.of), "\(text)")
            if !words.isEmpty { #expect(p?.joined == WordHash.of(words.joined()), "\(text)") }
        }
        #expect(WordHash.phrase("naïve") == nil)
    }

    @Test func hashSlotsKeepEveryKeyAsTheyGrow() {
        var slots = HashSlots(capacity: 2)
        var rng = SplitMix64(seed: 23)
        var inserted: [(UInt64, Int)] = []
        for v in 0..<2000 {
            let k = rng.next() & (v % 3 == 0 ? 0xFF : ~0)   // many near keys too
            if slots[k] == nil { slots[k] = v; inserted.append((k, v)) }
        }
        for (k, v) in inserted { #expect(slots[k] == v) }
        #expect(slots[0x1234_5678_9ABC_DEF1] == nil || inserted.contains { $0.0 == 0x1234_5678_9ABC_DEF1 })
    }
}

@Suite struct LazySignalsTests {
    static let answer = "We optimise watch time with a two tower model, then check NDCG offline and run an A/B test online."

    @Test func theMatchersAreBuiltOnFirstUseOnceForEveryCopyEvenFromManyThreads() throws {
        let scenario = try Fixtures.scenario("video-recommendation")
        let settings = Settings(minutes: 45, level: .senior)
        let expected = Session(scenario: scenario, settings: settings).signals.matcher.targets(in: Self.answer)
        #expect(expected.count >= 3, "the answer should hit several checklist points: \(expected)")

        let s = Session(scenario: scenario, settings: settings)
        #expect(!s.signals.matchersBuilt, "a new session has matched no text: nothing to build yet")
        #expect(s.signals.stageTargets.count == scenario.stages.count)
        let copy = s
        let results = Results(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            results.set(i, copy.signals.matcher.targets(in: Self.answer))
        }
        #expect(results.all.allSatisfy { $0 == expected })
        #expect(s.signals.matchersBuilt, "copies share what one of them built")
        for (_, item) in scenario.allChecklist { #expect(s.signals.checklistTarget(item.id) != nil) }
        #expect(s.signals.checklistTarget("no-such-point") == nil)
    }

    @Test func prepareBuildsThemAndFactsAreAnsweredAsBefore() throws {
        let scenario = try Fixtures.scenario("video-recommendation")
        let s = Session(scenario: scenario, settings: Settings(minutes: 45, level: .senior))
        s.signals.prepare()
        #expect(s.signals.matchersBuilt)
        let fact = try #require(s.signals.fact(answering: "How many daily active users are there?", in: scenario))
        #expect(scenario.facts[fact].asks.contains { $0.lowercased().contains("user") })
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Int]]
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [Int]) { lock.lock(); slots[i] = v; lock.unlock() }
    var all: [[Int]] { lock.lock(); defer { lock.unlock() }; return slots }
}

@Suite struct CoverageTotalsTests {
    /// `anywhere` reads a running total per target; it must always say what the per-stage counts say.
    @Test(arguments: 0..<8)
    func theRunningTotalsFollowEveryEditUndoQuestionAndStageChange(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let scenario = try Fixtures.scenario("video-recommendation")
        var e = Engine(scenario: scenario, settings: Settings(minutes: 45, level: .senior))
        _ = e.handle(.start, at: 0)
        let phrases = ["two tower model", "watch time", "NDCG offline", "A/B test online", "cold start", "filler words", "\n", "latency budget"]
        var t = 1.0
        for _ in 0..<120 {
            t += 1
            let doc = e.session.notes[e.session.stageIndex]
            switch Int.random(in: 0..<10, using: &rng) {
            case 0...4: _ = e.handle(.edit(.insert(phrases.randomElement(using: &rng)! + " ", at: doc.end)), at: t)
            case 5: _ = e.handle(.edit(.delete(from: TextPosition(line: 0, column: 0), to: doc.end)), at: t)
            case 6: _ = e.handle(.undoNotes, at: t)
            case 7: _ = e.handle(.askClarification("what about the " + phrases.randomElement(using: &rng)! + "?"), at: t)
            case 8: _ = e.handle(.nextStage, at: t)
            default: _ = e.handle(.previousStage, at: t)
            }
            let c = e.session.coverage
            for target in 0..<e.session.signals.targetCount {
                #expect(c.anywhere(target) == c.counts.contains { $0[target] > 0 }, "seed \(seed), target \(target)")
            }
        }
        #expect((0..<e.session.signals.targetCount).contains { e.session.coverage.anywhere($0) }, "the walk should cover something")
    }

    /// A quote line starts with "> ": told by its first bytes, as `hasPrefix` would tell it.
    @Test(arguments: ["> why?", "> ", ">", "", ">x", " > x", "> \u{301}x", ">\u{338} x", "> é", "»> x", "> \n"])
    func quoteLinesAreToldByTheirFirstCharacters(line: String) {
        #expect(CoverageIndex.isQuote(line) == line.hasPrefix("> "), "\(line.debugDescription)")
    }
}
