import Testing
import TerminalKit
import TextWidth
import CNcursesw
@testable import CursesTerminal

/// Every test of this module, in one serialized suite: terminfo keeps one current terminal.
/// Extensions in the other files of this folder add to it.
@Suite(.serialized)
struct CursesTerminalTests {
    /// Opens a headless terminal and a model terminal of the same size that plays what it
    /// sends, runs `body`, and always restores the terminal.
    func withScreen(_ size: Size, options: CursesTerminal.Options = .init(environment: [:]),
                    terminalType: String = "xterm-256color",
                    _ body: (CursesTerminal, ModelTerminal) throws -> Void) throws {
        CursesTerminal.setUpLocale()
        let t = try CursesTerminal(headlessSize: size, options: options, terminalType: terminalType)
        defer { t.restore() }
        try body(t, ModelTerminal(width: size.width, height: size.height))
    }

    /// Presents `f`, plays the bytes on `m`, and returns them.
    @discardableResult
    func show(_ t: CursesTerminal, _ m: ModelTerminal, _ f: Frame) -> [UInt8] {
        t.present(f)
        let bytes = t.takeOutput()
        m.play(bytes)
        return bytes
    }

    /// What a style looks like on the terminal, in the model's terms.
    func look(_ s: Style, _ t: CursesTerminal, _ table: StyleTable? = nil) -> ModelTerminal.Attributes {
        let pen = (table ?? StyleTable(profile: t.profile, defaultColors: t.capabilities.hasDefaultColors))[s]
        let c = t.capabilities   // an attribute the terminal lacks is not asked for
        return ModelTerminal.Attributes(foreground: Int(pen.foreground), background: Int(pen.background),
                                        bold: pen.attributes.contains(.bold) && !c.bold.isEmpty,
                                        dim: pen.attributes.contains(.dim) && !c.dim.isEmpty,
                                        reverse: pen.attributes.contains(.reverse) && !c.reverse.isEmpty,
                                        underline: pen.attributes.contains(.underline) && !c.underline.isEmpty)
    }

    /// What a terminal can show of a cell: half a wide character alone (which raw writes to a
    /// frame can leave) shows as a blank on the right, as U+FFFD on the left.
    func shown(_ f: Frame, _ x: Int, _ y: Int) -> String {
        let t = f.text(at: x, y)
        if f[x, y].isContinuation {
            return x > 0 && !f[x - 1, y].isContinuation && DisplayWidth.of(f.text(at: x - 1, y)) == 2 ? "" : " "
        }
        if DisplayWidth.of(t) == 2 && !(x + 1 < f.size.width && f[x + 1, y].isContinuation) { return "\u{FFFD}" }
        return t
    }

    /// The model shows exactly the frame (clipped to the model): every character, the look of
    /// every cell (a blank only its background, reverse and underline), and the cursor.
    @discardableResult
    func expectShows(_ m: ModelTerminal, _ f: Frame, _ t: CursesTerminal, _ note: String = "",
                     sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        #expect(m.unknown.isEmpty, "sequences the model does not know: \(m.unknown)", sourceLocation: sourceLocation)
        let w = min(m.width, f.size.width), h = min(m.height, f.size.height)
        let table = StyleTable(profile: t.profile, defaultColors: t.capabilities.hasDefaultColors)
        for y in 0..<h {
            var mismatch: String?
            for x in 0..<w {
                let want = shown(f, x, y), got = m.cells[y][x]
                if got.text != want {
                    mismatch = "text at \(x),\(y): \(got.text.debugDescription) for \(want.debugDescription)"
                    break
                }
                if want.isEmpty { continue }
                var a = look(f[x, y].style, t, table), b = got.attributes
                if want == " " {
                    a.foreground = -1; b.foreground = -1
                    a.bold = false; b.bold = false; a.dim = false; b.dim = false
                }
                if a != b {
                    mismatch = "look at \(x),\(y) (\(want.debugDescription)): \(b) for \(a)"
                    break
                }
            }
            if let mismatch {
                Issue.record("\(note) \(mismatch)\n  shown: \(m.text(row: y).debugDescription)\n  frame: \(f.lines[y].debugDescription)",
                             sourceLocation: sourceLocation)
                return false
            }
        }
        if t.capabilities.hideCursor.isEmpty {
            return m.unknown.isEmpty   // the cursor cannot be hidden (vt100): where it is does not matter
        }
        if let c = f.cursor, c.x >= 0, c.y >= 0, c.x < m.width, c.y < m.height {
            let ok = m.cursorVisible && m.cursor == (c.x, c.y)
            #expect(ok, "\(note) cursor \(m.cursor) for \(c)", sourceLocation: sourceLocation)
            return ok && m.unknown.isEmpty
        } else {
            #expect(!m.cursorVisible, "\(note) cursor shown with none in the frame", sourceLocation: sourceLocation)
            return !m.cursorVisible && m.unknown.isEmpty
        }
    }

