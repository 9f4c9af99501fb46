import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import InterviewKit
import TerminalKit

/// The sketch pane: a cursor over a canvas larger than the pane, keys that become sketch
/// commands for the engine, and the drawing. It keeps only view state (cursor, scroll, what is
/// being typed); the sketch itself lives in the session.
public struct SketchPane: Sendable {
    public enum Mode: Equatable, Sendable {
        case normal
        case typing(Typing)
        /// An arrow from a box: the cursor looks for its target.
        case connecting(from: Int)
        case moving(id: Int, moved: Bool)
        case palette(selected: Int)
        case exporting(selected: Int)
    }

    /// A label being typed, and what it is for.
    public struct Typing: Equatable, Sendable {
        public enum Purpose: Equatable, Sendable {
            case box(at: SketchPoint, kind: BoxKind)
            case text(at: SketchPoint)
            case relabel(id: Int)
            case arrowLabel(from: Int, to: Int)
        }
        public var purpose: Purpose
        public var text: String
    }

    /// What the pane asks of the screen that holds it.
    public enum Reply: Equatable, Sendable {
        case command(SketchCommand)
        case export(SketchExport.Format, ascii: Bool)
        case say(String, Role)
    }

    struct Drag: Equatable, Sendable { var id: Int; var dx: Int; var dy: Int; var moved: Bool }

    public private(set) var cursor = SketchPoint(x: 2, y: 1)
    /// The canvas cell at the pane's top-left corner.
    public private(set) var scroll = SketchPoint.zero
    public private(set) var mode: Mode = .normal
    /// Where the arrows run, as of the last sketch the pane saw.
    public var layout: SketchLayout { cache.layout }
    let cache = LayoutCache()
    /// The typing to go back to when the engine refuses what was typed.
    var restore: Mode?
    var drag: Drag?
    /// Where the pane's inside was last drawn, for mouse hits and scrolling.
    var viewport = Rect(x: 0, y: 0, width: 30, height: 6)

    public init() {}

    static let exportChoices: [(title: String, format: SketchExport.Format, ascii: Bool)] = [
        ("Text, Unicode box drawing", .text, false), ("Text, plain ASCII", .text, true),
        ("Mermaid flowchart", .mermaid, false), ("Graphviz DOT", .dot, false),
    ]

    // MARK: queries

    /// The element under the cursor.
    public mutating func selected(in sketch: Sketch) -> Int? {
        cache.update(sketch)
        return layout.element(at: cursor, in: sketch)
    }

    /// The pane's title: counts, or what is under way.
    public func title(_ sketch: Sketch) -> String {
        func name(_ id: Int) -> String { "“" + DisplayWidth.truncate(sketch.text(of: id) ?? "?", to: 20) + "”" }
        switch mode {
        case .connecting(let from): return "Sketch · arrow from \(name(from)): Enter on the target"
        case .moving(let id, _): return "Sketch · moving \(name(id))"
        default:
            let b = sketch.boxes.count, a = sketch.arrows.count
            return "Sketch · \(b) box\(b == 1 ? "" : "es") · \(a) arrow\(a == 1 ? "" : "s") · \(cursor.x),\(cursor.y)"
        }
    }

    /// Status-line hints for the current mode.
    public var statusItems: [(keys: String, label: String)] {
        switch mode {
        case .normal: return [("F1", "help")] + Keymaps.sketch.statusItems
        case .typing: return [("Enter", "done"), ("Esc", "cancel")]
        case .connecting: return [("←↑↓→", "to the target box"), ("Enter", "connect"), ("Esc", "cancel")]
        case .moving: return [("←↑↓→", "move (Shift: faster)"), ("Enter", "done"), ("u", "undo")]
        case .palette, .exporting: return [("↑↓", "choose"), ("Enter", "ok"), ("Esc", "cancel")]
        }
    }

    // MARK: update

    /// The engine refused the last command: go back to the typing it came from.
    public mutating func refused() {
        if let r = restore { mode = r }
        restore = nil
    }

