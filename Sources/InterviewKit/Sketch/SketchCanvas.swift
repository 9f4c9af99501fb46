/// What a cell of a drawn sketch shows, so that screens can colour it.
public enum SketchInk: UInt8, Sendable {
    case empty, line, head, arrowLabel, text, border, label
}

/// A rectangle of a sketch drawn as characters: the one drawing that the screen, the text export
/// and the report all show, so they cannot disagree.
public struct SketchCanvas: Sendable {
    /// The canvas cells this grid shows.
    public let area: SketchRect
    /// One scalar per cell; `continuation` marks the right half of a wide character, values from
    /// `clusterBase` refer to `clusters` (characters of several scalars).
    public private(set) var scalars: [UInt32]
    public private(set) var inks: [SketchInk]
    /// The element drawn in each cell, or -1.
    public private(set) var owners: [Int32]
    public private(set) var clusters: [String] = []

    public static let continuation: UInt32 = 0
    public static let clusterBase: UInt32 = 0x8000_0000

    init(area: SketchRect) {
        self.area = area
        let n = area.width * area.height
        scalars = Array(repeating: 0x20, count: n)
        inks = Array(repeating: .empty, count: n)
        owners = Array(repeating: -1, count: n)
    }

    @inline(__always) public func index(_ x: Int, _ y: Int) -> Int { (y - area.y) * area.width + (x - area.x) }

    /// The text of a canvas cell (empty for the right half of a wide character).
    public func character(at x: Int, _ y: Int) -> String {
        let v = scalars[index(x, y)]
        if v == SketchCanvas.continuation { return "" }
        if v >= SketchCanvas.clusterBase { return clusters[Int(v - SketchCanvas.clusterBase)] }
        return String(Character(Unicode.Scalar(v) ?? " "))
    }

