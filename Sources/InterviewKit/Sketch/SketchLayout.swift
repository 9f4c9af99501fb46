/// Where every arrow of a sketch runs, kept between frames and brought up to date after an edit
/// by re-routing only the arrows that the change can affect.
///
/// The result is a function of the sketch alone (not of its history): each arrow's ends follow
/// from the boxes and arrows, and its path from the boxes and the lines of lower-numbered arrows
/// inside the area its search looked at. Arrows are routed in id order, and an arrow is routed
/// again only when something inside that area changed.
public struct SketchLayout: Sendable {
    /// The stamp of the sketch last laid out.
    public private(set) var stamp = 0
    /// Box frames as last laid out.
    private var frames: [Int: SketchRect] = [:]
    public private(set) var routes: [Int: ArrowRoute] = [:]
    // The grids cover the whole canvas (about 1.6 MB together), so they are made with the first
    // box: an empty sketch, as every interview starts with, costs nothing to lay out.
    private var grid = ObstacleGrid(size: SketchSize(width: 0, height: 0))
    private var lines = LineGrid(size: SketchSize(width: 0, height: 0))
    /// Line and label cells per canvas cell, for placing labels where nothing else is drawn.
    private var ink: [UInt8] = []
    private var inked: [Int32] = []
    /// How many arrows the last update routed (for tests and the benchmark).
    public private(set) var lastRouted = 0

    /// Margins tried around the two boxes when searching for a path.
    static let margins = [4, 16]

    public init() {}

    /// A layout of `sketch`, from scratch.
    public init(_ sketch: Sketch) { update(sketch) }

    /// Brings the layout up to date with `sketch`; cheap when nothing changed.
    public mutating func update(_ sketch: Sketch) {
        guard sketch.stamp != stamp else { return }
        stamp = sketch.stamp
        if grid.width == 0 {
            guard !sketch.boxes.isEmpty else { return }
            grid = ObstacleGrid(size: Sketch.canvas)
            lines = LineGrid(size: Sketch.canvas)
            ink = Array(repeating: 0, count: Sketch.canvas.width * Sketch.canvas.height)
        }
        var dirty: [SketchRect] = []
        for (id, old) in frames where sketch.boxes[id] == nil {
            grid.remove(old); frames[id] = nil; dirty.append(old.expanded(1))
        }
        for (id, b) in sketch.boxes {
            let r = b.frame
            if let old = frames[id] {
                if old == r { continue }
                grid.remove(old); dirty.append(old.expanded(1))
            }
            grid.add(r); frames[id] = r; dirty.append(r.expanded(1))
        }
        var everything = dirty.count > 48
        let ends = SketchLayout.ends(sketch, frames: frames, canvas: grid.bounds)
        for (id, r) in routes where ends[id] == nil {
            lines.remove(id, r); lines.removeEnds(r.ends); routes[id] = nil; dirty.append(SketchLayout.lineBounds(r))
        }
        // Every arrow's start and head are known before any path is searched, so none runs through them.
        for (id, e) in ends where routes[id]?.ends != e {
            if let old = routes[id]?.ends {
                lines.removeEnds(old)
                dirty.append(SketchRect(x: old.start.x, y: old.start.y, width: 1, height: 1))
                dirty.append(SketchRect(x: old.head.x, y: old.head.y, width: 1, height: 1))
            }
            lines.addEnds(e)
            dirty.append(SketchRect(x: e.start.x, y: e.start.y, width: 1, height: 1))
            dirty.append(SketchRect(x: e.head.x, y: e.head.y, width: 1, height: 1))
        }
        if dirty.count > 48 { everything = true }
        lastRouted = 0
        for id in ends.keys.sorted() {
            let e = ends[id]!
            let old = routes[id]
            if !everything, let r = old, r.ends == e, !dirty.contains(where: { $0.intersects(r.region) }) { continue }
            if let o = old { lines.remove(id, o) }
            let r = route(e, id: id)
            lines.add(id, r)
            routes[id] = r
            lastRouted += 1
            // later arrows that looked at these cells may now run differently
            if old?.points != r.points {
                if let o = old { dirty.append(SketchLayout.lineBounds(o)) }
                dirty.append(SketchLayout.lineBounds(r))
                if dirty.count > 256 { everything = true }
            }
        }
        placeLabels(sketch)
    }