    /// Handles a key (or a mouse event inside the pane) with the sketch as it stands.
    public mutating func handle(_ key: Key, sketch: Sketch) -> [Reply] {
        restore = nil
        cache.update(sketch)
        if case .mouse(let x, let y, let kind) = key { return mouse(x: x, y: y, kind: kind, sketch: sketch) }
        switch mode {
        case .typing(let t): return typing(t, key)
        case .palette(let sel): return palette(sel, key)
        case .exporting(let sel): return exporting(sel, key)
        default: break
        }
        guard let action = Keymaps.sketch.action(for: key) else { return [] }
        if let d = delta(action) {
            if case .moving(let id, let moved) = mode, let o = sketch.origin(of: id) {
                mode = .moving(id: id, moved: true)
                moveCursor(d.0, d.1)
                return [.command(.move(id: id, to: o.moved(d.0, d.1), continuing: moved))]
            }
            moveCursor(d.0, d.1)
            return []
        }
        switch mode {
        case .connecting(let from):
            switch action {
            case .edit:
                guard let to = layout.element(at: cursor, in: sketch), sketch.boxes[to] != nil else {
                    return [.say("Move the cursor onto the target box, then Enter (Esc cancels).", .warning)]
                }
                if to == from { return [.say("Pick another box: an arrow joins two boxes.", .warning)] }
                mode = .typing(Typing(purpose: .arrowLabel(from: from, to: to), text: ""))
                return []
            case .cancel: mode = .normal; return []
            case .origin, .nextElement, .previousElement:
                mode = .normal
                let r = normal(action, sketch: sketch)
                mode = .connecting(from: from)
                return r
            default: return [.say("Finish the arrow first: Enter on the target box, Esc cancels.", .muted)]
            }
        case .moving:
            mode = .normal
            if action == .edit || action == .cancel { return [] }
        default: break
        }
        return normal(action, sketch: sketch)
    }

    func delta(_ a: SketchAction) -> (Int, Int)? {
        switch a {
        case .left: return (-1, 0)
        case .right: return (1, 0)
        case .up: return (0, -1)
        case .down: return (0, 1)
        case .farLeft: return (-8, 0)
        case .farRight: return (8, 0)
        case .farUp: return (0, -4)
        case .farDown: return (0, 4)
        default: return nil
        }
    }

    mutating func normal(_ action: SketchAction, sketch: Sketch) -> [Reply] {
        let under = layout.element(at: cursor, in: sketch)
        switch action {
        case .addBox:
            mode = .typing(Typing(purpose: .box(at: cursor, kind: .service), text: ""))
        case .addText:
            mode = .typing(Typing(purpose: .text(at: cursor), text: ""))
        case .addArrow:
            guard let id = under, sketch.boxes[id] != nil else {
                return [.say("Put the cursor on a box to start an arrow from it.", .warning)]
            }
            mode = .connecting(from: id)
        case .edit:
            guard let id = under, let text = sketch.text(of: id) else {
                return [.say("Nothing here: b adds a box, t adds text.", .muted)]
            }
            mode = .typing(Typing(purpose: .relabel(id: id), text: text))
        case .move:
            guard let id = under else { return [.say("Put the cursor on a box or text to move it.", .muted)] }
            if sketch.arrows[id] != nil { return [.say(Refusal.notMovable.message, .warning)] }
            mode = .moving(id: id, moved: false)
        case .delete:
            guard let id = under else { return [.say("Nothing to delete under the cursor.", .muted)] }
            return [.command(.remove(id: id))]
        case .kind:
            guard let id = under, let b = sketch.boxes[id] else { return [.say("Put the cursor on a box to change its kind.", .muted)] }
            return [.command(.setKind(id: id, kind: b.kind.next)), .say("Kind: \(b.kind.next.rawValue)", .muted)]
        case .undo: return [.command(.undo)]
        case .redo: return [.command(.redo)]
        case .palette: mode = .palette(selected: 0)
        case .export: mode = .exporting(selected: 0)
        case .origin: cursor = SketchPoint(x: 0, y: 0)
        case .nextElement, .previousElement:
            let stops = elementStops(sketch)
            guard !stops.isEmpty else { return [.say("The sketch is empty.", .muted)] }
            let cur = under ?? (action == .nextElement ? Int.min : Int.max)
            let next = action == .nextElement ? (stops.first { $0.id > cur } ?? stops.first!)
                                              : (stops.last { $0.id < cur } ?? stops.last!)
            cursor = next.at
        case .cancel, .left, .right, .up, .down, .farLeft, .farRight, .farUp, .farDown: break
        }
        return []
    }