    @Test func localeIsUTF8AfterSetUp() {
        let result = CursesTerminal.setUpLocale()
        #expect(result.isUTF8)
        #expect(CursesTerminal.isUnicodeCapable)
    }

    /// A locale the environment names as UTF-8 is taken at its word, and loaded only when a
    /// character first needs its width; the others are loaded (and replaced) at once.
    @Test(arguments: [
        ("C.UTF-8", true), ("en_US.utf8", true), ("de_DE.UTF-8@euro", true), ("C", false), ("POSIX", false),
        ("en_US", false), ("en_US.ISO-8859-1", false), ("UTF-8", false),
    ])
    func aLocaleNameSaysWhetherItIsUTF8(_ name: String, _ utf8: Bool) {
        #expect(CursesTerminal.isUTF8Name(name) == utf8)
    }

    @Test func theEnvironmentsLocaleIsLCAllThenLCCTypeThenLang() {
        #expect(CursesTerminal.namedLocale(["LC_ALL": "C", "LC_CTYPE": "C.UTF-8", "LANG": "x"]) == "C")
        #expect(CursesTerminal.namedLocale(["LC_ALL": "", "LC_CTYPE": "C.UTF-8", "LANG": "x"]) == "C.UTF-8")
        #expect(CursesTerminal.namedLocale(["LANG": "en_US.UTF-8"]) == "en_US.UTF-8")
        #expect(CursesTerminal.namedLocale([:]) == nil)
    }

    @Test func aWideCharacterIsMeasuredByTheLocaleEvenBeforeItIsLoaded() throws {
        let r = CursesTerminal.setUpLocale(environment: ["LANG": "C.UTF-8"])
        #expect(r == LocaleResult(isUTF8: true, codeset: "UTF-8", name: "C.UTF-8"))
        #expect(CursesTerminal.isUnicodeCapable)
        // The writer loads it on the first character outside ASCII that needs it.
        let size = Size(width: 10, height: 1)
        let caps = try #require(Capabilities.load(terminalType: "xterm-256color"))
        var w = FrameWriter(caps: caps, styles: StyleTable(profile: .twoFiftySix, defaultColors: true), replacement: 0xFFFD)
        var f = Frame(size: size)
        f.put("漢a", x: 0, y: 0)
        w.render(f, screen: size)
        let out = String(decoding: w.out, as: UTF8.self)
        #expect(out.contains("漢a"), "drawn as one wide character, then a: \(out.debugDescription)")
        #expect(mlsd_wcwidth(0x6F22) == 2)
    }

    @Test func headlessScreenHasTheAskedSize() throws {
        try withScreen(Size(width: 33, height: 7)) { t, _ in
            #expect(t.size == Size(width: 33, height: 7))
        }
    }

    @Test func theFirstFrameEntersTheAlternateScreenInOneGo() throws {
        try withScreen(Size(width: 20, height: 4)) { t, m in
            var f = Frame(size: t.size)
            f.put("hello", x: 1, y: 1)
            let bytes = show(t, m, f)
            #expect(m.modes[1049] == true)
            #expect(!m.cursorVisible)
            expectShows(m, f, t)
            #expect(bytes.count < 60)
        }
    }

    @Test func wideCharactersAndClustersLandInTheRightColumns() throws {
        try withScreen(Size(width: 20, height: 4)) { t, m in
            var f = Frame(size: t.size)
            f.put("ab漢字e\u{301}z", x: 1, y: 2)
            show(t, m, f)
            expectShows(m, f, t)
            #expect(m.text(row: 2) == " ab漢字e\u{301}z           ")
        }
    }

    @Test func aSecondFrameChangesOnlyWhatDiffers() throws {
        try withScreen(Size(width: 12, height: 3)) { t, m in
            var f = Frame(size: t.size)
            f.put("hello 漢字", x: 0, y: 1)
            show(t, m, f)
            var g = f
            g[1, 1] = Cell(scalar: 0x61, style: Style(.danger))   // "hallo"
            show(t, m, g)
            expectShows(m, g, t)
            #expect(m.cells[1][1].attributes.bold)   // danger is bold in every profile

            // A wide character replaced by two narrow ones, and a narrow one by a wide one.
            var h = g
            h.put("xy", x: 6, y: 1)
            h.put("字", x: 2, y: 1)
            show(t, m, h)
            expectShows(m, h, t)
            #expect(m.text(row: 1) == "ha字o xy字  ")
        }
    }