    /// Routes one arrow: a path around the boxes if one exists near them, else a plain line.
    func route(_ e: ArrowEnds, id: Int) -> ArrowRoute {
        let boxes = SketchRect(x: min(e.start.x, e.head.x), y: min(e.start.y, e.head.y),
                               width: abs(e.start.x - e.head.x) + 1, height: abs(e.start.y - e.head.y) + 1)
        var region = boxes
        var points: [SketchPoint]?
        for m in SketchLayout.margins {
            region = boxes.expanded(m).intersection(grid.bounds)
            points = SketchRouter.route(from: e.start, leaving: e.fromSide, to: e.head, arriving: e.toSide.opposite,
                                        region: region, grid: grid, lines: lines, id: Int32(id))
            if points != nil { break }
        }
        let avoids = points != nil
        let pts = points ?? SketchRouter.plain(from: e.start, leaving: e.fromSide, to: e.head, arriving: e.toSide.opposite)
        var r = ArrowRoute(ends: e, points: pts, labelOrigin: nil, labelWidth: 0, labelOnLine: false,
                           bounds: SketchRect(x: 0, y: 0, width: 0, height: 0), region: region, avoidsBoxes: avoids)
        r.bounds = SketchLayout.lineBounds(r)
        return r
    }

    static func lineBounds(_ r: ArrowRoute) -> SketchRect {
        var b = SketchRect(x: r.ends.fromPort.x, y: r.ends.fromPort.y, width: 1, height: 1)
        for p in r.points { b = b.union(SketchRect(x: p.x, y: p.y, width: 1, height: 1)) }
        return b
    }

    // MARK: labels

    /// Places every label where it hides the least: on a horizontal run of its own line (with a
    /// space and a line stub each side), away from other lines, labels and boxes, else beside a
    /// vertical run, else above the start. Labels go in id order, each seeing the ones before, so
    /// the result depends on the routes alone.
    mutating func placeLabels(_ sketch: Sketch) {
        let W = grid.width, H = grid.height
        for i in inked { ink[Int(i)] = 0 }
        inked.removeAll(keepingCapacity: true)
        func mark(_ x: Int, _ y: Int, _ by: UInt8) {
            guard x >= 0, y >= 0, x < W, y < H else { return }
            let i = y * W + x
            if ink[i] == 0 { inked.append(Int32(i)) }
            ink[i] = ink[i] &+ by > 200 ? 200 : ink[i] &+ by
        }
        let labelled = routes.keys.filter { !(sketch.arrows[$0]?.label.isEmpty ?? true) }.sorted()
        if labelled.isEmpty {
            for id in routes.keys where routes[id]!.labelOrigin != nil || routes[id]!.labelWidth != 0 {
                routes[id]!.labelOrigin = nil; routes[id]!.labelWidth = 0; routes[id]!.bounds = SketchLayout.lineBounds(routes[id]!)
            }
            return
        }
        for r in routes.values {
            let pts = r.points
            if pts.count == 1 { mark(pts[0].x, pts[0].y, 1); continue }
            for k in 0..<(pts.count - 1) {
                let a = pts[k], b = pts[k + 1]
                let dx = (b.x - a.x).signum(), dy = (b.y - a.y).signum()
                var p = a
                while p != b { mark(p.x, p.y, 1); p = p.moved(dx, dy) }
            }
            mark(pts[pts.count - 1].x, pts[pts.count - 1].y, 1)
        }
        // How much a cell is in the way: another line, a label or a box.
        func bad(_ x: Int, _ y: Int, own: Bool) -> Int {
            guard x >= 0, y >= 0, x < W, y < H else { return 4 }
            if grid.isBlocked(x, y) { return 4 }
            return Int(ink[y * W + x]) > (own ? 1 : 0) ? 1 : 0
        }
        for id in routes.keys.sorted() {
            var r = routes[id]!
            let lw = SketchText.width(sketch.arrows[id]?.label ?? "")
            r.labelWidth = lw; r.labelOrigin = nil; r.labelOnLine = false
            if lw > 0 {
                let pts = r.points
                var best: (cost: Int, origin: SketchPoint, onLine: Bool)?
                func consider(_ cost: Int, _ o: SketchPoint, _ onLine: Bool) {
                    if best == nil || cost < best!.cost { best = (cost, o, onLine) }
                }
                for k in 0..<max(0, pts.count - 1) where pts[k].y == pts[k + 1].y {
                    let y = pts[k].y, lo = min(pts[k].x, pts[k + 1].x), hi = max(pts[k].x, pts[k + 1].x)
                    let len = hi - lo + 1
                    guard len >= lw + 4 else { continue }
                    let centre = lo + (len - lw) / 2
                    // label cells x-1 ... x+lw inside lo+1 ... hi-1
                    for x in (lo + 2)...(hi - 1 - lw) {
                        var c = 0
                        for cx in (x - 1)...(x + lw) { c += bad(cx, y, own: true) }
                        let crowded = bad(x - 2, y, own: true) + bad(x + lw + 1, y, own: true)
                        consider(c * 10_000 + (200 - min(200, len)) * 50 + crowded * 20 + abs(x - centre), SketchPoint(x: x, y: y), true)
                    }
                }
                if best == nil || best!.cost >= 10_000 {
                    // beside a vertical run, preferably on its right and clear of other lines
                    for k in 0..<max(0, pts.count - 1) where pts[k].x == pts[k + 1].x {
                        let x = pts[k].x, lo = min(pts[k].y, pts[k + 1].y), hi = max(pts[k].y, pts[k + 1].y)
                        guard hi - lo >= 2 else { continue }
                        let mid = (lo + hi) / 2
                        for y in (lo + 1)...(hi - 1) {
                            for o in [SketchPoint(x: x + 2, y: y), SketchPoint(x: x - 1 - lw, y: y)] {
                                var c = 0
                                for cx in (o.x - 1)...(o.x + lw) { c += bad(cx, y, own: false) }
                                let crowded = bad(o.x - 2, y, own: false) + bad(o.x + lw + 1, y, own: false)
                                consider(c * 10_000 + 5_000 + abs(y - mid) * 2 + crowded * 20 + (o.x < x ? 3 : 0), o, false)
                            }
                        }
                    }
                    // above or below a horizontal run too short to carry it
                    for k in 0..<max(0, pts.count - 1) where pts[k].y == pts[k + 1].y {
                        let y = pts[k].y, lo = min(pts[k].x, pts[k + 1].x), hi = max(pts[k].x, pts[k + 1].x)
                        let centre = lo + (hi - lo + 1 - lw) / 2
                        for (oy, extra) in [(y - 1, 0), (y + 1, 1), (y - 2, 2_000), (y + 2, 2_001)] {
                            for x in (min(lo, centre) - 2)...(max(hi - lw + 1, centre) + 2) {
                                var c = 0
                                for cx in x...(x + lw - 1) { c += bad(cx, oy, own: false) }
                                consider(c * 10_000 + 5_500 + abs(x - centre) * 3 + extra, SketchPoint(x: x, y: oy), false)
                            }
                        }
                    }
                }
                let o = best?.origin ?? SketchPoint(x: pts[0].x, y: pts[0].y - 1)
                r.labelOrigin = o
                r.labelOnLine = best?.onLine ?? false
                for cx in (o.x - 1)...(o.x + lw) { mark(cx, o.y, 2) }
            }
            var b = SketchLayout.lineBounds(r)
            if let o = r.labelOrigin { b = b.union(SketchRect(x: o.x - 1, y: o.y, width: lw + 2, height: 1)) }
            r.bounds = b
            routes[id] = r
        }
    }