    /// Where the cursor lands on each element, in id order.
    func elementStops(_ sketch: Sketch) -> [(id: Int, at: SketchPoint)] {
        var out: [(Int, SketchPoint)] = []
        for b in sketch.boxes.values { out.append((b.id, b.origin.moved(2, 1))) }
        for t in sketch.texts.values { out.append((t.id, t.origin)) }
        for (id, r) in layout.routes { out.append((id, r.labelOrigin ?? r.points[r.points.count / 2])) }
        return out.sorted { $0.0 < $1.0 }
    }

    mutating func typing(_ t: Typing, _ key: Key) -> [Reply] {
        var t = t
        let limit: Int
        switch t.purpose {
        case .box: limit = SketchText.maxBoxLabel
        case .arrowLabel: limit = SketchText.maxArrowLabel
        case .text: limit = SketchText.maxFreeText
        case .relabel: limit = SketchText.maxFreeText
        }
        func append(_ s: String) {
            for ch in s where DisplayWidth.of(t.text) + DisplayWidth.of(ch) <= limit { t.text.append(ch) }
        }
        switch key {
        case .char(let c): append(String(c))
        case .text(let s): append(s.replacing("\n", with: " "))
        case .backspace: if !t.text.isEmpty { t.text.removeLast() }
        case .ctrl("u"): t.text = ""
        case .escape: mode = .normal; return []
        case .enter:
            restore = .typing(t)
            mode = .normal
            switch t.purpose {
            case .box(let at, let kind): return [.command(.addBox(label: t.text, kind: kind, at: at))]
            case .text(let at): return [.command(.addText(t.text, at: at))]
            case .relabel(let id): return [.command(.relabel(id: id, text: t.text))]
            case .arrowLabel(let from, let to): return [.command(.addArrow(from: from, to: to, label: t.text))]
            }
        default: return []
        }
        mode = .typing(t)
        return []
    }

    mutating func palette(_ sel: Int, _ key: Key) -> [Reply] {
        let n = SketchPalette.parts.count
        var pick: Int?
        switch key {
        case .up: mode = .palette(selected: (sel + n - 1) % n)
        case .down: mode = .palette(selected: (sel + 1) % n)
        case .enter: pick = sel
        case .char(let c) where c.isNumber: pick = c == "0" ? 9 : Int(String(c))! - 1
        case .escape, .char("p"): mode = .normal
        default: break
        }
        guard let i = pick, i < n else { return [] }
        mode = .normal
        let part = SketchPalette.parts[i]
        return [.command(.addBox(label: part.label, kind: part.kind, at: cursor))]
    }

    mutating func exporting(_ sel: Int, _ key: Key) -> [Reply] {
        let n = SketchPane.exportChoices.count
        switch key {
        case .up: mode = .exporting(selected: (sel + n - 1) % n)
        case .down: mode = .exporting(selected: (sel + 1) % n)
        case .char(let c) where c.isNumber && Int(String(c))! >= 1 && Int(String(c))! <= n:
            mode = .normal
            let ch = SketchPane.exportChoices[Int(String(c))! - 1]
            return [.export(ch.format, ascii: ch.ascii)]
        case .enter:
            mode = .normal
            let ch = SketchPane.exportChoices[sel]
            return [.export(ch.format, ascii: ch.ascii)]
        case .escape, .char("x"): mode = .normal
        default: break
        }
        return []
    }

