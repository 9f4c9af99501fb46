import CNcursesw
import Testing
import TerminalKit
@testable import CursesTerminal

/// Every test of this module, in one serialized suite: two ncurses screens at once crash the process.
/// Extensions in the other files of this folder add to it.
@Suite(.serialized)
struct CursesTerminalTests {
    /// Opens a headless screen, runs `body`, and always restores it.
    func withScreen(_ size: Size, options: CursesTerminal.Options = .init(environment: [:]),
                    _ body: (CursesTerminal) throws -> Void) throws {
        CursesTerminal.setUpLocale()
        let t = try CursesTerminal(headlessSize: size, options: options)
        defer { t.restore() }
        try body(t)
    }

    /// The text ncurses holds along a row, one entry per column.
    func row(_ t: CursesTerminal, _ y: Int, _ width: Int) -> [String] {
        (0..<width).map { t.screenCell(x: $0, y: y)?.text ?? "<nil>" }
    }

    @Test func localeIsUTF8AfterSetUp() {
        let result = CursesTerminal.setUpLocale()
        #expect(result.isUTF8)
        #expect(CursesTerminal.isUnicodeCapable)
    }

    @Test func headlessScreenHasTheAskedSize() throws {
        try withScreen(Size(width: 33, height: 7)) { t in
            #expect(t.size == Size(width: 33, height: 7))
        }
    }

    @Test func wideCharactersAndClustersLandInTheRightColumns() throws {
        try withScreen(Size(width: 20, height: 4)) { t in
            var f = Frame(size: t.size)
            f.put("ab漢字e\u{301}z", x: 1, y: 2)
            t.present(f)
            #expect(t.screenCell(x: 1, y: 2)?.text == "a")
            #expect(t.screenCell(x: 2, y: 2)?.text == "b")
            #expect(t.screenCell(x: 3, y: 2)?.text == "漢")
            #expect(t.screenCell(x: 5, y: 2)?.text == "字")
            #expect(t.screenCell(x: 7, y: 2)?.text == "e\u{301}")
            #expect(t.screenCell(x: 8, y: 2)?.text == "z")
            #expect(t.screenCell(x: 9, y: 2)?.text == " ")
            #expect(t.screenCell(x: 0, y: 0)?.text == " ")
        }
    }

    @Test func aSecondFrameChangesOnlyWhatDiffers() throws {
        try withScreen(Size(width: 12, height: 3)) { t in
            var f = Frame(size: t.size)
            f.put("hello 漢字", x: 0, y: 1)
            t.present(f)
            var g = f
            g[1, 1] = Cell(scalar: 0x61, style: Style(.danger))   // "hallo"
            t.present(g)
            // ncurses reports a wide character in both of its columns.
            #expect(row(t, 1, 11) == ["h", "a", "l", "l", "o", " ", "漢", "漢", "字", "字", " "])
            #expect(t.screenCell(x: 1, y: 1)?.text == "a")
            #expect(t.screenCell(x: 6, y: 1)?.text == "漢")
            #expect(t.screenCell(x: 8, y: 1)?.text == "字")
            #expect(t.screenCell(x: 1, y: 1)?.bold == true)   // danger is bold in every profile

            // A wide character replaced by two narrow ones, and a narrow one by a wide one.
            var h = g
            h.put("xy", x: 6, y: 1)
            h.put("字", x: 2, y: 1)
            t.present(h)
            #expect(row(t, 1, 11) == ["h", "a", "字", "字", "o", " ", "x", "y", "字", "字", " "])
            #expect(t.screenCell(x: 6, y: 1)?.text == "x")
            #expect(t.screenCell(x: 7, y: 1)?.text == "y")
            #expect(t.screenCell(x: 8, y: 1)?.text == "字")
        }
    }

    @Test func controlCharactersNeverReachNcurses() throws {
        try withScreen(Size(width: 8, height: 2)) { t in
            var f = Frame(size: t.size)
            f[0, 0] = Cell(scalar: 0x07, style: .normal)
            f[1, 0] = Cell(scalar: 0x1B, style: .normal)
            f[2, 0] = Cell(scalar: 0x9B, style: .normal)
            f[3, 0] = Cell(scalar: 0x41, style: .normal)
            t.present(f)
            #expect(t.screenCell(x: 0, y: 0)?.text == "\u{FFFD}")
            #expect(t.screenCell(x: 1, y: 0)?.text == "\u{FFFD}")
            #expect(t.screenCell(x: 2, y: 0)?.text == "\u{FFFD}")
            #expect(t.screenCell(x: 3, y: 0)?.text == "A")
        }
    }