    // MARK: ends

    /// Chooses each arrow's sides and border cells. Left and right sides take one arrow each
    /// (a box is three rows tall); top and bottom take several, spread along the side and
    /// ordered by where the other end lies, so that lines leaving one side do not cross.
    static func ends(_ sketch: Sketch, frames: [Int: SketchRect], canvas: SketchRect) -> [Int: ArrowEnds] {
        struct Pick { var id: Int; var A: SketchRect; var B: SketchRect; var fromSide: SketchSide; var toSide: SketchSide }
        var used: [Int: SIMD4<Int32>] = [:]          // box id → arrows per side
        used.reserveCapacity(frames.count)
        var picks: [Pick] = []
        picks.reserveCapacity(sketch.arrows.count)
        @inline(__always) func capacity(_ r: SketchRect, _ s: SketchSide) -> Int32 { s.isHorizontal ? 1 : Int32(max(1, (r.width - 1) / 2)) }
        @inline(__always) func fits(_ r: SketchRect, _ s: SketchSide) -> Bool {
            let out = s.isHorizontal ? SketchPoint(x: s == .left ? r.x - 1 : r.maxX, y: r.y + 1)
                                     : SketchPoint(x: r.x + 1, y: s == .top ? r.y - 1 : r.maxY)
            return canvas.contains(out)
        }
        func choose(_ r: SketchRect, _ counts: SIMD4<Int32>, _ a: SketchSide, _ b: SketchSide) -> SketchSide? {
            let fa = fits(r, a), fb = fits(r, b)
            if fa && counts[Int(a.rawValue)] < capacity(r, a) { return a }
            if fb && counts[Int(b.rawValue)] < capacity(r, b) { return b }
            return fa ? a : (fb ? b : nil)
        }
        for a in sketch.sortedArrows {
            guard let A = frames[a.from], let B = frames[a.to], !A.intersects(B) else { continue }
            let hgap = B.x >= A.maxX ? B.x - A.maxX : (A.x >= B.maxX ? A.x - B.maxX : -1)
            let vgap = B.y >= A.maxY ? B.y - A.maxY : (A.y >= B.maxY ? A.y - B.maxY : -1)
            let H: SketchSide = B.x + B.width / 2 >= A.x + A.width / 2 ? .right : .left
            let V: SketchSide = B.y + B.height / 2 >= A.y + A.height / 2 ? .bottom : .top
            let horizontalFirst = hgap >= 1 && (vgap < 1 || hgap >= 2 * vgap)
            let (first, second) = horizontalFirst ? (H, V) : (V, H)
            let cf = used[a.from] ?? .zero, ct = used[a.to] ?? .zero
            guard let fs = choose(A, cf, first, second), let ts = choose(B, ct, first.opposite, second.opposite) else { continue }
            var nf = cf; nf[Int(fs.rawValue)] += 1; used[a.from] = nf
            var nt = used[a.to] ?? .zero; nt[Int(ts.rawValue)] += 1; used[a.to] = nt
            picks.append(Pick(id: a.id, A: A, B: B, fromSide: fs, toSide: ts))
        }
        // Ports: the middle row on left and right; spread columns on top and bottom, in the order
        // of where the other ends lie. One flat list sorted by side, instead of a table of lists.
        struct Member { var slot: Int; var otherX: Int; var arrow: Int; var outgoing: Bool; var pick: Int32 }
        var members: [Member] = []
        members.reserveCapacity(picks.count * 2)
        for (i, p) in picks.enumerated() {
            let a = sketch.arrows[p.id]!
            members.append(Member(slot: a.from * 4 + Int(p.fromSide.rawValue), otherX: p.B.x + p.B.width / 2, arrow: p.id, outgoing: true, pick: Int32(i)))
            members.append(Member(slot: a.to * 4 + Int(p.toSide.rawValue), otherX: p.A.x + p.A.width / 2, arrow: p.id, outgoing: false, pick: Int32(i)))
        }
        members.sort { ($0.slot, $0.otherX, $0.arrow, $0.outgoing ? 0 : 1) < ($1.slot, $1.otherX, $1.arrow, $1.outgoing ? 0 : 1) }
        var fromPort = [SketchPoint](repeating: .zero, count: picks.count), toPort = fromPort
        var i = 0
        while i < members.count {
            var j = i
            while j < members.count && members[j].slot == members[i].slot { j += 1 }
            let count = j - i
            for k in 0..<count {
                let m = members[i + k]
                let pk = picks[Int(m.pick)]
                let r = m.outgoing ? pk.A : pk.B, o = m.outgoing ? pk.B : pk.A
                let side = m.outgoing ? pk.fromSide : pk.toSide
                let p: SketchPoint
                switch side {
                case .left: p = SketchPoint(x: r.x, y: r.y + 1)
                case .right: p = SketchPoint(x: r.maxX - 1, y: r.y + 1)
                case .top, .bottom:
                    let inner = r.width - 2
                    var col = r.x + 1 + (inner * (2 * k + 1)) / (2 * count)
                    // alone on its side and facing the other box: both ends take the middle of the
                    // columns they share, so that the line runs straight
                    if count == 1 {
                        let lo = max(r.x + 1, o.x + 1), hi = min(r.maxX - 2, o.maxX - 2)
                        if lo <= hi { col = (lo + hi) / 2 }
                    }
                    p = SketchPoint(x: col, y: side == .top ? r.y : r.maxY - 1)
                }
                if m.outgoing { fromPort[Int(m.pick)] = p } else { toPort[Int(m.pick)] = p }
            }
            i = j
        }
        var out: [Int: ArrowEnds] = [:]
        out.reserveCapacity(picks.count)
        for (k, p) in picks.enumerated() {
            out[p.id] = ArrowEnds(fromSide: p.fromSide, toSide: p.toSide, fromPort: fromPort[k], toPort: toPort[k])
        }
        return out
    }

    // MARK: queries

    /// The element drawn at a cell: the topmost box, else free text, else an arrow (label or line).
    public func element(at p: SketchPoint, in sketch: Sketch) -> Int? {
        var hit: Int?
        for b in sketch.boxes.values where b.frame.contains(p) { if b.id > (hit ?? -1) { hit = b.id } }
        if let h = hit { return h }
        for t in sketch.texts.values where t.frame.contains(p) { if t.id > (hit ?? -1) { hit = t.id } }
        if let h = hit { return h }
        for (id, r) in routes where r.covers(p) { if id > (hit ?? -1) { hit = id } }
        return hit
    }

    /// Everything drawn: boxes, free text and arrows with their labels.
    public func contentBounds(_ sketch: Sketch) -> SketchRect {
        var b = SketchRect(x: 0, y: 0, width: 0, height: 0)
        for x in sketch.boxes.values { b = b.union(x.frame) }
        for t in sketch.texts.values { b = b.union(t.frame) }
        for r in routes.values { b = b.union(r.bounds) }
        return b
    }
}