    mutating func mouse(x: Int, y: Int, kind: Key.MouseKind, sketch: Sketch) -> [Reply] {
        let p = SketchPoint(x: x - viewport.x + scroll.x, y: y - viewport.y + scroll.y)
        switch kind {
        case .press:
            guard viewport.containsCell(x, y) else { return [] }
            if case .typing = mode { return [] }
            if case .palette = mode { return [] }
            if case .exporting = mode { return [] }
            cursor = clamp(p)
            let under = layout.element(at: cursor, in: sketch)
            if case .connecting(let from) = mode {
                guard let to = under, sketch.boxes[to] != nil, to != from else { return [] }
                mode = .typing(Typing(purpose: .arrowLabel(from: from, to: to), text: ""))
                return []
            }
            mode = .normal
            if let id = under, let o = sketch.origin(of: id) { drag = Drag(id: id, dx: p.x - o.x, dy: p.y - o.y, moved: false) }
        case .drag:
            guard var d = drag else { return [] }
            cursor = clamp(p)
            let to = SketchPoint(x: p.x - d.dx, y: p.y - d.dy)
            guard sketch.origin(of: d.id) != to else { return [] }
            let continuing = d.moved
            d.moved = true
            drag = d
            return [.command(.move(id: d.id, to: to, continuing: continuing))]
        case .release:
            drag = nil
        case .wheelUp:
            scroll.y = max(0, scroll.y - 3); cursor.y = max(0, cursor.y - 3)
        case .wheelDown:
            scroll.y = min(Sketch.canvas.height - 1, scroll.y + 3); cursor.y = min(Sketch.canvas.height - 1, cursor.y + 3)
        }
        return []
    }

    func clamp(_ p: SketchPoint) -> SketchPoint {
        SketchPoint(x: min(max(0, p.x), Sketch.canvas.width - 1), y: min(max(0, p.y), Sketch.canvas.height - 1))
    }

    mutating func moveCursor(_ dx: Int, _ dy: Int) {
        cursor = clamp(cursor.moved(dx, dy))
        reveal()
    }

    /// Scrolls so that the cursor stays inside the pane, with room around it.
    mutating func reveal() {
        let w = max(1, viewport.width), h = max(1, viewport.height)
        // room to the right and below, so that a box made at the cursor shows whole
        let mx = min(14, (w - 1) / 3), my = min(4, (h - 1) / 3)
        if cursor.x < scroll.x + mx { scroll.x = cursor.x - mx }
        if cursor.x >= scroll.x + w - mx { scroll.x = cursor.x - w + mx + 1 }
        if cursor.y < scroll.y + my { scroll.y = cursor.y - my }
        if cursor.y >= scroll.y + h - my { scroll.y = cursor.y - h + my + 1 }
        scroll.x = min(max(0, scroll.x), max(0, Sketch.canvas.width - w))
        scroll.y = min(max(0, scroll.y), max(0, Sketch.canvas.height - h))
    }

    // MARK: view

    static func style(_ ink: SketchInk, selected: Bool) -> Style {
        if selected && ink != .empty { return Style(.selection, bold: ink == .label) }
        switch ink {
        case .empty, .line: return .normal
        case .head: return Style(.accent, bold: true)
        case .arrowLabel: return .role(.muted)
        case .text: return .role(.quote)
        case .border: return .role(.accent)
        case .label: return Style(.normal, bold: true)
        }
    }

