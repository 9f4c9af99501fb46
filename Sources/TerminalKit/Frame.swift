import Synchronization

/// A grid of cells: everything a screen shows, as plain data that tests can read as text.
///
/// A frame also notes which rows were written since it was made or since `forgetWrites()`,
/// with a lineage (copies share it) and a generation (counted by `forgetWrites`). A screen that
/// keeps its frame and draws on it hands out a frame, then forgets the writes; the next frame
/// it hands out is the next generation, and its written rows are all that can differ from the
/// frame before. The terminal compares only those rows (see `CursesTerminal.present`).
public struct Frame: Equatable, Sendable {
    public private(set) var size: Size
    /// The cells, row by row. Writing them directly is not noted as a write: do it only to a
    /// frame that is not handed to a terminal again (as the terminal's own copy).
    public var cells: [Cell]
    /// Multi-scalar grapheme clusters, referred to by `Cell.clusterBase + index`.
    public var clusters: [String] = []
    /// Where the terminal cursor should be shown, if anywhere.
    public var cursor: Point?
    /// The frame this one was made as (copies keep it), and how many times its writes were forgotten.
    public private(set) var lineage: UInt64
    public private(set) var generation: UInt64 = 0
    /// A bit per row: written since the writes were last forgotten.
    @usableFromInline private(set) var written: [UInt64]