    /// The rows as text, trailing spaces removed.
    public var lines: [String] {
        (area.y..<area.maxY).map { y in
            var s = ""
            for x in area.x..<area.maxX { s += character(at: x, y) }
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    // MARK: drawing

    @inline(__always) mutating func set(_ x: Int, _ y: Int, _ v: UInt32, _ ink: SketchInk, _ owner: Int) {
        guard area.contains(SketchPoint(x: x, y: y)) else { return }
        let i = index(x, y)
        // keep wide characters whole: overwriting either half blanks the other
        if scalars[i] == SketchCanvas.continuation, x > area.x { scalars[i - 1] = 0x20 }
        if x + 1 < area.maxX, scalars[i + 1] == SketchCanvas.continuation { scalars[i + 1] = 0x20 }
        scalars[i] = v; inks[i] = ink; owners[i] = Int32(owner)
    }

    /// Writes text from a cell; wide characters take two cells, and one cut by the edge becomes a space.
    mutating func put(_ s: String, x: Int, y: Int, ink: SketchInk, owner: Int) {
        guard y >= area.y, y < area.maxY else { return }
        var col = x
        for ch in s {
            if col >= area.maxX { break }
            let w = SketchText.width(ch)
            let units = ch.unicodeScalars
            if col + w <= area.x { col += w; continue }
            if col < area.x || col + w > area.maxX {          // straddles an edge
                for k in 0..<w { set(col + k, y, 0x20, ink, owner) }
                col += w; continue
            }
            var v: UInt32
            if units.count == 1 {
                v = units.first!.value
                if v < 0x20 || v == 0x7F { v = 0xFFFD }
            } else {
                v = SketchCanvas.clusterBase + UInt32(clusters.count)
                clusters.append(String(ch))
            }
            set(col, y, v, ink, owner)
            if w == 2 { let i = index(col + 1, y); set(col + 1, y, 0x20, ink, owner); scalars[i] = SketchCanvas.continuation }
            col += w
        }
    }

    // MARK: rendering

    /// Draws the part of `sketch` inside `area`: lines (with junctions and crossings where they
    /// meet), arrow labels, free text, arrowheads, then boxes on top, then the junctions where lines leave boxes.
    public static func render(_ sketch: Sketch, layout: SketchLayout, area: SketchRect, glyphs: SketchGlyphs) -> SketchCanvas {
        var c = SketchCanvas(area: area)
        guard !area.isEmpty else { return c }
        var visible: [(Int, ArrowRoute)] = []
        for (id, r) in layout.routes where r.bounds.intersects(area) { visible.append((id, r)) }
        visible.sort { $0.0 < $1.0 }

        // Lines: each cell collects the directions it joins; a crossing joins all four.
        var mask = [UInt8](repeating: 0, count: area.width * area.height)
        var lineOwner = [Int32](repeating: -1, count: area.width * area.height)
        func mark(_ x: Int, _ y: Int, _ bits: UInt8, _ id: Int) {
            guard area.contains(SketchPoint(x: x, y: y)) else { return }
            let i = c.index(x, y)
            mask[i] |= bits; lineOwner[i] = Int32(id)
        }
        for (id, r) in visible {
            let pts = r.points
            mark(pts[0].x, pts[0].y, 1 << r.ends.fromSide.opposite.rawValue, id)
            for k in 0..<(pts.count - 1) {
                let a = pts[k], b = pts[k + 1]
                let dx = (b.x - a.x).signum(), dy = (b.y - a.y).signum()
                let fwd: SketchSide = dx > 0 ? .right : dx < 0 ? .left : dy > 0 ? .bottom : .top
                // clip long runs to the area
                var p = a
                while true {
                    var bits: UInt8 = 0
                    if p != a { bits |= 1 << fwd.opposite.rawValue }
                    if p != b { bits |= 1 << fwd.rawValue }
                    mark(p.x, p.y, bits, id)
                    if p == b { break }
                    p = p.moved(dx, dy)
                }
            }
        }
        for i in 0..<mask.count where mask[i] != 0 {
            c.scalars[i] = glyphs.lines[Int(mask[i])].value
            c.inks[i] = .line
            c.owners[i] = lineOwner[i]
        }
        // Labels travel with their arrows.
        for (id, r) in visible {
            guard let o = r.labelOrigin, let a = sketch.arrows[id] else { continue }
            if r.labelOnLine {
                c.set(o.x - 1, o.y, 0x20, .arrowLabel, id)
                c.set(o.x + r.labelWidth, o.y, 0x20, .arrowLabel, id)
            }
            c.put(a.label, x: o.x, y: o.y, ink: .arrowLabel, owner: id)
        }
        for t in sketch.sortedTexts where t.frame.intersects(area) {
            c.put(t.text, x: t.origin.x, y: t.origin.y, ink: .text, owner: t.id)
        }
        for (id, r) in visible {
            let h = r.ends.head
            c.set(h.x, h.y, glyphs.heads[Int(r.ends.toSide.opposite.rawValue)].value, .head, id)
        }
        // Boxes hide what lies under them.
        for b in sketch.sortedBoxes where b.frame.intersects(area) {
            let f = b.frame
            let g = glyphs.borders[b.kind] ?? glyphs.borders[.service]!
            for y in f.y..<f.maxY {
                for x in f.x..<f.maxX {
                    let v: Unicode.Scalar
                    let top = y == f.y, bottom = y == f.maxY - 1, left = x == f.x, right = x == f.maxX - 1
                    switch (top, bottom, left, right) {
                    case (true, _, true, _): v = g.topLeft
                    case (true, _, _, true): v = g.topRight
                    case (_, true, true, _): v = g.bottomLeft
                    case (_, true, _, true): v = g.bottomRight
                    case (true, _, _, _), (_, true, _, _): v = g.horizontal
                    case (_, _, true, _), (_, _, _, true): v = g.vertical
                    default: v = " "
                    }
                    c.set(x, y, v.value, (top || bottom || left || right) ? .border : .label, b.id)
                }
            }
            c.put(b.label, x: f.x + 2, y: f.y + 1, ink: .label, owner: b.id)
        }
        // Where a line leaves a box, its border shows a junction.
        for (id, r) in visible {
            let p = r.ends.fromPort
            guard let a = sketch.arrows[id], let b = sketch.boxes[a.from], area.contains(p) else { continue }
            let i = c.index(p.x, p.y)
            guard c.owners[i] == Int32(b.id), c.inks[i] == .border else { continue }
            let g = glyphs.borders[b.kind] ?? glyphs.borders[.service]!
            c.scalars[i] = g.tees[Int(r.ends.fromSide.rawValue)].value
        }
        return c
    }
}