    /// Draws the sketch into `inner` (the pane's inside); returns where the terminal cursor goes.
    @discardableResult
    public mutating func draw(_ sketch: Sketch, in inner: Rect, focused: Bool, glyphs: Glyphs, frame f: inout Frame) -> Point? {
        guard inner.width > 0, inner.height > 0 else { return nil }
        if inner.width != viewport.width || inner.height != viewport.height {
            // a new size (full screen on or off): scroll no further than the cursor needs
            scroll = .zero
        }
        viewport = inner
        cache.update(sketch)
        reveal()
        let area = SketchRect(x: scroll.x, y: scroll.y, width: inner.width, height: inner.height)
        let layout = self.layout
        if !sketch.isEmpty {   // an empty canvas is blank: nothing to render or copy
            let canvas = SketchCanvas.render(sketch, layout: layout, area: area, glyphs: glyphs.isUnicode ? .unicode : .ascii)
            var marked = Set<Int32>()
            if focused {
                if let id = layout.element(at: cursor, in: sketch) { marked.insert(Int32(id)) }
                if case .connecting(let from) = mode { marked.insert(Int32(from)) }
                if case .moving(let id, _) = mode { marked.insert(Int32(id)) }
            }
            SketchPane.copy(canvas, to: &f, at: Point(x: inner.x, y: inner.y), marked: marked)
        }
        if sketch.isEmpty, mode == .normal {
            let hint = "Empty sketch: b box · a arrow · t text · p parts"
            StyledText.draw(StyledText.wrap([StyledLine(hint, .role(.muted))], width: inner.width), in: inner, scroll: 0, frame: &f)
        }
        var cur: Point? = focused ? Point(x: inner.x + cursor.x - scroll.x, y: inner.y + cursor.y - scroll.y) : nil
        if let c = cur, inner.containsCell(c.x, c.y), focused {
            var cell = f[c.x, c.y]
            if !cell.isContinuation { cell.style.reverse = true; f[c.x, c.y] = cell }
        }
        switch mode {
        case .typing(let t):
            // a preview of what Enter will add, where it will go
            var ghost = Sketch()
            switch t.purpose {
            case .box(let at, let kind) where !t.text.isEmpty:
                _ = ghost.perform(.addBox(box: Box(id: 1, label: t.text, kind: kind, origin: at)))
            case .text(let at) where !t.text.isEmpty:
                _ = ghost.perform(.addText(text: FreeText(id: 1, text: t.text, origin: at)))
            default: break
            }
            if !ghost.isEmpty {
                let g = SketchCanvas.render(ghost, layout: SketchLayout(ghost), area: area, glyphs: glyphs.isUnicode ? .unicode : .ascii)
                for y in 0..<area.height {
                    for x in 0..<area.width where g.inks[y * area.width + x] != .empty {
                        let v = g.scalars[y * area.width + x]
                        if v == SketchCanvas.continuation { continue }
                        f.put(g.character(at: area.x + x, area.y + y), x: inner.x + x, y: inner.y + y, style: .role(.muted), clip: inner)
                    }
                }
            }
            let prompt: String
            switch t.purpose {
            case .box: prompt = "Box: "
            case .text: prompt = "Text: "
            case .relabel: prompt = "Label: "
            case .arrowLabel: prompt = "Arrow label (optional): "
            }
            let row = Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1)
            f.fill(row, with: Cell(scalar: 0x20, style: .role(.input)))
            let pw = f.put(prompt, x: row.x, y: row.y, style: Style(.input, bold: true), clip: row)
            var shown = t.text
            while DisplayWidth.of(shown) > max(0, row.width - pw - 1), !shown.isEmpty { shown.removeFirst() }
            let tw = f.put(shown, x: row.x + pw, y: row.y, style: .role(.input), clip: row)
            if focused { cur = Point(x: min(row.maxX - 1, row.x + pw + tw), y: row.y) }
        case .palette(let sel):
            cur = nil
            drawList(title: "Parts: Enter drops", items: SketchPalette.parts.enumerated().map { "\(($0.offset + 1) % 10) \($0.element.label) (\($0.element.kind.rawValue))" },
                     selected: sel, in: inner, glyphs: glyphs, frame: &f)
        case .exporting(let sel):
            cur = nil
            drawList(title: "Export as", items: SketchPane.exportChoices.enumerated().map { "\($0.offset + 1) \($0.element.title)" },
                     selected: sel, in: inner, glyphs: glyphs, frame: &f)
        default: break
        }
        if let c = cur, !inner.containsCell(c.x, c.y) { cur = nil }
        return cur
    }

    /// A small bordered list in the pane's top-left corner (the palette, the export formats).
    func drawList(title: String, items: [String], selected: Int, in r: Rect, glyphs: Glyphs, frame f: inout Frame) {
        let w = min(r.width, max(DisplayWidth.of(title) + 6, (items.map { DisplayWidth.of($0) }.max() ?? 0) + 4))
        let h = min(r.height, items.count + 2)
        let box = Rect(x: r.x, y: r.y, width: w, height: h)
        f.fill(box, with: Cell(scalar: 0x20, style: .normal))
        let inside = h >= 3 ? Widgets.pane(box, title: title, focused: true, glyphs: glyphs, frame: &f) : box
        let rows = inside.height
        guard rows > 0 else { return }
        let top = min(max(0, selected - rows + 1), max(0, items.count - rows))
        for i in 0..<rows where top + i < items.count {
            let k = top + i
            let st = k == selected ? Style(.selection, bold: true) : .normal
            if k == selected { f.fill(Rect(x: inside.x, y: inside.y + i, width: inside.width, height: 1), with: Cell(scalar: 0x20, style: st)) }
            f.put(" " + items[k], x: inside.x, y: inside.y + i, style: st, clip: inside)
        }
    }

    /// Copies a drawn sketch into a frame, colouring each cell by what it shows.
    public static func copy(_ c: SketchCanvas, to f: inout Frame, at origin: Point, marked: Set<Int32> = []) {
        let a = c.area
        for y in 0..<a.height {
            let fy = origin.y + y
            guard fy >= 0, fy < f.size.height else { continue }
            for x in 0..<a.width {
                let fx = origin.x + x
                guard fx >= 0, fx < f.size.width else { continue }
                let i = y * a.width + x
                let v = c.scalars[i]
                if v == SketchCanvas.continuation { continue }
                let st = style(c.inks[i], selected: !marked.isEmpty && marked.contains(c.owners[i]))
                if v < 0x300 || (v < SketchCanvas.clusterBase && v >= 0x2500 && v < 0x2600) {
                    f.setScalar(v, x: fx, y: fy, style: st)
                } else {
                    f.put(c.character(at: a.x + x, a.y + y), x: fx, y: fy, style: st, clip: Rect(x: origin.x, y: origin.y, width: a.width, height: a.height))
                }
            }
        }
    }
}

