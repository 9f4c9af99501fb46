import InterviewKit
import MockUI
import TerminalKit
import Testing
import TestSupport

/// The sketch pane's keys and mouse, through the practice screen.
@Suite struct SketchPaneBehaviourTests {
    /// A practice screen with the sketch pane focused and full screen (120×40).
    func screen() throws -> PracticeScreen {
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
        _ = p.handle(.function(4), at: 0)
        _ = p.view(size: Size(width: 120, height: 40), at: 0, glyphs: .unicode)
        return p
    }

    func keys(_ p: inout PracticeScreen, _ ks: [Key], at t: Double = 1) -> [Event] {
        var events: [Event] = []
        for k in ks { events += p.handle(k, at: t).events }
        return events
    }

    @Test func bTypesABoxAtTheCursorAndEnterAddsIt() throws {
        var p = try screen()
        #expect(p.focus == .sketch)
        let c = p.sketchPane.cursor
        let ev = keys(&p, [.char("b"), .text("feature store"), .enter])
        #expect(ev.count == 1)
        let b = try #require(p.session.sketch.boxes.values.first)
        #expect(b.label == "feature store" && b.origin == c)
        #expect(p.sketchPane.mode == .normal)
    }

    @Test func escCancelsTypingAndAnEmptyLabelIsRefusedWithoutLosingTheTyping() throws {
        var p = try screen()
        _ = keys(&p, [.char("b"), .text("x"), .escape])
        #expect(p.session.sketch.isEmpty)
        _ = keys(&p, [.char("b"), .text("  "), .enter])
        #expect(p.session.sketch.isEmpty)
        #expect(p.engine.refusal == .emptyLabel)
        guard case .typing = p.sketchPane.mode else { Issue.record("typing was lost"); return }
    }

    @Test func anArrowGoesFromTheBoxUnderTheCursorToTheBoxChosenWithEnter() throws {
        var p = try screen()
        _ = keys(&p, [.char("b"), .text("api"), .enter, .shiftRight, .shiftRight, .char("b"), .text("db"), .enter])
        _ = keys(&p, [.char("a")])                        // the cursor sits on db's corner
        guard case .connecting(let from) = p.sketchPane.mode else { Issue.record("not connecting"); return }
        _ = keys(&p, [.enter])                            // on itself
        guard case .connecting = p.sketchPane.mode else { Issue.record("an arrow to itself was accepted"); return }
        _ = keys(&p, [.shiftLeft, .shiftLeft, .enter, .text("SQL"), .enter])
        let a = try #require(p.session.sketch.arrows.values.first)
        #expect(a.from == from && a.label == "SQL" && p.session.sketch.boxes[a.to]?.label == "api")
    }

    @Test func aStartsNoArrowAwayFromABox() throws {
        var p = try screen()
        _ = keys(&p, [.char("a")])
        #expect(p.sketchPane.mode == .normal)
    }

    @Test func mMovesTheElementWithTheArrowKeysAsOneUndoStep() throws {
        var p = try screen()
        _ = keys(&p, [.char("b"), .text("api"), .enter, .shiftRight, .shiftRight, .shiftRight, .char("b"), .text("db"), .enter])
        _ = keys(&p, [.char("a"), .shiftLeft, .shiftLeft, .shiftLeft, .enter, .enter])
        let db = p.session.sketch.boxes.values.first { $0.label == "db" }!
        _ = keys(&p, [.shiftRight, .shiftRight, .shiftRight, .char("m")])
        guard case .moving(db.id, _) = p.sketchPane.mode else { Issue.record("not moving db"); return }
        let ev = keys(&p, [.down, .down, .right, .shiftDown, .enter])
        #expect(ev.count == 4)
        #expect(p.session.sketch.boxes[db.id]!.origin == db.origin.moved(1, 6))
        #expect(p.session.sketch.arrows.count == 1)       // still attached
        _ = keys(&p, [.char("u")])
        #expect(p.session.sketch.boxes[db.id]!.origin == db.origin)
        _ = keys(&p, [.char("r")])
        #expect(p.session.sketch.boxes[db.id]!.origin == db.origin.moved(1, 6))
        _ = keys(&p, [.char("u"), .ctrl("r")])
        #expect(p.session.sketch.boxes[db.id]!.origin == db.origin.moved(1, 6))
    }

