/// One screen cell: a single scalar (or an index into the frame's cluster table) and its style.
///
/// `scalar == 0` marks the right half of a wide character drawn in the cell to its left.
public struct Cell: Equatable, Sendable {
    public var scalar: UInt32
    public var style: Style
    public init(scalar: UInt32, style: Style) { self.scalar = scalar; self.style = style }
    public static let blank = Cell(scalar: 0x20, style: .normal)
    public static let continuation: UInt32 = 0
    /// Values at or above this refer to `Frame.clusters` (multi-scalar grapheme clusters).
    public static let clusterBase: UInt32 = 0x8000_0000
    public var isContinuation: Bool { scalar == Cell.continuation }

    /// Compared on every cell of every frame: kept inlinable so that the check is two integer compares.
    @inlinable
    public static func == (a: Cell, b: Cell) -> Bool { a.scalar == b.scalar && a.style == b.style }
}