extension Rect {
    func containsCell(_ x: Int, _ y: Int) -> Bool { x >= self.x && x < maxX && y >= self.y && y < maxY }
}

/// The pane's layout, kept by reference: the screen is copied in and out of the app's state on
/// every key, and copying the layout's grids each time would cost more than routing. It is only a
/// cache (brought up to date with whatever sketch it is given), so copies of a pane may share it.
final class LayoutCache: Sendable {
    private let current = Mutex(SketchLayout())

    func update(_ sketch: Sketch) {
        current.withLock { $0.update(sketch) }
    }

    var layout: SketchLayout { current.withLock { $0 } }
}

/// A sketch export asked for on the practice screen: the run loop writes `contents` to a file
/// (named after the session, with `fileExtension`) and reports back with `sketchExported`.
public struct SketchExportRequest: Equatable, Sendable {
    public var format: SketchExport.Format
    public var ascii: Bool
    public var contents: String
    public var fileExtension: String { format.fileExtension }
}

/// The practice screen's side of the sketch pane: keys and clicks in, commands to the engine, the pane drawn.
extension PracticeScreen {
    mutating func handleSketch(_ key: Key, at now: Double) -> Outcome {
        sketchInputs &+= 1
        var out = Outcome()
        var refusedLast = false
        for reply in sketchPane.handle(key, sketch: session.sketch) {
            switch reply {
            case .command(let c):
                let events = run(.sketch(c), at: now)
                out.events += events
                refusedLast = events.isEmpty && engine.refusal != nil
                if refusedLast { sketchPane.refused() }
            case .export(let format, let ascii):
                if session.sketch.isEmpty { say("Nothing to export: the sketch is empty.", .muted, at: now); continue }
                out.sketchExport = SketchExportRequest(format: format, ascii: ascii,
                                                       contents: SketchExport.render(session.sketch, format: format, ascii: ascii))
                say("Exporting the sketch…", .muted, at: now)
            case .say(let text, let role):
                if !refusedLast { say(text, role, at: now) }
            }
        }
        return out
    }

