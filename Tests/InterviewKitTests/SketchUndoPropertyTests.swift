import InterviewKit
import Testing
import TestSupport

/// Undo and redo over random edit sequences (seeded, so a failure repeats exactly).
@Suite struct SketchUndoPropertyTests {
    /// A random command that is usually valid for the sketch as it stands.
    static func randomCommand(_ sk: Sketch, _ rng: inout SplitMix64, lastMoved: Int?) -> SketchCommand {
        let words = ["api", "ranker", "feature store", "漢字", "a\"b", "x|y", "queue", "ANN index", "café", "end", "alpha model", "beta data"]
        let boxes = sk.boxes.keys.sorted(), all = (Array(sk.boxes.keys) + Array(sk.arrows.keys) + Array(sk.texts.keys)).sorted()
        func point() -> SketchPoint { SketchPoint(x: Int.random(in: -2...120, using: &rng), y: Int.random(in: -2...50, using: &rng)) }
        func word() -> String { words.randomElement(using: &rng)! }
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<25: return .addBox(label: word(), kind: BoxKind.allCases.randomElement(using: &rng)!, at: point())
        case 25..<45 where boxes.count >= 2:
            let a = boxes.randomElement(using: &rng)!, b = boxes.randomElement(using: &rng)!
            return .addArrow(from: a, to: b, label: Bool.random(using: &rng) ? "" : word())
        case 45..<52: return .addText(word() + " " + word(), at: point())
        case 52..<62 where !all.isEmpty: return .relabel(id: all.randomElement(using: &rng)!, text: word())
        case 62..<67 where !boxes.isEmpty: return .setKind(id: boxes.randomElement(using: &rng)!, kind: BoxKind.allCases.randomElement(using: &rng)!)
        case 67..<88 where !all.isEmpty:
            let id = (lastMoved.flatMap { sk.contains($0) ? $0 : nil } ?? all.randomElement(using: &rng)!)
            let o = sk.origin(of: id) ?? .zero
            return .move(id: id, to: o.moved(Int.random(in: -3...3, using: &rng), Int.random(in: -2...2, using: &rng)),
                         continuing: Bool.random(using: &rng))
        case 88..<100 where !all.isEmpty: return .remove(id: all.randomElement(using: &rng)!)
        default: return .addBox(label: word(), kind: .service, at: point())
        }
    }

    @Test(arguments: 0..<60)
    func asManyUndosAsEditsEmptyTheSketchAndAsManyRedosBringItBack(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed * 7919 + 1)
        var s = SketchScript()
        var steps = 0
        var lastMoved: Int?
        var layout = SketchLayout()
        let length = Int.random(in: 1...80, using: &rng)
        for _ in 0..<length {
            let c = SketchUndoPropertyTests.randomCommand(s.sketch, &rng, lastMoved: lastMoved)
            let events = s.run(c)
            // an edit is a step unless it joins the move before it
            for e in events { if case .sketchEdited(_, let joined) = e.kind, !joined { steps += 1 } }
            if case .move(let id, _, _) = c, !events.isEmpty { lastMoved = id } else if !events.isEmpty { lastMoved = nil }
            layout.update(s.sketch)
        }
        // the layout kept up edit by edit equals one made from scratch
        let fresh = SketchLayout(s.sketch)
        #expect(layout.routes == fresh.routes, "seed \(seed): incremental routing differs from a fresh layout")
        let drawn = s.sketch
        for k in 0..<steps {
            let ev = s.run(.undo)
            try #require(ev.count == 1, "seed \(seed): undo \(k + 1) of \(steps) was refused: \(String(describing: s.engine.refusal))")
        }
        #expect(s.sketch.isEmpty, "seed \(seed): \(steps) undos left \(s.sketch.elementCount) elements")
        #expect(s.run(.undo).isEmpty && s.engine.refusal == .nothingToUndo)
        for _ in 0..<steps { try #require(s.run(.redo).count == 1) }
        #expect(s.sketch == drawn, "seed \(seed): redo did not give the sketch back")
        #expect(s.run(.redo).isEmpty && s.engine.refusal == .nothingToRedo)
        // coverage follows the labels exactly, through every undo and redo
        var hit = Set<Int>()
        for id in drawn.boxes.keys.map({ $0 }) + drawn.arrows.keys + drawn.texts.keys {
            hit.formUnion(s.session.signals.matcher.targets(in: drawn.text(of: id)!))
        }
        for (_, item) in s.session.scenario.allChecklist {
            let t = try #require(s.session.signals.checklistTarget(item.id))
            #expect(s.session.isCovered(item.id) == hit.contains(t), "seed \(seed): coverage of \(item.id)")
        }
    }

    @Test(arguments: 0..<20)
    func undoThenANewEditClearsRedo(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var s = SketchScript()
        for _ in 0..<10 { s.run(SketchUndoPropertyTests.randomCommand(s.sketch, &rng, lastMoved: nil)) }
        guard s.session.sketchDocument.canUndo else { return }
        s.run(.undo)
        s.box("fresh", at: 0, 0)
        #expect(s.run(.redo).isEmpty)
    }
}
