import Testing
import TerminalKit
import TextWidth
import CNcursesw
@testable import CursesTerminal

/// A small deterministic generator (SplitMix64), so that a failing sequence repeats from its seed.
private struct Mix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

extension CursesTerminalTests {
    /// Rows 2…17 hold numbered lines; `first` is the number on row 2. A fixed left column
    /// (a prompt pane) sits beside them when `sidePane` is set, as in the practice screen.
    private func notesFrame(_ size: Size, first: Int, sidePane: Bool) -> Frame {
        var f = Frame(size: size)
        f.put("Notes · 120 words", x: 0, y: 0, style: .role(.header))
        let left = sidePane ? 12 : 0
        for y in 2...17 {
            if sidePane { f.put("│ prompt \(y % 3)", x: 0, y: y, style: .role(.border)) }
            let n = first + y - 2
            let words = ["retrieval", "ranking", "latency", "features", "labels", "drift", "serving"]
            f.put("\(words[(n % 7 + 7) % 7]) \(words[(n * 3 % 7 + 7) % 7]) and \(words[(n * 5 % 7 + 7) % 7])", x: left, y: y)
        }
        f.put("status", x: 0, y: size.height - 1, style: .role(.muted))
        return f
    }

    @Test func scrolledRowsAreMovedByTheTerminal() throws {
        let size = Size(width: 60, height: 20)
        try withScreen(size) { t, m in
            show(t, m, notesFrame(size, first: 1, sidePane: false))
            // Up by one (typing past the bottom), then down by two (paging back).
            let up = notesFrame(size, first: 2, sidePane: false)
            let bytes = show(t, m, up)
            expectShows(m, up, t, "up")
            #expect(m.scrolls == 1)
            #expect(bytes.count < 120, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            let down = notesFrame(size, first: 0, sidePane: false)
            show(t, m, down)
            expectShows(m, down, t, "down")
            #expect(m.scrolls == 3)
        }
    }

    @Test func aScrollBesideAFixedPaneStillSavesBytes() throws {
        let size = Size(width: 60, height: 20)
        try withScreen(size) { t, m in
            show(t, m, notesFrame(size, first: 1, sidePane: true))
            let up = notesFrame(size, first: 2, sidePane: true)
            let bytes = show(t, m, up)
            expectShows(m, up, t)
            // Redrawing the 16 changed rows would take about 16 × 45 bytes.
            #expect(bytes.count < 500)
        }
    }

    @Test func aTerminalWithoutScrollRegionsRedrawsInstead() throws {
        let size = Size(width: 40, height: 20)
        var caps = try #require(Capabilities.load(terminalType: "xterm-256color"))
        caps.scrollRegion = nil
        var w = FrameWriter(caps: caps, styles: StyleTable(profile: .twoFiftySix, defaultColors: true), replacement: 0xFFFD)
        let m = ModelTerminal(width: size.width, height: size.height)
        w.render(notesFrame(size, first: 1, sidePane: false), screen: size)
        let next = notesFrame(size, first: 2, sidePane: false)
        w.render(next, screen: size)
        m.play(w.out)
        #expect(m.scrolls == 0)
        #expect(m.text(row: 2).hasPrefix("latency serving and features"))
        #expect(m.text(row: 17).hasPrefix("features latency and ranking"))
    }