    @Test func dDeletesTheBoxWithItsArrowsAndUUndoes() throws {
        var p = try screen()
        _ = keys(&p, [.char("b"), .text("api"), .enter, .shiftRight, .shiftRight, .char("b"), .text("db"), .enter])
        _ = keys(&p, [.char("a"), .shiftLeft, .shiftLeft, .enter, .enter])
        let before = p.session.sketch
        _ = keys(&p, [.char("d")])
        #expect(p.session.sketch.boxes.count == 1 && p.session.sketch.arrows.isEmpty)
        _ = keys(&p, [.char("u")])
        #expect(p.session.sketch == before)
        _ = keys(&p, [.delete])
        #expect(p.session.sketch.boxes.count == 1)
    }

    @Test func enterEditsTheLabelUnderTheCursor() throws {
        var p = try screen()
        _ = keys(&p, [.char("b"), .text("api"), .enter, .enter, .backspace, .backspace, .backspace, .text("gateway"), .enter])
        #expect(p.session.sketch.boxes.values.first?.label == "gateway")
    }

    @Test func tAddsFreeTextAndKChangesABoxKind() throws {
        var p = try screen()
        _ = keys(&p, [.char("t"), .text("offline path"), .enter])
        #expect(p.session.sketch.texts.values.first?.text == "offline path")
        _ = keys(&p, [.shiftDown, .char("b"), .text("db"), .enter, .char("k")])
        #expect(p.session.sketch.boxes.values.first?.kind == .store)
    }

    @Test func thePaletteDropsACommonPartAtTheCursor() throws {
        var p = try screen()
        _ = keys(&p, [.char("p"), .down, .down, .down, .down, .enter])
        #expect(p.session.sketch.boxes.values.first?.label == "ranker")
        #expect(p.session.sketch.boxes.values.first?.kind == .model)
        _ = keys(&p, [.shiftDown, .char("p"), .char("7")])
        #expect(p.session.sketch.boxes.values.contains { $0.label == "event stream" && $0.kind == .queue })
    }

    @Test func theCanvasScrollsWithTheCursor() throws {
        var p = try screen()
        for _ in 0..<20 { _ = p.handle(.shiftRight, at: 1) }
        for _ in 0..<15 { _ = p.handle(.shiftDown, at: 1) }
        _ = keys(&p, [.char("b"), .text("far away"), .enter])
        let f = p.view(size: Size(width: 120, height: 40), at: 2, glyphs: .unicode)
        #expect(p.sketchPane.scroll.x > 0 && p.sketchPane.scroll.y > 0)
        #expect(f.text.contains("│ far away │"))
        _ = keys(&p, [.home])
        let g = p.view(size: Size(width: 120, height: 40), at: 2, glyphs: .unicode)
        #expect(p.sketchPane.scroll == .zero && !g.text.contains("far away"))
    }

    @Test func f4TogglesFullScreenAndTabLeavesIt() throws {
        var p = try screen()
        #expect(p.sketchFullScreen)
        _ = p.handle(.function(4), at: 1)
        #expect(!p.sketchFullScreen)
        _ = p.handle(.function(4), at: 1)
        _ = p.handle(.tab, at: 1)
        #expect(!p.sketchFullScreen && p.focus == .notes)
    }