    @Test func aTypedCharacterCostsOneByte() throws {
        try withScreen(Size(width: 30, height: 5)) { t, m in
            var f = Frame(size: t.size)
            f.put("notes: ab", x: 0, y: 2)
            f.cursor = Point(x: 9, y: 2)
            show(t, m, f)
            var g = f
            g.put("c", x: 9, y: 2)
            g.cursor = Point(x: 10, y: 2)
            #expect(show(t, m, g) == Array("c".utf8))
            expectShows(m, g, t)
            // A change elsewhere: a move there, the character, and a move back.
            var h = g
            h.put("3", x: 28, y: 0, style: .role(.accent))
            let bytes = show(t, m, h)
            expectShows(m, h, t)
            #expect(bytes.count <= 30, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        try withScreen(Size(width: 8, height: 2)) { t, m in
            var f = Frame(size: t.size)
            f[0, 0] = Cell(scalar: 0x07, style: .normal)
            f[1, 0] = Cell(scalar: 0x1B, style: .normal)
            f[2, 0] = Cell(scalar: 0x9B, style: .normal)
            f[3, 0] = Cell(scalar: 0x41, style: .normal)
            let bytes = show(t, m, f)
            #expect(!bytes.contains(0x07) && !bytes.contains(0x9B))
            #expect(m.text(row: 0) == "\u{FFFD}\u{FFFD}\u{FFFD}A    ")
            #expect(m.unknown.isEmpty)
        }
    }

    @Test func aFrameLargerThanTheScreenIsClipped() throws {
        try withScreen(Size(width: 6, height: 2)) { t, m in
            var f = Frame(size: Size(width: 10, height: 4))
            f.put("abcde漢xyz", x: 0, y: 0)
            f.put("last", x: 0, y: 3)
            show(t, m, f)
            #expect(m.text(row: 0) == "abcde ")   // the wide char would straddle the edge
            #expect(m.text(row: 1) == "      ")
            #expect(m.unknown.isEmpty)
        }
    }

    @Test func aResizeRedrawsEverything() throws {
        try withScreen(Size(width: 10, height: 3)) { t, m in
            var f = Frame(size: t.size)
            f.put("before", x: 0, y: 0)
            show(t, m, f)
            t.resizeHeadless(to: Size(width: 12, height: 4))
            #expect(t.size == Size(width: 12, height: 4))
            // The terminal keeps what it had where it still fits; the program clears it.
            let m2 = ModelTerminal(width: 12, height: 4)
            m2.play(Array("\u{1B}[?1049h\u{1B}[?25lbefore".utf8))
            var g = Frame(size: t.size)
            g.put("after", x: 2, y: 3)
            show(t, m2, g)
            expectShows(m2, g, t)
        }
    }

    @Test func noColorGivesMonochromeWithAttributes() throws {
        try withScreen(Size(width: 10, height: 3), options: .init(environment: ["NO_COLOR": "1"])) { t, m in
            #expect(t.profile == .monochrome)
            var f = Frame(size: t.size)
            f.put("H", x: 0, y: 0, style: .role(.header))
            f.put("S", x: 1, y: 0, style: .role(.selection))
            f.put("W", x: 2, y: 0, style: .role(.warning))
            let bytes = show(t, m, f)
            expectShows(m, f, t)
            let header = m.cells[0][0].attributes
            #expect(header.reverse && header.bold && header.foreground < 0 && header.background < 0)
            #expect(m.cells[0][1].attributes.reverse)
            #expect(m.cells[0][2].attributes.underline)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("38;5"))
        }
    }

    @Test func colourWithoutNoColor() throws {
        try withScreen(Size(width: 10, height: 3), options: .init(environment: ["NO_COLOR": ""])) { t, m in
            #expect(t.profile == .twoFiftySix)
            var f = Frame(size: t.size)
            f.put("H", x: 0, y: 0, style: .role(.header))
            f.put("n", x: 1, y: 0)
            show(t, m, f)
            expectShows(m, f, t)
            #expect(m.cells[0][0].attributes.background == 24 && m.cells[0][0].attributes.foreground == 255)
            #expect(m.cells[0][1].attributes == ModelTerminal.Attributes())
        }
        try withScreen(Size(width: 10, height: 3), options: .init(colorMode: .eight, environment: [:])) { t, m in
            #expect(t.profile == .eight)
            var f = Frame(size: t.size)
            f.put("H", x: 0, y: 0, style: .role(.header))
            show(t, m, f)
            expectShows(m, f, t)
            #expect(m.cells[0][0].attributes.background == 4)
        }
    }

