/// Finds an orthogonal path between two cells around boxes: A* over (cell, heading) with a cost
/// for every turn and a small one for running alongside a box, so lines stay straight and clear.
enum SketchRouter {
    static let turnCost: Int32 = 4
    static let nearCost: Int32 = 1
    /// Running along another arrow's line (or through its corner or head), and crossing it.
    static let overlapCost: Int32 = 12
    static let crossCost: Int32 = 3
    /// Passing through the cell where another arrow starts or ends.
    static let endCost: Int32 = 24
    /// A search gives up after this many expansions (the caller then draws a plain line).
    static let maxExpansions = 60_000

    /// The path's corners from `start` (left heading `leaving`) to `goal` (best entered heading
    /// `arriving`), searching only `region`; nil when no path exists there.
    static func route(from start: SketchPoint, leaving: SketchSide, to goal: SketchPoint, arriving: SketchSide,
                      region: SketchRect, grid: ObstacleGrid, lines: LineGrid, id: Int32) -> [SketchPoint]? {
        let r = region.intersection(grid.bounds)
        guard r.contains(start), r.contains(goal) else { return nil }
        if start == goal { return [start] }
        let w = r.width, n = r.width * r.height
        var cost = [Int32](repeating: .max, count: n * 4)
        var parent = [Int32](repeating: -1, count: n * 4)
        var done = [Bool](repeating: false, count: n * 4)
        var heap = MinHeap()
        @inline(__always) func cell(_ p: SketchPoint) -> Int { (p.y - r.y) * w + (p.x - r.x) }
        @inline(__always) func h(_ c: Int) -> Int32 {
            Int32(abs(c % w + r.x - goal.x) + abs(c / w + r.y - goal.y))
        }
        let s = cell(start) * 4 + Int(leaving.rawValue)
        let g = cell(goal)
        cost[s] = 0
        heap.push(key: UInt64(h(cell(start))) << 40 | UInt64(h(cell(start))) << 24 | UInt64(s))
        var expansions = 0
        var found = -1
        while let top = heap.pop() {
            let st = Int(top & 0xFF_FFFF)
            if done[st] { continue }
            done[st] = true
            let c = st >> 2, d = st & 3
            if c == g { found = st; break }
            expansions += 1
            if expansions > maxExpansions { return nil }
            let cx = c % w + r.x, cy = c / w + r.y
            for d2 in 0..<4 where d2 != (d + 2) & 3 {
                let side = SketchSide(rawValue: UInt8(d2))!
                let nx = cx + side.dx, ny = cy + side.dy
                guard nx >= r.x, nx < r.maxX, ny >= r.y, ny < r.maxY else { continue }
                let nc = (ny - r.y) * w + (nx - r.x)
                if nc != g && grid.isBlocked(nx, ny) { continue }
                var step: Int32 = 1
                if d2 != d { step += turnCost }
                if nc == g {
                    if d2 != Int(arriving.rawValue) { step += turnCost }
                } else {
                    if grid.isNear(nx, ny) { step += nearCost }
                    let gi = ny * lines.width + nx
                    if lines.ends[gi] > 0 { step += endCost }
                    let h = lines.hMin[gi] < id, v = lines.vMin[gi] < id
                    if h || v {
                        let horizontal = d2 == 1 || d2 == 3
                        step += (horizontal ? h : v) ? overlapCost : crossCost
                    }
                }
                let ns = nc * 4 + d2
                let nv = cost[st] + step
                if nv < cost[ns] {
                    cost[ns] = nv
                    parent[ns] = Int32(st)
                    let hv = h(nc)
                    heap.push(key: UInt64(nv + hv) << 40 | UInt64(hv) << 24 | UInt64(ns))
                }
            }
        }
        guard found >= 0 else { return nil }
        var cells: [SketchPoint] = []
        var st = found
        while st >= 0 {
            let c = st >> 2
            cells.append(SketchPoint(x: c % w + r.x, y: c / w + r.y))
            st = Int(parent[st])
        }
        cells.reverse()
        return corners(cells)
    }

    /// The corners of a path of adjacent cells (first and last included).
    static func corners(_ cells: [SketchPoint]) -> [SketchPoint] {
        guard cells.count > 2 else { return cells }
        var out = [cells[0]]
        for i in 1..<(cells.count - 1) {
            let a = cells[i - 1], b = cells[i], c = cells[i + 1]
            if (b.x - a.x, b.y - a.y) != (c.x - b.x, c.y - b.y) { out.append(b) }
        }
        out.append(cells[cells.count - 1])
        return out
    }

    /// A plain line with at most two turns, for when no path around the boxes exists.
    static func plain(from s: SketchPoint, leaving: SketchSide, to g: SketchPoint, arriving: SketchSide) -> [SketchPoint] {
        var pts = [s]
        if leaving.isHorizontal && arriving.isHorizontal {
            let mx = (s.x + g.x) / 2
            pts += [SketchPoint(x: mx, y: s.y), SketchPoint(x: mx, y: g.y)]
        } else if !leaving.isHorizontal && !arriving.isHorizontal {
            let my = (s.y + g.y) / 2
            pts += [SketchPoint(x: s.x, y: my), SketchPoint(x: g.x, y: my)]
        } else if leaving.isHorizontal {
            pts.append(SketchPoint(x: g.x, y: s.y))
        } else {
            pts.append(SketchPoint(x: s.x, y: g.y))
        }
        pts.append(g)
        // drop repeated and collinear points
        var out: [SketchPoint] = []
        for p in pts where out.last != p { out.append(p) }
        var clean: [SketchPoint] = []
        for p in out {
            if clean.count >= 2 {
                let a = clean[clean.count - 2], b = clean[clean.count - 1]
                if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) { clean[clean.count - 1] = p; continue }
            }
            clean.append(p)
        }
        return clean
    }
}

/// A binary min-heap of packed keys (cost, tie-break, state), so that equal inputs give equal paths.
struct MinHeap {
    private var items: [UInt64] = []
    mutating func push(key: UInt64) {
        items.append(key)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= items[i] { break }
            items.swapAt(p, i); i = p
        }
    }
    mutating func pop() -> UInt64? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return first }
        items[0] = last
        var i = 0
        let n = items.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && items[l] < items[m] { m = l }
            if r < n && items[r] < items[m] { m = r }
            if m == i { break }
            items.swapAt(i, m); i = m
        }
        return first
    }
}
