/// Which arrows' lines run through each canvas cell, and in which direction, so that a new path
/// can keep clear of the lines of the arrows routed before it (lower ids): it crosses them when
/// it must and runs along them only when nothing else is possible.
struct LineGrid: Sendable {
    let width: Int, height: Int
    /// The lowest arrow id with a horizontal (resp. vertical) run through each cell; `Int32.max` for none.
    private(set) var hMin: [Int32]
    private(set) var vMin: [Int32]
    /// How many arrows start or end (the arrowhead) in each cell: no other line should pass there.
    private(set) var ends: [UInt8]
    /// Every arrow in each occupied cell, with its direction bits (1 horizontal, 2 vertical).
    private var members: [Int32: [(id: Int32, bits: UInt8)]] = [:]

    init(size: SketchSize) {
        width = size.width; height = size.height
        hMin = Array(repeating: .max, count: width * height)
        vMin = hMin
        ends = Array(repeating: 0, count: width * height)
    }

    mutating func addEnds(_ e: ArrowEnds) { changeEnds(e, by: 1) }
    mutating func removeEnds(_ e: ArrowEnds) { changeEnds(e, by: -1) }
    private mutating func changeEnds(_ e: ArrowEnds, by d: Int) {
        for p in [e.start, e.head] where p.x >= 0 && p.y >= 0 && p.x < width && p.y < height {
            let i = p.y * width + p.x
            ends[i] = UInt8(clamping: Int(ends[i]) + d)
        }
    }

    /// The cells of a route with the directions they run in (corners and the head run both ways).
    static func cells(_ r: ArrowRoute, _ body: (SketchPoint, UInt8) -> Void) {
        let pts = r.points
        if pts.count == 1 { body(pts[0], 3); return }
        for k in 0..<(pts.count - 1) {
            let a = pts[k], b = pts[k + 1]
            let dx = (b.x - a.x).signum(), dy = (b.y - a.y).signum()
            let bits: UInt8 = dy == 0 ? 1 : 2
            var p = k == 0 ? a : a.moved(dx, dy)
            if k > 0 { body(a, 3) }                       // a corner
            while p != b { body(p, bits); p = p.moved(dx, dy) }
        }
        body(pts[pts.count - 1], 3)
    }

    mutating func add(_ id: Int, _ r: ArrowRoute) {
        let id32 = Int32(id)
        LineGrid.cells(r) { p, bits in
            guard p.x >= 0, p.y >= 0, p.x < width, p.y < height else { return }
            let i = p.y * width + p.x
            members[Int32(i), default: []].append((id32, bits))
            if bits & 1 != 0, id32 < hMin[i] { hMin[i] = id32 }
            if bits & 2 != 0, id32 < vMin[i] { vMin[i] = id32 }
        }
    }

    mutating func remove(_ id: Int, _ r: ArrowRoute) {
        let id32 = Int32(id)
        LineGrid.cells(r) { p, _ in
            guard p.x >= 0, p.y >= 0, p.x < width, p.y < height else { return }
            let i = p.y * width + p.x
            guard var list = members[Int32(i)] else { return }
            list.removeAll { $0.id == id32 }
            var h = Int32.max, v = Int32.max
            for m in list {
                if m.bits & 1 != 0 { h = min(h, m.id) }
                if m.bits & 2 != 0 { v = min(v, m.id) }
            }
            hMin[i] = h; vMin[i] = v
            members[Int32(i)] = list.isEmpty ? nil : list
        }
    }
}