    @Test func runsOfBlanksAreErasedNotWritten() throws {
        try withScreen(Size(width: 80, height: 4)) { t, m in
            var f = Frame(size: t.size)
            f.put(String(repeating: "x", count: 80), x: 0, y: 1)
            f.put(String(repeating: "y", count: 80), x: 0, y: 2, style: .role(.input))
            show(t, m, f)
            var g = f
            g.fill(Rect(x: 10, y: 1, width: 70, height: 1))
            g.fill(Rect(x: 5, y: 2, width: 40, height: 1), with: Cell(scalar: 0x20, style: .role(.input)))
            let bytes = show(t, m, g)
            expectShows(m, g, t)
            #expect(bytes.count < 40, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    /// Random frames, each made from the last by the edits a screen makes (text in any style,
    /// wide characters and clusters, cleared areas, rows moved up or down, the cursor): after
    /// each, the model terminal must show exactly the frame. Run on several terminal types,
    /// whose descriptions differ in colours, scrolling and erasing.
    @Test(arguments: ["xterm-256color", "screen", "linux", "vt100"])
    func randomFramesAlwaysShowExactly(terminalType: String) throws {
        try randomFrames(terminalType: terminalType, words: ["model", "漢字", "e\u{301}t\u{E9}", "ranking", "  ", "a", "データ", "x", "— ok", "🙂"])
    }

    /// The same without multi-scalar clusters: then a changed row's equal ends are passed over
    /// several cells at a time, which must never skip a change (nor a wide character's half).
    @Test(arguments: ["xterm-256color", "vt100"])
    func randomFramesWithoutClustersAlwaysShowExactly(terminalType: String) throws {
        try randomFrames(terminalType: terminalType, words: ["model", "漢字", "t\u{E9}", "ranking", "  ", "a", "データ", "x", "— ok", "b", "ab", "🙂"])
    }

    private func randomFrames(terminalType: String, words: [String]) throws {
        let size = Size(width: 34, height: 12)
        let roles = Role.allCases
        var r = Mix(state: 0x5EED ^ UInt64(terminalType.utf8.count) ^ UInt64(words.count))
        try withScreen(size, options: .init(environment: [:]), terminalType: terminalType) { t, m in
            var f = Frame(size: size)
            var previous: [String] = []
            for step in 0..<300 {
                // Mostly the next generation of the same frame (as the screens make them), now
                // and then a copy or a new one.
                switch r.below(10) {
                case 0: f = Frame(size: size)
                case 1: break
                default: f.forgetWrites()
                }
                for _ in 0..<(1 + r.below(4)) {
                    switch r.below(6) {
                    case 0, 1, 2:
                        let style = Style(roles[r.below(roles.count)], bold: r.below(4) == 0,
                                          reverse: r.below(6) == 0, underline: r.below(6) == 0)
                        var text = ""
                        for _ in 0..<(1 + r.below(4)) { text += words[r.below(words.count)] + " " }
                        _ = f.put(text, x: r.below(size.width), y: r.below(size.height), style: style)
                    case 3:
                        let style = Style(roles[r.below(roles.count)])
                        f.fill(Rect(x: r.below(size.width), y: r.below(size.height), width: 1 + r.below(size.width),
                                    height: 1 + r.below(4)), with: Cell(scalar: 0x20, style: style))
                    case 4:
                        // A block of rows moves up or down by 1-3, as a scrolled pane does.
                        let top = r.below(size.height - 4), rows = 4 + r.below(size.height - top - 4 + 1)
                        let k = 1 + r.below(3), up = r.below(2) == 0
                        let old = f
                        for y in top..<(top + rows) {
                            let from = up ? y + k : y - k
                            for x in 0..<size.width {
                                f[x, y] = (from >= top && from < top + rows) ? old[x, from] : .blank
                            }
                        }
                    default:
                        f.cursor = r.below(4) == 0 ? nil : Point(x: r.below(size.width), y: r.below(size.height))
                    }
                }
                let bytes = show(t, m, f)
                if !expectShows(m, f, t, "\(terminalType) step \(step)") {
                    Issue.record("sent: \(String(decoding: bytes, as: UTF8.self).debugDescription)\nover:\n\(previous.joined(separator: "\n"))")
                    return
                }
                previous = f.lines
            }
        }
    }
}

extension CursesTerminalTests {
    /// The writer's shortcut for narrow characters must agree with how wide the terminal and
    /// the frame take them to be: one column each, every one of them.
    @Test func theNarrowShortcutTakesOnlyCharactersOneColumnWide() {
        CursesTerminal.setUpLocale()
        _ = CursesTerminal.localeLoaded
        var checked = 0
        for v in UInt32(0)..<0x3000 where DisplayWidth.isSimple(v) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            #expect(mlsd_wcwidth(v) == 1, "wcwidth of U+\(String(v, radix: 16))")
            #expect(DisplayWidth.of(Character(scalar)) == 1, "DisplayWidth of U+\(String(v, radix: 16))")
            checked += 1
        }
        #expect(checked > 600)
        #expect(!DisplayWidth.isSimple(0x1F) && !DisplayWidth.isSimple(0x7F) && !DisplayWidth.isSimple(0x300)
                && !DisplayWidth.isSimple(0x200B) && !DisplayWidth.isSimple(0x4E2D))
    }

    /// Borders, dashes and accented letters in runs and next to wide characters, drawn over one
    /// another, end up on the model terminal exactly as the frames say.
    @Test func narrowNonASCIIRunsAreDrawnRight() throws {
        try withScreen(Size(width: 20, height: 4)) { t, m in
            var f = Frame(size: t.size)
            f.put("┌──── é—à ────┐", x: 0, y: 0, style: .role(.border))
            f.put("│ naïve · 中文 │", x: 0, y: 1)
            f.put("█▀▄ “quoted” …", x: 0, y: 2, style: .role(.accent))
            f.put("──────────────────", x: 1, y: 3)
            show(t, m, f)
            expectShows(m, f, t)
            var g = Frame(size: t.size)
            g.put("└─ é ─┘ 中 ─ ü", x: 0, y: 0, style: .role(.header))
            g.put("│ naïve · 中文 │", x: 0, y: 1, style: .role(.border))
            g.put("“quoted” … █", x: 3, y: 2)
            g.put("──────────────────", x: 0, y: 3)
            show(t, m, g)
            expectShows(m, g, t)
        }
    }
}