    /// A click focuses the pane under it; in the sketch pane clicks select and drags move.
    mutating func handleMouse(_ key: Key, at now: Double) -> Outcome {
        guard case .mouse(let x, let y, let kind) = key else { return Outcome() }
        let l = layout(size)
        if kind == .wheelUp || kind == .wheelDown, !sketchFullScreen, !sketchRect(l).containsCell(x, y) {
            // The wheel scrolls the pane under the pointer, three rows a notch (the sketch pane
            // scrolls its canvas itself).
            let up = kind == .wheelUp
            if l.prompt.containsCell(x, y) {
                let most = max(0, (promptCache?.rows.count ?? 0) - (l.prompt.height - 2))
                promptScroll = up ? max(0, min(promptScroll, most) - 3) : min(most, promptScroll + 3)
            } else if l.notes.containsCell(x, y) {
                focus = .notes
                var out = Outcome()
                for _ in 0..<3 { out.events += handle(up ? .up : .down, at: now).events }
                return out
            }
            return Outcome()
        }
        if kind == .press {
            if sketchRect(l).inset(1).containsCell(x, y) {
                focus = .sketch
            } else {
                if !sketchFullScreen && l.notes.containsCell(x, y) { focus = .notes }
                if !sketchFullScreen && l.prompt.containsCell(x, y) { focus = .prompt }
                return Outcome()
            }
        }
        guard focus == .sketch else { return Outcome() }
        return handleSketch(key, at: now)
    }

    /// Where the sketch pane goes: its place in the left column, or the whole body in full screen.
    func sketchRect(_ l: Layout) -> Rect {
        sketchFullScreen ? Rect(x: 0, y: l.tabs.maxY, width: l.status.width, height: l.status.y - l.tabs.maxY) : l.sketch
    }

    /// Draws the sketch pane; returns where the cursor goes when the pane has the focus.
    @discardableResult
    mutating func drawSketch(_ f: inout Frame, _ r: Rect, _ g: Glyphs) -> Point? {
        let sk = session.sketch
        let title = sketchPane.title(sk) + (sketchFullScreen ? " · F4 back" : " · F4 full")
        let inner = Widgets.pane(r, title: title, focused: focus == .sketch, glyphs: g, frame: &f)
        let cur = sketchPane.draw(sk, in: inner, focused: focus == .sketch, glyphs: g, frame: &f)
        guard focus == .sketch, overlay == nil else { return nil }
        f.cursor = cur
        return cur
    }

    /// The sketch pane's part of the help overlay, from its key table.
    static func sketchHelpLines() -> [StyledLine] {
        var lines = HelpOverlay.keymapLines(Keymaps.sketch)
        lines.append(StyledLine("Sketch pane (typing a label)", Style(.title, bold: true)))
        for e in Keymaps.sketchTyping {
            let pad = String(repeating: " ", count: max(1, 24 - DisplayWidth.of(e.keys)))
            lines.append(StyledLine([Span("  " + e.keys, Style(.key, bold: true)), Span(pad + e.help)], indent: 26))
        }
        lines.append(.blank)
        lines.append(StyledLine("Box kinds by border: service ┌┐, store ╭╮, queue ╓╖, model ╔╗, client ┏┓ (k changes it). Sketch labels count toward the checklist like your notes.", .role(.muted)))
        return lines
    }

    /// The run loop wrote (or failed to write) an export asked for with `Outcome.sketchExport`.
    public mutating func sketchExported(path: String?, error: String?, at now: Double) {
        if let p = path { say("Sketch saved to \(p)", .success, at: now) }
        if let e = error { say(e, .danger, at: now) }
    }
}