    @Test func aClickSelectsAndADragMovesAsOneStep() throws {
        var p = try screen()
        _ = keys(&p, [.char("b"), .text("api"), .enter])
        let b = p.session.sketch.boxes.values.first!
        // the pane's inside starts at column 1, row 3 (header, tabs, border)
        let sx = 1 + b.origin.x + 3, sy = 3 + b.origin.y + 1
        _ = p.handle(.mouse(x: sx, y: sy, kind: .press), at: 2)
        let ev = keys(&p, [.mouse(x: sx + 5, y: sy + 2, kind: .drag), .mouse(x: sx + 9, y: sy + 4, kind: .drag), .mouse(x: sx + 9, y: sy + 4, kind: .release)], at: 2)
        #expect(ev.count == 2)
        #expect(p.session.sketch.boxes[b.id]!.origin == b.origin.moved(9, 4))
        _ = keys(&p, [.char("u")])
        #expect(p.session.sketch.boxes[b.id]!.origin == b.origin)
        _ = p.handle(.mouse(x: 100, y: 30, kind: .press), at: 3)
        #expect(p.sketchPane.cursor == SketchPoint(x: 99, y: 27))
    }

    @Test func aClickOnTheNotesFocusesThem() throws {
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
        _ = p.view(size: Size(width: 100, height: 30), at: 0, glyphs: .unicode)
        _ = p.handle(.mouse(x: 5, y: 25, kind: .press), at: 1)
        #expect(p.focus == .sketch)
        _ = p.handle(.mouse(x: 80, y: 10, kind: .press), at: 1)
        #expect(p.focus == .notes)
    }

    @Test func theWheelScrollsThePaneUnderThePointer() throws {
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
        let size = Size(width: 100, height: 30)
        let top = p.view(size: size, at: 1, glyphs: .unicode).text
        // over the interviewer's pane (left, upper): three rows a notch, never past either end
        _ = p.handle(.mouse(x: 5, y: 6, kind: .wheelDown), at: 1)
        #expect(p.promptScroll == 3)
        let scrolled = p.view(size: size, at: 1, glyphs: .unicode).text
        #expect(scrolled != top)
        for _ in 0..<100 { _ = p.handle(.mouse(x: 5, y: 6, kind: .wheelDown), at: 1) }
        let most = p.promptScroll
        _ = p.handle(.mouse(x: 5, y: 6, kind: .wheelUp), at: 1)
        #expect(p.promptScroll == most - 3, "the first notch up moves at once, however far down it went")
        for _ in 0..<100 { _ = p.handle(.mouse(x: 5, y: 6, kind: .wheelUp), at: 1) }
        #expect(p.promptScroll == 0)
        #expect(p.view(size: size, at: 1, glyphs: .unicode).text == top)
        // over the notes: the notes take the focus and the cursor moves three lines a notch
        _ = p.handle(.text("one\ntwo\nthree\nfour\nfive"), at: 1)
        _ = p.handle(.mouse(x: 5, y: 6, kind: .press), at: 1)
        #expect(p.focus == .prompt)
        _ = p.handle(.mouse(x: 80, y: 10, kind: .wheelUp), at: 1)
        #expect(p.focus == .notes)
        #expect(p.editors[0].cursor.line == 1)
        _ = p.handle(.mouse(x: 80, y: 10, kind: .wheelDown), at: 1)
        #expect(p.editors[0].cursor.line == 4)
    }

    @Test func xExportsInTheChosenFormat() throws {
        var p = try screen()
        _ = keys(&p, [.char("x"), .enter])
        #expect(p.handle(.enter, at: 1).sketchExport == nil)      // empty: nothing to export
        _ = keys(&p, [.char("b"), .text("api"), .enter])
        _ = p.handle(.char("x"), at: 2)
        let out = p.handle(.char("3"), at: 2)
        let req = try #require(out.sketchExport)
        #expect(req.format == .mermaid && req.contents.contains("[\"api\"]") && req.fileExtension == "mmd")
        p.sketchExported(path: "/tmp/a.mmd", error: nil, at: 3)
        #expect(p.view(size: Size(width: 120, height: 40), at: 3, glyphs: .unicode).text.contains("Sketch saved to /tmp/a.mmd"))
    }

