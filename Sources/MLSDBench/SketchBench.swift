import Foundation
import InterviewKit
import ScenarioYAML
import MockUI
import TerminalKit

/// (e) The sketch at scale: 300 boxes and 400 arrows on a practice screen of 200×60 with the
/// sketch full screen; each edit goes key → command → event → fold, each frame re-routes what the
/// edit touched and draws the pane.
func sketchBenchmarks() throws -> [Figure] {
    guard let dir = ScenarioLibrary.bundledFolder(executablePath: CommandLine.arguments[0]),
          let scenario = ScenarioLibrary.load(folders: [dir], reader: YAMLCaseReader()).scenario(id: "video-recommendation") else {
        throw SketchBenchError.missing("the bundled case video-recommendation")
    }
    let size = Size(width: 200, height: 60)
    let kinds = BoxKind.allCases
    // A 20 × 15 grid of boxes, 24 columns and 8 rows apart; arrows to the right-hand neighbour
    // (285) and to the one below (the first 115), as a dense but realistic diagram.
    var engine = Engine(scenario: scenario, settings: Settings(minutes: 45, level: .senior))
    _ = engine.handle(.start, at: 0)
    var ids: [[Int]] = []
    for r in 0..<15 {
        var row: [Int] = []
        for c in 0..<20 {
            let e = engine.handle(.sketch(.addBox(label: "service \(r)-\(c)", kind: kinds[(r + c) % kinds.count],
                                                  at: SketchPoint(x: 2 + c * 24, y: 1 + r * 8))), at: 1)
            guard case .sketchEdited(let edit, _)? = e.first?.kind else { throw SketchBenchError.missing("a box") }
            row.append(edit.id)
        }
        ids.append(row)
    }
    var pairs: [(Int, Int)] = []
    for r in 0..<15 { for c in 0..<19 { pairs.append((ids[r][c], ids[r][c + 1])) } }
    for r in 0..<14 { for c in 0..<20 where pairs.count < 400 { pairs.append((ids[r][c], ids[r + 1][c])) } }
    for (i, (a, b)) in pairs.enumerated() { _ = engine.handle(.sketch(.addArrow(from: a, to: b, label: i % 3 == 0 ? "rpc" : "")), at: 2) }
    let sketch = engine.session.sketch
    guard sketch.boxes.count == 300, sketch.arrows.count == 400 else { throw SketchBenchError.missing("300 boxes and 400 arrows") }

    var figures: [Figure] = []
    var full = SketchLayout()
    let initial = cpuTime { full.update(sketch) }
    figures.append(Figure(name: "sketch: lay out 300 boxes, 400 arrows from scratch", value: initial * 1000, unit: "ms", target: "< 100 ms (once)", ok: initial < 0.1))

    // The engine alone: a box in the middle moved back and forth, then undo and redo.
    let mid = ids[7][10]
    let n = 400
    var layout = full
    var t = 0.0
    let editCPU = cpuTime {
        for k in 0..<n {
            let o = engine.session.sketch.boxes[mid]!.origin
            _ = engine.handle(.sketch(.move(id: mid, to: o.moved(k % 2 == 0 ? 1 : -1, 0), continuing: false)), at: 3 + t)
            layout.update(engine.session.sketch)
            t += 0.01
        }
    } / Double(n)
    figures.append(Figure(name: "sketch: move a box (engine, fold, re-route)", value: editCPU * 1000, unit: "ms", target: "< 2 ms", ok: editCPU < 0.002))
    let undoCPU = cpuTime {
        for k in 0..<n {
            _ = engine.handle(.sketch(k % 2 == 0 ? .undo : .redo), at: 10)
            layout.update(engine.session.sketch)
        }
    } / Double(n)
    figures.append(Figure(name: "sketch: undo or redo a move (engine, fold, re-route)", value: undoCPU * 1000, unit: "ms", target: "< 2 ms", ok: undoCPU < 0.002))

    // The practice screen: the same sketch built with keys, full screen at 200×60.
    var p = PracticeScreen(scenario: scenario, settings: Settings(minutes: 45, level: .senior), at: 0)
    _ = p.view(size: size, at: 0, glyphs: .unicode)
    _ = p.handle(.function(4), at: 0)
    func go(to pt: SketchPoint) {
        _ = p.handle(.home, at: 1)
        for _ in 0..<(pt.x / 8) { _ = p.handle(.shiftRight, at: 1) }
        for _ in 0..<(pt.x % 8) { _ = p.handle(.right, at: 1) }
        for _ in 0..<(pt.y / 4) { _ = p.handle(.shiftDown, at: 1) }
        for _ in 0..<(pt.y % 4) { _ = p.handle(.down, at: 1) }
    }
    for b in sketch.sortedBoxes {
        go(to: b.origin)
        _ = p.handle(.char("b"), at: 1); _ = p.handle(.text(b.label), at: 1); _ = p.handle(.enter, at: 1)
    }
    let byLabel = Dictionary(uniqueKeysWithValues: p.session.sketch.boxes.values.map { ($0.label, $0) })
    for a in sketch.sortedArrows {
        let from = byLabel[sketch.boxes[a.from]!.label]!, to = byLabel[sketch.boxes[a.to]!.label]!
        go(to: from.origin.moved(2, 1)); _ = p.handle(.char("a"), at: 2)
        go(to: to.origin.moved(2, 1)); _ = p.handle(.enter, at: 2)
        _ = p.handle(.text(a.label), at: 2); _ = p.handle(.enter, at: 2)
    }
    guard p.session.sketch.boxes.count == 300, p.session.sketch.arrows.count == 400 else {
        throw SketchBenchError.missing("the keyed-in sketch (\(p.session.sketch.boxes.count) boxes, \(p.session.sketch.arrows.count) arrows)")
    }
    let target = byLabel["service 7-10"]!
    go(to: target.origin.moved(2, 1))
    _ = p.view(size: size, at: 3, glyphs: .unicode)
    _ = p.handle(.char("m"), at: 3)
    // Through the app, as the run loop drives it (the screen is copied in and out of its enum).
    var app = MockApp(screen: .practice(p), library: [scenario], glyphs: .unicode)
    var keyCPU = 0.0, frameCPU = 0.0, idleCPU = 0.0
    for k in 0..<n {
        keyCPU += cpuTime { _ = app.update(.key(k % 2 == 0 ? .right : .left), at: 4) }
        frameCPU += cpuTime { _ = app.view(size: size, at: 4) }
        idleCPU += cpuTime { _ = app.view(size: size, at: 4) }
    }
    guard let moved = app.session?.sketch.boxes[target.id], moved.origin == target.origin else {
        throw SketchBenchError.missing("the box moved back and forth")
    }
    keyCPU /= Double(n); frameCPU /= Double(n); idleCPU /= Double(n)
    figures.append(Figure(name: "sketch: key that moves a box (practice screen)", value: keyCPU * 1000, unit: "ms", target: "< 2 ms", ok: keyCPU < 0.002))
    figures.append(Figure(name: "sketch: frame 200×60 after an edit (re-route + draw)", value: frameCPU * 1000, unit: "ms", target: "< 2 ms", ok: frameCPU < 0.002))
    figures.append(Figure(name: "sketch: frame 200×60, nothing changed", value: idleCPU * 1000, unit: "ms", target: "< 2 ms", ok: idleCPU < 0.002))
    let export = cpuTime { _ = SketchExport.text(app.session!.sketch) }
    figures.append(Figure(name: "sketch: text export of the whole sketch", value: export * 1000, unit: "ms", target: "< 100 ms", ok: export < 0.1))
    return figures
}

enum SketchBenchError: Error, CustomStringConvertible {
    case missing(String)
    var description: String { switch self { case .missing(let what): return "bench setup failed: \(what)" } }
}