    public init(size: Size, fill: Cell = .blank) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: fill, count: self.size.width * self.size.height)
        lineage = Frame.lineages.add(1, ordering: .relaxed).newValue
        written = Array(repeating: ~0, count: (self.size.height + 63) / 64)
    }

    private static let lineages = Atomic<UInt64>(0)

    /// Frames are equal when they show the same thing.
    public static func == (a: Frame, b: Frame) -> Bool {
        a.size == b.size && a.cells == b.cells && a.clusters == b.clusters && a.cursor == b.cursor
    }

    /// Whether row `y` was written since the writes were last forgotten.
    @inlinable
    public func wasWritten(row y: Int) -> Bool { written[y >> 6] & (1 << UInt64(y & 63)) != 0 }

    /// Starts the next generation: no row written yet.
    public mutating func forgetWrites() {
        for i in written.indices { written[i] = 0 }
        generation += 1
    }

    @inline(__always)
    private mutating func wrote(_ y: Int) { written[y >> 6] |= 1 << UInt64(y & 63) }

    public var bounds: Rect { Rect(size) }

    @inline(__always)
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue; wrote(y) }
    }

    /// The text of a cell (empty for the right half of a wide character).
    public func text(at x: Int, _ y: Int) -> String {
        let c = self[x, y]
        if c.isContinuation { return "" }
        if c.scalar >= Cell.clusterBase { return clusters[Int(c.scalar - Cell.clusterBase)] }
        return String(Character(Unicode.Scalar(c.scalar) ?? "?"))
    }

    /// Fills a rectangle (clipped to the frame) with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(bounds)
        if r.isEmpty { return }
        for y in r.y..<r.maxY {
            let base = y * size.width
            // A wide character cut by either edge loses its other half too.
            if cells[base + r.x].isContinuation && r.x > 0 { cells[base + r.x - 1].scalar = 0x20 }
            if r.maxX < size.width && cells[base + r.maxX].isContinuation { cells[base + r.maxX].scalar = 0x20 }
            cells.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: base + r.x).update(repeating: cell, count: r.width) }
            wrote(y)
        }
    }

    /// Sets the style of every cell in a rectangle, keeping the characters.
    public mutating func restyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(bounds)
        if r.isEmpty { return }
        for y in r.y..<r.maxY {
            let base = y * size.width
            for x in r.x..<r.maxX { cells[base + x].style = style }
            wrote(y)
        }
    }

    /// A visible stand-in for a control character, so that no raw control byte reaches a terminal.
    @inline(__always)
    public static func visible(_ v: UInt32) -> UInt32 {
        if v < 0x20 { return 0x2400 + v }          // ␀ … ␟
        if v == 0x7F { return 0x2421 }              // ␡
        if v >= 0x80 && v < 0xA0 { return 0xFFFD }  // C1 controls
        return v
    }

    /// Draws `text` from `(x, y)` clipped to `clip` (default: the whole frame); returns the columns used.
    /// Wide characters that would straddle the clip edge are replaced by a space.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        draw(text, x: x, y: y, style: style, clip: clip)
    }

    // The two string types every screen draws get their own entry points, compiled for them.
    // Through the generic one, the first call of a run asks the Swift runtime for the string
    // type's associated types (`UTF8View` …), which searches the program's conformances: about
    // 0.3 M instructions on the way to the first frame.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        draw(text, x: x, y: y, style: style, clip: clip)
    }

    @discardableResult
    public mutating func put(_ text: Substring, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        draw(text, x: x, y: y, style: style, clip: clip)
    }

    @inline(__always)
    private mutating func draw(_ text: some StringProtocol, x: Int, y: Int, style: Style, clip: Rect?) -> Int {
        let c = (clip ?? bounds).intersection(bounds)
        guard y >= c.y, y < c.maxY else { return 0 }
        wrote(y)
        var col = x
        let base = y * size.width
        // Fast path: printable ASCII in contiguous storage, one byte a cell (most text on screen).
        let fast: Int? = text.utf8.withContiguousStorageIfAvailable { buf -> Int? in
            for b in buf where b < 0x20 || b >= 0x7F { return nil }
            let end = min(x + buf.count, c.maxX), width = size.width
            if max(x, c.x) < end {
                // Written through a pointer: no bounds or uniqueness check per cell.
                cells.withUnsafeMutableBufferPointer { cp in
                    for col in max(x, c.x)..<end {
                        let i = base + col
                        // A wide character overwritten by either half loses the other half too (`cleanWide`).
                        if cp[i].isContinuation && col > 0 { cp[i - 1].scalar = 0x20 }
                        if col + 1 < width && cp[i + 1].isContinuation { cp[i + 1].scalar = 0x20 }
                        cp[i] = Cell(scalar: UInt32(buf[col - x]), style: style)
                    }
                }
            }
            return max(0, end - x)
        } ?? nil
        if let used = fast { return used }
        // Next: characters that are single one-column scalars (titles with "·", borders, accents).
        if DisplayWidth.simpleCount(text) != nil {
            for u in text.unicodeScalars {
                if col >= c.maxX { break }
                if col >= c.x {
                    let i = base + col
                    if cells[i].isContinuation || (col + 1 < size.width && cells[i + 1].isContinuation) { cleanWide(at: col, y: y) }
                    cells[i] = Cell(scalar: u.value, style: style)
                }
                col += 1
            }
            return col - x
        }
        for ch in text {
            if col >= c.maxX { break }
            let scalars = ch.unicodeScalars
            let first = scalars.first!.value
            if scalars.count == 1 && first >= 0x20 && first < 0x7F {
                if col >= c.x {
                    let i = base + col
                    if cells[i].isContinuation || (col + 1 < size.width && cells[i + 1].isContinuation) { cleanWide(at: col, y: y) }
                    cells[i] = Cell(scalar: first, style: style)
                }
                col += 1
                continue
            }
            let w = DisplayWidth.of(ch)
            if col < c.x { col += w; continue }
            if col + w > c.maxX {   // a wide char cut by the edge: pad instead
                cells[base + col] = Cell(scalar: 0x20, style: style)
                col += 1
                break
            }
            var value: UInt32
            if scalars.count == 1 {
                value = Frame.visible(first)
            } else {
                value = Cell.clusterBase + UInt32(clusters.count)
                clusters.append(String(ch))
            }
            cleanWide(at: col, y: y)
            cells[base + col] = Cell(scalar: value, style: style)
            if w == 2 { cleanWide(at: col + 1, y: y); cells[base + col + 1] = Cell(scalar: Cell.continuation, style: style) }
            col += w
        }
        return col - x
    }

    /// Keeps wide characters whole: overwriting either half of one blanks the other half.
    @inline(__always)
    private mutating func cleanWide(at x: Int, y: Int) {
        let i = y * size.width + x
        if cells[i].isContinuation, x > 0 { cells[i - 1].scalar = 0x20 }
        if x + 1 < size.width, cells[i + 1].isContinuation { cells[i + 1].scalar = 0x20 }
    }

    /// Draws a single-line border around `rect` using `glyphs`.
    public mutating func border(_ rect: Rect, glyphs: Glyphs, style: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let r = rect
        borderTop(r, glyphs: glyphs, style: style)
        put(glyphs.bottomLeft, x: r.x, y: r.maxY - 1, style: style)
        put(glyphs.bottomRight, x: r.maxX - 1, y: r.maxY - 1, style: style)
        let h = glyphs.horizontal.unicodeScalars.first!.value
        let v = glyphs.vertical.unicodeScalars.first!.value
        if r.width > 2 {
            for x in (r.x + 1)..<(r.maxX - 1) { setScalar(h, x: x, y: r.maxY - 1, style: style) }
        }
        if r.height > 2 {
            for y in (r.y + 1)..<(r.maxY - 1) {
                setScalar(v, x: r.x, y: y, style: style); setScalar(v, x: r.maxX - 1, y: y, style: style)
            }
        }
    }

    /// The top edge of `border` alone (to redraw a pane's title row).
    public mutating func borderTop(_ r: Rect, glyphs: Glyphs, style: Style) {
        guard r.width >= 2, r.height >= 2 else { return }
        put(glyphs.topLeft, x: r.x, y: r.y, style: style)
        put(glyphs.topRight, x: r.maxX - 1, y: r.y, style: style)
        let h = glyphs.horizontal.unicodeScalars.first!.value
        if r.width > 2 {
            for x in (r.x + 1)..<(r.maxX - 1) { setScalar(h, x: x, y: r.y, style: style) }
        }
    }

    @inline(__always)
    public mutating func setScalar(_ v: UInt32, x: Int, y: Int, style: Style) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        cleanWide(at: x, y: y)
        cells[y * size.width + x] = Cell(scalar: v, style: style)
        wrote(y)
    }

    /// The frame as lines of text (trailing spaces kept), for golden tests.
    public var lines: [String] {
        var out: [String] = []
        out.reserveCapacity(size.height)
        for y in 0..<size.height {
            var line = ""
            for x in 0..<size.width { line += text(at: x, y) }
            out.append(line)
        }
        return out
    }

    /// The frame as one text block with trailing spaces trimmed per line.
    public var text: String {
        lines.map { l in
            var s = Substring(l)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }.joined(separator: "\n")
    }

    /// The roles in use per cell as letters, for golden tests of colour (one letter per role).
    public var styleMap: String {
        var rows: [String] = []
        for y in 0..<size.height {
            var row = ""
            for x in 0..<size.width {
                let s = self[x, y].style
                let letters = Array("nthmawdsSbfqkHi")
                row.append(letters[Int(s.role.rawValue)])
            }
            rows.append(row)
        }
        return rows.joined(separator: "\n")
    }
}
