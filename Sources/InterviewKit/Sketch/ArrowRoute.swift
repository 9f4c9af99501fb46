/// Where an arrow leaves its source and enters its target: the sides and the border cells.
public struct ArrowEnds: Equatable, Sendable {
    public var fromSide: SketchSide
    public var toSide: SketchSide
    /// The border cell of the source box the line leaves from (drawn as a junction).
    public var fromPort: SketchPoint
    /// The border cell of the target box the arrowhead points at.
    public var toPort: SketchPoint
    /// The first cell of the line, just outside the source.
    public var start: SketchPoint { fromPort.moved(fromSide) }
    /// The arrowhead's cell, just outside the target.
    public var head: SketchPoint { toPort.moved(toSide) }
}

/// An arrow as laid out: its orthogonal line, its label's place and the cells it draws on.
public struct ArrowRoute: Equatable, Sendable {
    public var ends: ArrowEnds
    /// The line's corners from `ends.start` to `ends.head`, both included.
    public var points: [SketchPoint]
    /// Where the label's first character goes, if the arrow has a label.
    public var labelOrigin: SketchPoint?
    public var labelWidth: Int
    /// Whether the label sits on a horizontal run of the line (drawn with a space each side).
    public var labelOnLine: Bool
    /// Every cell the arrow draws on.
    public var bounds: SketchRect
    /// The cells the path search looked at: boxes changing there make the route stale.
    var region: SketchRect
    /// Whether the path search found a way; otherwise a plain line through whatever is in the way.
    public var avoidsBoxes: Bool

    /// Whether the line, the head or the label covers a cell.
    public func covers(_ p: SketchPoint) -> Bool {
        guard bounds.contains(p) else { return false }
        if let o = labelOrigin, p.y == o.y, p.x >= o.x - (labelOnLine ? 1 : 0), p.x < o.x + labelWidth + (labelOnLine ? 1 : 0) { return true }
        for i in 0..<(points.count - 1) {
            let a = points[i], b = points[i + 1]
            if a.y == b.y, p.y == a.y, p.x >= min(a.x, b.x), p.x <= max(a.x, b.x) { return true }
            if a.x == b.x, p.x == a.x, p.y >= min(a.y, b.y), p.y <= max(a.y, b.y) { return true }
        }
        return points.count == 1 && points[0] == p
    }
}
