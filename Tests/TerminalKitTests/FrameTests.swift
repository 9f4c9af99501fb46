import Foundation
import TerminalKit
import Testing

@Suite struct DisplayWidthTests {
    @Test(arguments: [("a", 1), ("漢", 2), ("é", 1), ("e\u{301}", 1), ("😀", 2), ("한", 2), ("ｱ", 1), ("Ａ", 2), ("\u{200B}", 1)] as [(String, Int)])
    func charactersTakeTheirColumns(ch: String, width: Int) {
        #expect(DisplayWidth.of(Character(ch)) == width)
    }

    @Test func truncationKeepsWholeWideCharactersAndAddsAnEllipsis() {
        #expect(DisplayWidth.truncate("漢字漢字", to: 5) == "漢字…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }
}

@Suite struct FrameTests {
    @Test func wideCharactersTakeTwoCellsAndTheNextCharacterFollows() {
        var f = Frame(size: Size(width: 10, height: 1))
        let used = f.put("a漢b", x: 0, y: 0)
        #expect(used == 4)
        #expect(f.text(at: 1, 0) == "漢")
        #expect(f[2, 0].isContinuation)
        #expect(f.text(at: 3, 0) == "b")
        #expect(f.text == "a漢b")
    }

    @Test func aWideCharacterCutByTheClipEdgeBecomesASpace() {
        var f = Frame(size: Size(width: 4, height: 1), fill: Cell(scalar: 0x2E, style: .normal))
        f.put("ab漢", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(f.lines[0] == "ab .")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var f = Frame(size: Size(width: 4, height: 1))
        f.put("漢字", x: 0, y: 0)
        f.put("x", x: 1, y: 0)
        #expect(f.lines[0] == " x字")
    }

    @Test func controlCharactersAreShownAsVisiblePlaceholders() {
        var f = Frame(size: Size(width: 6, height: 1))
        f.put("a\u{1B}[2J", x: 0, y: 0)
        #expect(f.lines[0] == "a␛[2J ")
        #expect(!f.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func combiningClustersStayInOneCell() {
        var f = Frame(size: Size(width: 3, height: 1))
        f.put("e\u{301}x", x: 0, y: 0)
        #expect(f.text(at: 0, 0) == "e\u{301}")
        #expect(f.text(at: 1, 0) == "x")
    }

    @Test func drawingOutsideTheFrameIsClippedNotACrash() {
        var f = Frame(size: Size(width: 2, height: 2))
        f.put("hello", x: -3, y: 0)
        f.put("hello", x: 1, y: 5)
        f.border(Rect(x: -1, y: -1, width: 10, height: 10), glyphs: .unicode, style: .normal)
        f.fill(Rect(x: -5, y: -5, width: 100, height: 1))
        #expect(f.size == Size(width: 2, height: 2))
        let empty = Frame(size: Size(width: 0, height: 0))
        #expect(empty.text == "")
    }
}

@Suite struct TextWrapTests {
    @Test(arguments: [
        ("hello world", 5, ["hello ", "world"]),
        ("hello world", 11, ["hello world"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("漢字漢字", 5, ["漢字", "漢字"]),
        ("", 5, [""]),
        ("a b c d", 3, ["a b ", "c d"]),
    ] as [(String, Int, [String])])
    func linesWrapAtSpacesByDisplayWidth(text: String, width: Int, rows: [String]) {
        #expect(TextWrap.rows(text, width: width).map { String($0.text) } == rows)
    }

    @Test func rowsCoverEveryCharacterExactlyOnce() {
        let text = "The quick brown fox 漢字 jumps over the lazy dog, again and again and again."
        for w in 1...30 {
            let rows = TextWrap.rows(text, width: w)
            #expect(rows.map { String($0.text) }.joined() == text)
            var next = 0
            for r in rows { #expect(r.start == next); next += r.count }
            #expect(rows.allSatisfy { DisplayWidth.of($0.text.trimmingCharacters(in: .whitespaces)) <= max(w, 2) })
        }
    }
}
