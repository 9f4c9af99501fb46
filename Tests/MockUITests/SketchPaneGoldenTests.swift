import InterviewKit
import MockUI
import TerminalKit
import Testing
import TestSupport

/// The sketch as drawn on screen: golden frames for routing, junctions, crossings and labels,
/// in Unicode and ASCII, in the pane and on the practice screen at several sizes.
@Suite struct SketchPaneGoldenTests {
    func check(_ f: Frame, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if let m = Golden.mismatch(f.text, name: name) { Issue.record(Comment(rawValue: m), sourceLocation: sourceLocation) }
    }

    /// The pane (border and all) drawing `sketch` into a frame of `size`.
    func pane(_ sketch: Sketch, _ size: Size, glyphs: Glyphs = .unicode) -> Frame {
        var f = Frame(size: size)
        var p = SketchPane()
        let inner = Widgets.pane(Rect(size), title: p.title(sketch), focused: false, glyphs: glyphs, frame: &f)
        p.draw(sketch, in: inner, focused: false, glyphs: glyphs, frame: &f)
        return f
    }

    @Test func routingAroundBoxes() {
        var s = SketchScript()
        let a = s.box("source", at: 0, 4), b = s.box("target", at: 44, 4)
        s.box("wall one", at: 14, 2)
        s.box("wall two", at: 28, 5)
        let c = s.box("below", at: 20, 12)
        s.arrow(a, b, "around")
        s.arrow(b, c)
        s.arrow(c, a, "back")
        let f = pane(s.sketch, Size(width: 60, height: 18))
        check(f, "sketch-routing")
        // the detour leaves both walls whole
        #expect(f.text.contains("│ wall one │") && f.text.contains("│ wall two │"))
    }

    @Test func junctionsWhereLinesLeaveAndMeet() {
        var s = SketchScript()
        let hub = s.box("hub service", at: 20, 7)
        let n = s.box("north", at: 22, 0), e = s.box("east", at: 44, 7), so = s.box("south", at: 22, 14), w = s.box("west", at: 0, 7)
        let ne = s.box("north-east", at: 42, 1)
        s.arrow(hub, n); s.arrow(hub, e); s.arrow(hub, so); s.arrow(hub, w); s.arrow(hub, ne)
        s.arrow(w, n); s.arrow(so, e)
        let f = pane(s.sketch, Size(width: 62, height: 20))
        check(f, "sketch-junctions")
        #expect(f.text.contains("├") && f.text.contains("┤") && f.text.contains("┬") && f.text.contains("┴"))
    }

    @Test func crossingsAndLabels() {
        var s = SketchScript()
        let w = s.box("west", at: 0, 6), e = s.box("east", at: 44, 6)
        let n = s.box("north", at: 20, 0), so = s.box("south", at: 20, 13)
        let n2 = s.box("n2", at: 34, 0), s2 = s.box("s2", at: 34, 13)
        s.arrow(w, e, "requests")
        s.arrow(n, so, "embeddings")
        s.arrow(s2, n2, "漢字 label")
        let f = pane(s.sketch, Size(width: 56, height: 19))
        check(f, "sketch-crossings")
        #expect(f.text.filter { $0 == "┼" }.count == 2)
        #expect(f.text.contains(" requests "))
    }

    @Test(arguments: [(Glyphs.unicode, "sketch-recommender"), (Glyphs.ascii, "sketch-recommender-ascii")])
    func aWholeDiagram(glyphs: Glyphs, name: String) {
        let f = pane(SketchScript.recommender().sketch, Size(width: 80, height: 24), glyphs: glyphs)
        check(f, name)
        if !glyphs.isUnicode { #expect(!f.text.contains("─") && !f.text.contains("▶")) }
    }

    @Test func theScreenShowsTheSameCharactersAsTheTextExport() {
        let sk = SketchScript.recommender().sketch
        for glyphs in [Glyphs.unicode, .ascii] {
            let f = pane(sk, Size(width: 100, height: 30), glyphs: glyphs)
            let export = SketchExport.textLines(sk, ascii: !glyphs.isUnicode)
            let rows = f.lines
            for (i, line) in export.enumerated() {
                var row = String(rows[i + 1].dropFirst())           // inside the border
                row.removeLast()
                while row.last == " " { row.removeLast() }
                #expect(row == line, "row \(i)")
            }
        }
    }

    // MARK: the practice screen

    /// A practice screen where a sketch was drawn with keys: Tab twice to the sketch pane, two
    /// boxes, a labelled arrow, a palette part.
    static func practice() throws -> PracticeScreen {
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
        _ = p.view(size: Size(width: 80, height: 24), at: 0, glyphs: .unicode)
        for k: Key in [.tab, .tab, .char("b"), .text("mobile app"), .enter] { _ = p.handle(k, at: 1) }
        for _ in 0..<3 { _ = p.handle(.shiftRight, at: 2) }
        for k: Key in [.char("b"), .text("ranking service"), .enter] { _ = p.handle(k, at: 3) }
        for _ in 0..<3 { _ = p.handle(.shiftLeft, at: 4) }
        for k: Key in [.char("a")] { _ = p.handle(k, at: 5) }
        for _ in 0..<3 { _ = p.handle(.shiftRight, at: 5) }
        for k: Key in [.enter, .text("feed"), .enter] { _ = p.handle(k, at: 6) }
        for k: Key in [.shiftDown, .char("p"), .char("1")] { _ = p.handle(k, at: 7) }
        return p
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 60, height: 18)])
    func practiceScreenWithASketch(size: Size) throws {
        var p = try SketchPaneGoldenTests.practice()
        #expect(p.session.sketch.boxes.count == 3 && p.session.sketch.arrows.count == 1)
        check(p.view(size: size, at: 10, glyphs: .unicode), "practice-sketch-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func fullScreenSketch(size: Size) throws {
        var p = try SketchPaneGoldenTests.practice()
        _ = p.handle(.function(4), at: 10)
        let f = p.view(size: size, at: 10, glyphs: .unicode)
        check(f, "practice-sketch-full-\(size.width)x\(size.height)")
        #expect(!f.text.contains("Notes ·"))
    }

    @Test func typingALabelAndThePalette() throws {
        var p = try SketchPaneGoldenTests.practice()
        _ = p.handle(.function(4), at: 10)
        for k: Key in [.shiftDown, .char("b"), .text("漢字 cache")] { _ = p.handle(k, at: 11) }
        check(p.view(size: Size(width: 80, height: 24), at: 11, glyphs: .unicode), "practice-sketch-typing-80x24")
        _ = p.handle(.escape, at: 12)
        _ = p.handle(.char("p"), at: 12)
        _ = p.handle(.down, at: 12)
        check(p.view(size: Size(width: 80, height: 24), at: 12, glyphs: .unicode), "practice-sketch-palette-80x24")
    }
}