    @Test func sketchLabelsTickTheChecklist() throws {
        var p = try screen()
        #expect(!p.session.isCovered("vr-two-tower"))
        _ = keys(&p, [.char("b"), .text("video tower"), .enter])
        #expect(p.session.isCovered("vr-two-tower"))
        _ = keys(&p, [.char("d")])
        #expect(!p.session.isCovered("vr-two-tower"))
        _ = keys(&p, [.char("u")])
        #expect(p.session.isCovered("vr-two-tower"))
    }

    @Test func helpAndMlsdKeysListTheSketchTable() throws {
        var p = try screen()
        _ = p.handle(.function(1), at: 1)
        var seen = ""
        for _ in 0..<12 {
            seen += p.view(size: Size(width: 120, height: 40), at: 1, glyphs: .unicode).text
            _ = p.handle(.pageDown, at: 1)
        }
        for b in Keymaps.sketch.groups.flatMap(\.bindings) {
            #expect(Keymaps.allText.contains(b.help))
        }
        #expect(seen.contains("Sketch: draw") && seen.contains("new box at the cursor"))
        #expect(Keymaps.practice.action(for: .function(4)) == .sketchFullScreen)
    }

    @Test func theSketchPaneShowsTheStatusKeysOfItsMode() throws {
        var p = try screen()
        var f = p.view(size: Size(width: 120, height: 40), at: 1, glyphs: .unicode)
        #expect(f.lines[39].contains("box") && f.lines[39].contains("arrow"))
        _ = p.handle(.char("b"), at: 1)
        f = p.view(size: Size(width: 120, height: 40), at: 1, glyphs: .unicode)
        #expect(f.lines[39].contains("Enter done") && f.lines[39].contains("Esc cancel"))
    }
}

/// The sketch after the interview: in the report screen, and in a replay at each moment.
@Suite struct SketchAfterTheInterviewTests {
    @Test func theReportScreenDrawsTheSketchAndTheReferenceArchitecture() throws {
        var p = try SketchPaneGoldenTests.practice()
        _ = p.handle(.ctrl("q"), at: 20)
        let out = p.handle(.char("y"), at: 21)
        #expect(out.ended)
        var r = ReportScreen(report: Report(session: p.session, at: 21))
        let text = r.lines(glyphs: .unicode).map { $0.spans.map(\.text).joined() }.joined(separator: "\n")
        #expect(text.contains("Your sketch"))
        #expect(text.contains("│ mobile app ├── feed ─▶│ ranking service │"))
        #expect(text.contains("Reference architecture"))
        let ascii = r.lines(glyphs: .ascii).map { $0.spans.map(\.text).joined() }.joined(separator: "\n")
        #expect(ascii.contains("| mobile app +-- feed ->| ranking service |"))
        // drawings are cut at the screen's width, never wrapped
        let f = r.view(size: Size(width: 40, height: 600), glyphs: .unicode)
        let row = try #require(f.lines.first { $0.contains("│ mobile app ├── feed ─▶│ ranking") })
        #expect(row.contains("…") && !row.contains("service"))
    }

    @Test func aReplayShowsTheSketchAsItWasAtEachMoment() throws {
        let scenario = try Fixtures.scenario("video-recommendation")
        var s = SketchScript(scenario: scenario)
        var events: [Event] = [Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))]
        events += s.run(.addBox(label: "api", kind: .service, at: SketchPoint(x: 1, y: 1)))
        events += s.run(.addBox(label: "db", kind: .store, at: SketchPoint(x: 20, y: 1)))
        events += s.run(.addArrow(from: 1, to: 2, label: "SQL"))
        events += s.run(.remove(id: 1))
        var screen = PracticeScreen(replaying: scenario, settings: Settings(minutes: 45, level: .senior))
        var shots: [String] = []
        for e in events {
            screen.replay(e)
            shots.append(screen.view(size: Size(width: 120, height: 40), at: e.at, glyphs: .unicode).text)
        }
        #expect(shots[2].contains("│ api │") && !shots[2].contains("│ db │"))
        #expect(shots[4].contains("─ SQL ─") || shots[4].contains("SQL"))
        #expect(!shots[5].contains("│ api │") && shots[5].contains("│ db │") && !shots[5].contains("SQL"))
    }
}
