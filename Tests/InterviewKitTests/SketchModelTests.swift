import Foundation
import InterviewKit
import Testing
import TestSupport

/// The sketch model and its rules: ids, sizes, edits as events, undo steps, coverage from labels.
@Suite struct SketchModelTests {
    @Test func aBoxIsAsWideAsItsLabelInTerminalColumns() {
        #expect(Box(id: 1, label: "ranker", origin: .zero).size == SketchSize(width: 10, height: 3))
        #expect(Box(id: 1, label: "漢字", origin: .zero).size == SketchSize(width: 8, height: 3))
        #expect(Box(id: 1, label: "é", origin: .zero).size.width == 5)   // never narrower than 5
    }

    @Test func theEngineGivesNewElementsIdsThatAreNeverReused() {
        var s = SketchScript()
        let a = s.box("a", at: 0, 0)
        let b = s.box("b", at: 10, 0)
        let ab = s.arrow(a, b)
        #expect(a == 1 && b == 2 && ab == 3)
        s.run(.remove(id: b))
        s.run(.undo)
        #expect(s.sketch.boxes[b]?.label == "b" && s.sketch.arrows[ab] != nil)   // undo brings back the same ids
        s.run(.remove(id: a))
        let c = s.box("c", at: 0, 0)
        #expect(c == 4)
    }

    @Test func deletingABoxTakesItsArrowsAndOneUndoBringsAllBack() {
        var s = SketchScript()
        let a = s.box("a", at: 0, 0), b = s.box("b", at: 10, 0), c = s.box("c", at: 20, 0)
        s.arrow(a, b, "ab"); s.arrow(b, c); s.arrow(a, c)
        let before = s.sketch
        let ev = s.run(.remove(id: b))
        #expect(ev.count == 1)
        #expect(s.sketch.boxes.count == 2 && s.sketch.arrows.count == 1)
        s.run(.undo)
        #expect(s.sketch == before)
    }

    @Test(arguments: [
        (SketchCommand.addBox(label: "  ", kind: .service, at: .zero), Refusal.emptyLabel),
        (SketchCommand.addBox(label: String(repeating: "x", count: 49), kind: .service, at: .zero), Refusal.labelTooLong(max: 48)),
        (SketchCommand.addArrow(from: 1, to: 1, label: ""), Refusal.arrowToItself),
        (SketchCommand.addArrow(from: 1, to: 9, label: ""), Refusal.noSuchElement),
        (SketchCommand.addArrow(from: 1, to: 3, label: ""), Refusal.arrowNeedsBoxes),
        (SketchCommand.move(id: 3, to: .zero, continuing: false), Refusal.notMovable),
        (SketchCommand.remove(id: 42), Refusal.noSuchElement),
        (SketchCommand.relabel(id: 1, text: ""), Refusal.emptyLabel),
        (SketchCommand.redo, Refusal.nothingToRedo),
    ])
    func theEngineRefusesWhatCannotBeDrawn(command: SketchCommand, refusal: Refusal) {
        var s = SketchScript()
        let a = s.box("a", at: 0, 0)                 // 1
        let b = s.box("b", at: 10, 0)
        s.run(.remove(id: b))
        s.run(.undo)                                   // box 2 back, nothing to redo
        _ = s.arrow(a, b)                              // 3 is an arrow: no arrow may start there
        s.run(.move(id: a, to: .zero, continuing: false))
        let before = s.sketch
        let ev = s.run(command)
        #expect(ev.isEmpty)
        #expect(s.engine.refusal == refusal)
        #expect(s.sketch == before)
    }

    @Test func undoWithNothingToUndoIsRefused() {
        var s = SketchScript()
        #expect(s.run(.undo).isEmpty)
        #expect(s.engine.refusal == .nothingToUndo)
    }

    @Test func theStepsOfOneMoveAreOneUndoStepAndAttachedArrowsFollow() {
        var s = SketchScript()
        let a = s.box("client", at: 0, 0), b = s.box("server", at: 30, 0)
        let ab = s.arrow(a, b)
        for k in 1...5 { s.run(.move(id: b, to: SketchPoint(x: 30 + k, y: k), continuing: k > 1)) }
        #expect(s.sketch.boxes[b]!.origin == SketchPoint(x: 35, y: 5))
        let layout = SketchLayout(s.sketch)
        let head = layout.routes[ab]!.ends.head
        #expect(s.sketch.boxes[b]!.frame.expanded(1).contains(head) && !s.sketch.boxes[b]!.frame.contains(head))
        s.run(.undo)
        #expect(s.sketch.boxes[b]!.origin == SketchPoint(x: 30, y: 0))
        #expect(s.run(.undo).count == 1)            // the arrow
        #expect(s.sketch.arrows.isEmpty)
    }

    @Test func aMoveThatContinuesAfterAnotherEditStartsANewStep() {
        var s = SketchScript()
        let a = s.box("a", at: 0, 0)
        s.run(.move(id: a, to: SketchPoint(x: 1, y: 0), continuing: false))
        s.box("b", at: 20, 0)
        s.run(.move(id: a, to: SketchPoint(x: 2, y: 0), continuing: true))
        s.run(.undo)
        #expect(s.sketch.boxes[a]!.origin.x == 1)
    }

