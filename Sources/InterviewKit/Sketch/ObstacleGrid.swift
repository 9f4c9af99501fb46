/// Which canvas cells boxes cover, and which lie next to a box, kept up to date box by box
/// so that routing after an edit does not rebuild it.
struct ObstacleGrid: Sendable {
    let width: Int, height: Int
    /// Boxes covering each cell.
    private(set) var cover: [UInt16]
    /// Boxes whose one-cell ring (or body) touches each cell.
    private(set) var near: [UInt16]

    init(size: SketchSize) {
        width = size.width; height = size.height
        cover = Array(repeating: 0, count: width * height)
        near = cover
    }

    var bounds: SketchRect { SketchRect(x: 0, y: 0, width: width, height: height) }

    mutating func add(_ r: SketchRect) { change(r, by: 1) }
    mutating func remove(_ r: SketchRect) { change(r, by: -1) }

    private mutating func change(_ r: SketchRect, by d: Int) {
        let body = r.intersection(bounds)
        if !body.isEmpty {
            for y in body.y..<body.maxY {
                let base = y * width
                for x in body.x..<body.maxX { cover[base + x] = UInt16(Int(cover[base + x]) + d) }
            }
        }
        let ring = r.expanded(1).intersection(bounds)
        if !ring.isEmpty {
            for y in ring.y..<ring.maxY {
                let base = y * width
                for x in ring.x..<ring.maxX { near[base + x] = UInt16(Int(near[base + x]) + d) }
            }
        }
    }

    @inline(__always) func isBlocked(_ x: Int, _ y: Int) -> Bool { cover[y * width + x] > 0 }
    @inline(__always) func isNear(_ x: Int, _ y: Int) -> Bool { near[y * width + x] > 0 }
}
