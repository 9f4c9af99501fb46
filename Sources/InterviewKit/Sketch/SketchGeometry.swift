/// A cell of the sketch canvas, in columns and rows from its top-left corner.
public struct SketchPoint: Hashable, Sendable, Codable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
    public static let zero = SketchPoint(x: 0, y: 0)
    public func moved(_ dx: Int, _ dy: Int) -> SketchPoint { SketchPoint(x: x + dx, y: y + dy) }
    public func moved(_ side: SketchSide, by n: Int = 1) -> SketchPoint { moved(side.dx * n, side.dy * n) }
    public var description: String { "\(x),\(y)" }
}

/// A size on the sketch canvas, in columns and rows.
public struct SketchSize: Hashable, Sendable, Codable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// A rectangle of canvas cells; empty when either side is zero or negative.
public struct SketchRect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public init(origin: SketchPoint, size: SketchSize) { self.init(x: origin.x, y: origin.y, width: size.width, height: size.height) }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var origin: SketchPoint { SketchPoint(x: x, y: y) }

    @inline(__always)
    public func contains(_ p: SketchPoint) -> Bool { p.x >= x && p.x < maxX && p.y >= y && p.y < maxY }
    @inline(__always)
    public func intersects(_ o: SketchRect) -> Bool {
        !isEmpty && !o.isEmpty && x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }
    public func intersection(_ o: SketchRect) -> SketchRect {
        let nx = max(x, o.x), ny = max(y, o.y)
        return SketchRect(x: nx, y: ny, width: min(maxX, o.maxX) - nx, height: min(maxY, o.maxY) - ny)
    }
    /// The smallest rectangle holding both (an empty one adds nothing).
    public func union(_ o: SketchRect) -> SketchRect {
        if isEmpty { return o }
        if o.isEmpty { return self }
        let nx = min(x, o.x), ny = min(y, o.y)
        return SketchRect(x: nx, y: ny, width: max(maxX, o.maxX) - nx, height: max(maxY, o.maxY) - ny)
    }
    /// The rectangle grown by `by` cells on every side.
    public func expanded(_ by: Int) -> SketchRect { SketchRect(x: x - by, y: y - by, width: width + 2 * by, height: height + 2 * by) }
    public var center: SketchPoint { SketchPoint(x: x + width / 2, y: y + height / 2) }
}

/// A side of a box, and the direction that leaves the box through it.
public enum SketchSide: UInt8, CaseIterable, Sendable, Codable {
    case top, right, bottom, left
    public var dx: Int { self == .right ? 1 : (self == .left ? -1 : 0) }
    public var dy: Int { self == .bottom ? 1 : (self == .top ? -1 : 0) }
    public var opposite: SketchSide { SketchSide(rawValue: (rawValue + 2) % 4)! }
    public var isHorizontal: Bool { self == .left || self == .right }
}