    @Test func aFrameLargerThanTheScreenIsClipped() throws {
        try withScreen(Size(width: 6, height: 2)) { t in
            var f = Frame(size: Size(width: 10, height: 4))
            f.put("abcde漢xyz", x: 0, y: 0)
            f.put("last", x: 0, y: 3)
            t.present(f)
            #expect(row(t, 0, 6) == ["a", "b", "c", "d", "e", " "])   // the wide char would straddle the edge
            #expect(t.screenCell(x: 0, y: 1)?.text == " ")
        }
    }

    @Test func aResizeRedrawsEverything() throws {
        try withScreen(Size(width: 10, height: 3)) { t in
            var f = Frame(size: t.size)
            f.put("before", x: 0, y: 0)
            t.present(f)
            resizeterm(4, 12)
            #expect(t.size == Size(width: 12, height: 4))
            var g = Frame(size: t.size)
            g.put("after", x: 2, y: 3)
            t.present(g)
            #expect(row(t, 0, 6) == [" ", " ", " ", " ", " ", " "])
            #expect(row(t, 3, 7) == [" ", " ", "a", "f", "t", "e", "r"])
        }
    }

    @Test func noColorGivesMonochromeWithAttributes() throws {
        try withScreen(Size(width: 10, height: 3), options: .init(environment: ["NO_COLOR": "1"])) { t in
            #expect(t.profile == .monochrome)
            var f = Frame(size: t.size)
            f.put("H", x: 0, y: 0, style: .role(.header))
            f.put("S", x: 1, y: 0, style: .role(.selection))
            f.put("W", x: 2, y: 0, style: .role(.warning))
            t.present(f)
            let header = try #require(t.screenCell(x: 0, y: 0))
            #expect(header.reverse && header.bold && header.pair == 0)
            let selection = try #require(t.screenCell(x: 1, y: 0))
            #expect(selection.reverse && selection.pair == 0)
            #expect(t.screenCell(x: 2, y: 0)?.underline == true)
        }
    }

    @Test func colourWithoutNoColor() throws {
        try withScreen(Size(width: 10, height: 3), options: .init(environment: ["NO_COLOR": ""])) { t in
            #expect(t.profile == .twoFiftySix)
            var f = Frame(size: t.size)
            f.put("H", x: 0, y: 0, style: .role(.header))
            f.put("n", x: 1, y: 0)
            t.present(f)
            #expect(t.screenCell(x: 0, y: 0)?.pair ?? 0 > 0)
            #expect(t.screenCell(x: 1, y: 0)?.pair == 0)
        }
        try withScreen(Size(width: 10, height: 3), options: .init(colorMode: .eight, environment: [:])) { t in
            #expect(t.profile == .eight)
        }
    }

    @Test func restoreIsIdempotent() throws {
        CursesTerminal.setUpLocale()
        let t = try CursesTerminal(headlessSize: Size(width: 5, height: 2))
        t.restore()
        t.restore()
        t.present(Frame(size: Size(width: 5, height: 2)))   // ignored after restore
        #expect(t.readKey(timeoutMs: 0) == nil)
    }

    @Test func headlessScreenReadsNoKeys() throws {
        try withScreen(Size(width: 5, height: 2)) { t in
            #expect(t.readKey(timeoutMs: 0) == nil)
        }
    }

    @Test func cursorPlacementDoesNotDisturbCells() throws {
        try withScreen(Size(width: 6, height: 2)) { t in
            var f = Frame(size: t.size)
            f.put("abc", x: 0, y: 0)
            f.cursor = Point(x: 3, y: 0)
            t.present(f)
            f.cursor = nil
            t.present(f)
            f.cursor = Point(x: 40, y: 9)   // off screen: hidden, not an error
            t.present(f)
            #expect(row(t, 0, 4) == ["a", "b", "c", " "])
        }
    }
}