    @Test func positionsStayOnTheCanvas() {
        var s = SketchScript()
        let a = s.box("a", at: -5, 900)
        #expect(s.sketch.boxes[a]!.origin == SketchPoint(x: 0, y: Sketch.canvas.height - 3))
    }

    @Test func labelsOfBoxesArrowsAndTextCountTowardCoverage() {
        var s = SketchScript()
        #expect(!s.session.isCovered("model-a"))
        let a = s.box("alpha model", at: 0, 0)           // a signal of model-a in the tiny case
        #expect(s.session.isCovered("model-a"))
        s.run(.relabel(id: a, text: "something else"))
        #expect(!s.session.isCovered("model-a"))
        s.run(.undo)
        #expect(s.session.isCovered("model-a"))
        s.run(.remove(id: a))
        #expect(!s.session.isCovered("model-a"))
        let b = s.box("x", at: 0, 0), c = s.box("y", at: 20, 0)
        let ar = s.arrow(b, c, "beta data")
        #expect(s.session.isCovered("data-b"))
        s.run(.remove(id: ar))
        #expect(!s.session.isCovered("data-b"))
        s.text("beta serving", at: 0, 10)
        #expect(s.session.isCovered("serving-b"))
    }

    @Test func replayingTheRecordedEventsGivesTheSameSketchCoverageAndHistory() throws {
        var rec = SketchScript()
        var recorded: [Event] = []
        func play(_ c: SketchCommand) { recorded += rec.run(c) }
        play(.addBox(label: "a", kind: .store, at: SketchPoint(x: 0, y: 0)))
        play(.addBox(label: "alpha model", kind: .model, at: SketchPoint(x: 20, y: 0)))
        play(.addArrow(from: 1, to: 2, label: "beta data"))
        play(.move(id: 2, to: SketchPoint(x: 21, y: 1), continuing: false))
        play(.move(id: 2, to: SketchPoint(x: 22, y: 2), continuing: true))
        play(.undo)
        play(.redo)
        play(.remove(id: 1))
        play(.undo)
        #expect(recorded.count == 9)
        let decoded = try JSONDecoder().decode([Event].self, from: JSONEncoder().encode(recorded))
        #expect(decoded == recorded)
        var replay = Session(scenario: Fixtures.tiny(), settings: Settings(minutes: 45, level: .senior))
        replay.apply(Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)))
        replay.apply(Event(seq: 2, at: 0, kind: .stageEntered(stage: 0)))
        for ev in decoded { replay.apply(ev) }
        #expect(replay.sketch == rec.sketch)
        #expect(replay.sketch.boxes[2]!.origin == SketchPoint(x: 22, y: 2))
        #expect(replay.isCovered("model-a") && replay.isCovered("data-b"))
        #expect(replay.sketchDocument.undoDepth == rec.session.sketchDocument.undoDepth)
        // and the history carries on the same way
        var engine = Engine(scenario: Fixtures.tiny(), settings: Settings(minutes: 45, level: .senior),
                            events: [Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior))] + decoded)
        _ = engine.handle(.sketch(.undo), at: 100)
        _ = rec.run(.undo)
        #expect(engine.session.sketch == rec.sketch)
    }

    @Test func aSketchSurvivesJSON() throws {
        let s = SketchScript.recommender().sketch
        let back = try JSONDecoder().decode(Sketch.self, from: JSONEncoder().encode(s))
        #expect(back == s)
        #expect(back.nextID == s.nextID)
        #expect(SketchExport.text(back) == SketchExport.text(s))
    }

    @Test func sketchEditsAreNotTimelineMarkers() {
        #expect(!Event(seq: 1, at: 0, kind: .sketchUndone).isMarker)
        #expect(!Event(seq: 1, at: 0, kind: .sketchEdited(edit: .remove(id: 1), joined: false)).isMarker)
    }

    @Test func theReportCarriesTheSketchAndTheReferenceArchitecture() throws {
        let scenario = try Fixtures.scenario("video-recommendation")
        var s = SketchScript(scenario: scenario)
        let a = s.box("candidate generation", at: 0, 0), b = s.box("ranker", .model, at: 30, 0)
        s.arrow(a, b, "500")
        let r = Report(session: s.session, at: 10)
        #expect(r.sketch == s.sketch)
        let md = r.markdown()
        #expect(md.contains("## Your sketch"))
        #expect(md.contains("│ candidate generation ├"))
        #expect(md.contains("## Reference architecture"))
        #expect(md.contains(String(scenario.referenceArchitecture.split(separator: "\n")[0])))
        let back = try JSONDecoder().decode(Report.self, from: Data(r.json().utf8))
        #expect(back == r)
        let empty = Report(session: SketchScript(scenario: scenario).session, at: 1)
        #expect(empty.sketch == nil && !empty.markdown().contains("## Your sketch"))
    }

    @Test func theReferenceArchitectureBecomesASketchOfText() throws {
        let ref = "client --> API\n\n   API --> ranker\n"
        let s = Sketch.reference(ref)
        #expect(s.texts.count == 2)
        #expect(SketchExport.text(s) == "client --> API\n\n   API --> ranker\n")
    }
}