    @Test func leavingPutsTheTerminalBack() throws {
        CursesTerminal.setUpLocale()
        let t = try CursesTerminal(headlessSize: Size(width: 5, height: 2))
        let m = ModelTerminal(width: 5, height: 2)
        var f = Frame(size: t.size)
        f.put("ab", x: 0, y: 0, style: .role(.header))
        m.play(Array("\u{1B}[?1h".utf8))   // as if keypad mode were on from before: leaving turns it off
        t.present(f)
        m.play(t.takeOutput())
        t.restore()
        m.play(t.takeOutput())
        #expect(m.modes[1049] == false)
        #expect(m.cursorVisible)
        #expect(m.modes[1] == false)
        #expect(m.pen == ModelTerminal.Attributes())
        t.restore()   // again: nothing more
        #expect(t.takeOutput().isEmpty)
        t.present(Frame(size: Size(width: 5, height: 2)))   // ignored after restore
        #expect(t.takeOutput().isEmpty)
        #expect(t.readKey(timeoutMs: 0) == nil)
    }

    @Test func aTerminalNeverStartedIsLeftAlone() throws {
        CursesTerminal.setUpLocale()
        let t = try CursesTerminal(headlessSize: Size(width: 5, height: 2))
        t.restore()
        #expect(t.takeOutput().isEmpty)
    }

    @Test func headlessScreenReadsNoKeys() throws {
        try withScreen(Size(width: 5, height: 2)) { t, _ in
            #expect(t.readKey(timeoutMs: 0) == nil)
        }
    }

    @Test func cursorPlacementDoesNotDisturbCells() throws {
        try withScreen(Size(width: 6, height: 2)) { t, m in
            var f = Frame(size: t.size)
            f.put("abc", x: 0, y: 0)
            f.cursor = Point(x: 3, y: 0)
            show(t, m, f)
            expectShows(m, f, t)
            f.cursor = nil
            show(t, m, f)
            expectShows(m, f, t)
            f.cursor = Point(x: 40, y: 9)   // off screen: hidden, not an error
            show(t, m, f)
            expectShows(m, f, t)
            #expect(m.text(row: 0) == "abc   ")
        }
    }

    @Test func unknownAndCursorlessTerminalsAreRefused() {
        #expect(throws: CursesTerminalError.cannotInitialize(terminalType: "no-such-terminal-mlsd")) {
            _ = try CursesTerminal(headlessSize: Size(width: 5, height: 2), terminalType: "no-such-terminal-mlsd")
        }
        #expect(CursesTerminalError.cannotInitialize(terminalType: "no-such-terminal-mlsd").description
                == "no terminal description (terminfo) for TERM=no-such-terminal-mlsd")
        #expect(throws: CursesTerminalError.cannotMoveCursor(terminalType: "dumb")) {
            _ = try CursesTerminal(headlessSize: Size(width: 5, height: 2), terminalType: "dumb")
        }
    }

    @Test func paddingNeverReachesTheTerminal() throws {
        try withScreen(Size(width: 20, height: 5), terminalType: "vt100") { t, m in
            var f = Frame(size: t.size)
            f.put("padded", x: 3, y: 2, style: .role(.header))
            f.cursor = Point(x: 9, y: 2)
            let bytes = show(t, m, f)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("$<"))
            expectShows(m, f, t)
        }
    }
}

extension CursesTerminalTests {
    /// Where the kernel does not know the window's size: COLUMNS and LINES, then the
    /// description's numbers, then 80×24; nonsense in the variables is passed over.
    @Test func theSizeWithoutTheKernelsComesFromColumnsAndLines() {
        var caps = Capabilities()
        func size(_ env: [String: String]) -> Size { CursesTerminal.fallbackSize(caps, environment: { env[$0] }) }
        #expect(size([:]) == Size(width: 80, height: 24))
        caps.columns = 132; caps.lines = 43
        #expect(size([:]) == Size(width: 132, height: 43))
        #expect(size(["COLUMNS": "100", "LINES": "30"]) == Size(width: 100, height: 30))
        #expect(size(["COLUMNS": "100"]) == Size(width: 100, height: 43))
        #expect(size(["COLUMNS": "wide", "LINES": "-3"]) == Size(width: 132, height: 43))
        #expect(size(["COLUMNS": "0", "LINES": "99999999"]) == Size(width: 132, height: 43))
    }
}
