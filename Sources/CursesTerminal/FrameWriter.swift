import CNcursesw
import TerminalKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns frames into the bytes that bring the terminal from the last frame to the next: only
/// the cells that changed, the shortest cursor moves it knows, the attributes changed only
/// where they differ, and a scrolled block of rows moved by the terminal rather than redrawn.
///
/// Pure apart from `wcwidth` (the locale's idea of a character's columns, which is what the
/// terminal will use): it writes nothing itself, so that tests can play its output on a model
/// terminal.
struct FrameWriter {
    let caps: Capabilities
    let styles: StyleTable
    /// Shown for what cannot be drawn (controls, characters the locale cannot show).
    let replacement: UInt32

    /// The bytes made so far; the caller sends and empties them.
    var out: [UInt8] = []
    /// The next frame is drawn on a cleared screen.
    var needsFullRedraw = true

    /// What the screen shows: the last frame, clipped to the screen.
    private var model: Frame?
    private var modelScreen = Size(width: -1, height: -1)
    /// The lineage and generation of the frame presented last (see `Frame.forgetWrites`).
    private var lastLineage: UInt64 = 0
    private var lastGeneration: UInt64 = 0
    /// Where the terminal's cursor is; -1 when not known (after a wrap, a scroll region …).
    private var cursorX = -1, cursorY = -1
    /// The attributes in force; nil when not known.
    private var pen: Pen?
    private var cursorShown: Bool?
    /// Colour sequences, made once each.
    private var foregrounds: [[UInt8]?] = Array(repeating: nil, count: 256)
    private var backgrounds: [[UInt8]?] = Array(repeating: nil, count: 256)
    /// The rows of the frame being written that differ from the screen (kept to reuse its storage).
    private var changedRows: [Int] = []

    init(caps: Capabilities, styles: StyleTable, replacement: UInt32) {
        self.caps = caps
        self.styles = styles
        self.replacement = replacement
        out.reserveCapacity(1 << 16)
    }

    /// Forgets what the terminal shows and how it is set (after something else wrote to it).
    mutating func forgetScreen() {
        needsFullRedraw = true
        pen = nil
        cursorShown = nil
        cursorX = -1; cursorY = -1
    }

    // MARK: The frame

    mutating func render(_ frame: Frame, screen: Size) {
        let full = needsFullRedraw || model == nil || model!.size != frame.size || screen != modelScreen
        let fw = frame.size.width
        let w = min(fw, screen.width), h = min(frame.size.height, screen.height)
        if full {
            // Clearing fills with the current background on some terminals.
            setPen(.plain)
            if caps.clearScreen.isEmpty {
                clearByLines(screen)
            } else {
                out += caps.clearScreen
                cursorX = 0; cursorY = 0
            }
            model = Frame(size: frame.size)
        }
        var old = model!
        model = nil   // `old` is now the only reference, so writing it copies nothing
        // Without multi-scalar clusters a cell's bytes say everything about it, so an unchanged
        // row (most rows, on a key press) is skipped with one memcmp.
        let plain = frame.clusters.isEmpty && old.clusters.isEmpty
        // The next generation of the frame presented last: only its written rows can differ.
        let onlyWritten = !full && frame.lineage == lastLineage && frame.generation == lastGeneration &+ 1
        let oldClusters = old.clusters
        if w > 0 && h > 0 {
            frame.cells.withUnsafeBufferPointer { cells in
                old.cells.withUnsafeMutableBufferPointer { before in
                    let rowBytes = w * MemoryLayout<Cell>.stride
                    guard plain else {
                        for y in 0..<h where !onlyWritten || frame.wasWritten(row: y) {
                            writeRow(y, cells, UnsafeBufferPointer(before), frame, oldClusters, width: w, screen: screen)
                        }
                        return
                    }
                    // The rows that changed, then (when many did) a scroll, then the writing.
                    changedRows.removeAll(keepingCapacity: true)
                    for y in 0..<h where !onlyWritten || frame.wasWritten(row: y) {
                        if memcmp(cells.baseAddress! + y * fw, before.baseAddress! + y * fw, rowBytes) != 0 { changedRows.append(y) }
                    }
                    var scrolled = 0..<0
                    if changedRows.count >= 4 && !full && w == fw && h == frame.size.height && w == screen.width && h == screen.height {
                        scrolled = scrollIfCheaper(cells, before, width: w, height: h)
                    }
                    var next = 0   // in changedRows
                    for y in 0..<h {
                        let listed = next < changedRows.count && changedRows[next] == y
                        if listed { next += 1 }
                        guard listed || scrolled.contains(y) else { continue }
                        let row = y * fw
                        if !listed && memcmp(cells.baseAddress! + row, before.baseAddress! + row, rowBytes) == 0 { continue }
                        writeRow(y, cells, UnsafeBufferPointer(before), frame, oldClusters, width: w, screen: screen)
                        (before.baseAddress! + row).update(from: cells.baseAddress! + row, count: fw)
                    }
                }
            }
        }
        if plain {
            old.cursor = frame.cursor
            model = old
        } else {
            model = frame
        }
        placeCursor(frame, screen: screen)
        modelScreen = screen
        lastLineage = frame.lineage
        lastGeneration = frame.generation
        needsFullRedraw = false
    }

    /// Blank rows one by one, for a terminal without `clear`.
    private mutating func clearByLines(_ screen: Size) {
        for y in 0..<max(0, screen.height) {
            moveTo(0, y)
            if caps.clearToEndOfLine.isEmpty {
                out += [UInt8](repeating: 0x20, count: max(0, screen.width - 1))
                cursorX = -1
            } else {
                out += caps.clearToEndOfLine
            }
        }
    }

    private mutating func placeCursor(_ frame: Frame, screen: Size) {
        if let c = frame.cursor, c.x >= 0, c.y >= 0, c.x < screen.width, c.y < screen.height {
            if c.y < frame.size.height && c.x <= frame.size.width {
                // After a typed space the cursor moves over a blank: writing it is shorter.
                frame.cells.withUnsafeBufferPointer { moveTo(c.x, c.y, row: $0.baseAddress! + c.y * frame.size.width) }
            } else {
                moveTo(c.x, c.y)
            }
            if cursorShown != true { out += caps.showCursor; cursorShown = true }
        } else if cursorShown != false {
            out += caps.hideCursor
            cursorShown = false
        }
    }

    // MARK: Rows and cells

    @inline(__always)
    private func sameCluster(_ a: [String], _ b: [String], _ scalar: UInt32) -> Bool {
        let i = Int(scalar - Cell.clusterBase)
        guard i < a.count, i < b.count else { return false }
        return a[i] == b[i]
    }

    /// Draws the cells of row `y` that differ from what the screen shows.
    private mutating func writeRow(_ y: Int, _ cells: UnsafeBufferPointer<Cell>, _ before: UnsafeBufferPointer<Cell>,
                                   _ frame: Frame, _ oldClusters: [String], width w: Int, screen: Size) {
        let row = y * frame.size.width
        // A key press changes a cell or two of a row: the equal cells at both ends are passed
        // over first, four at a time where neither frame has clusters, then one by one, stopping
        // at a cluster (whose index alone does not say whether it is the same).
        var x = 0, end = w
        @inline(__always) func same(_ i: Int) -> Bool {
            cells[row + i] == before[row + i] && cells[row + i].scalar < Cell.clusterBase
        }
        if MemoryLayout<Cell>.size == 8 && MemoryLayout<Cell>.stride == 8 && frame.clusters.isEmpty && oldClusters.isEmpty {
            // Without clusters a cell's eight bytes say everything: four cells compared at once.
            let a = UnsafeRawPointer(cells.baseAddress! + row), b = UnsafeRawPointer(before.baseAddress! + row)
            typealias Four = SIMD4<UInt64>
            while x + 4 <= end && a.loadUnaligned(fromByteOffset: x * 8, as: Four.self) == b.loadUnaligned(fromByteOffset: x * 8, as: Four.self) { x += 4 }
            while end - 4 >= x && a.loadUnaligned(fromByteOffset: (end - 4) * 8, as: Four.self) == b.loadUnaligned(fromByteOffset: (end - 4) * 8, as: Four.self) { end -= 4 }
        }
        while x < end && same(x) { x += 1 }
        while end > x && same(end - 1) { end -= 1 }
        var drawn = 0   // the columns before this one were drawn in this pass
        while x < end {
            let c = cells[row + x]
            if c == before[row + x] && (c.scalar < Cell.clusterBase || sameCluster(frame.clusters, oldClusters, c.scalar)) {
                x += 1
                continue
            }
            // Writing over the right half of a wide character on screen blanks its left half
            // too: that column is drawn again first.
            if before[row + x].isContinuation, x > 0, drawn < x, !c.isContinuation {
                _ = put(cells, frame, x: x - 1, y: y, screen: screen)
            }
            if c.scalar == 0x20, let n = erase(cells, row: row, x: x, y: y, width: w, screen: screen) {
                x += n
                drawn = x
                continue
            }
            // A wide character's right half that changed under an unchanged left half: the left
            // half is drawn again, which covers it.
            if c.isContinuation, x > 0, cells[row + x - 1] == before[row + x - 1],
               put(cells, frame, x: x - 1, y: y, screen: screen) == 2 {
                x += 1
                drawn = x
                continue
            }
            // The usual cell: one narrow character (printable ASCII, a border, a dash: see
            // `DisplayWidth.isSimple`) in the pen already set, just where the cursor is (the cell
            // before it was written in this pass), away from the right edge.
            if DisplayWidth.isSimple(c.scalar) && cursorY == y && cursorX == x && x + 1 < screen.width,
               let p = pen, p == styles[c.style] {
                appendUTF8(c.scalar)
                cursorX += 1
                x += 1
                drawn = x
                continue
            }
            x += put(cells, frame, x: x, y: y, screen: screen)
            drawn = x
        }
    }

    /// Clears a run of blanks with one sequence where that is shorter than writing them:
    /// to the end of the line, or a count of characters. Returns the columns done, nil when
    /// the run is written as text.
    private mutating func erase(_ cells: UnsafeBufferPointer<Cell>, row: Int, x: Int, y: Int, width w: Int, screen: Size) -> Int? {
        let c = cells[row + x]
        let p = styles[c.style]
        // An erased cell takes the background (where `bce`), never underline or reverse.
        guard !p.attributes.contains(.underline), !p.attributes.contains(.reverse),
              p.background < 0 || caps.backgroundColorErase else { return nil }
        var n = 1
        while x + n < w && cells[row + x + n] == c { n += 1 }
        let toEnd = x + n == screen.width
        if toEnd && n >= 3 && !caps.clearToEndOfLine.isEmpty {
            setPen(p)
            moveTo(x, y)
            out += caps.clearToEndOfLine
            return n
        }
        if n >= 12, let ech = caps.eraseCharacters {
            setPen(p)
            moveTo(x, y)
            ech.append(to: &out, n)   // the cursor stays where it was
            return n
        }
        return nil
    }

    /// Columns the locale gives a scalar; -1 for what cannot be shown (controls, unknown).
    @inline(__always)
    private func columns(_ v: UInt32) -> Int {
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) { return -1 }
        // One column, as wcwidth agrees (a test holds it to that): no need for the locale.
        if DisplayWidth.isSimple(v) { return 1 }
        _ = CursesTerminal.localeLoaded
        return Int(mlsd_wcwidth(v))
    }

    /// The first scalar of a cell (a cluster's base), 0 for a right half.
    @inline(__always)
    private func baseScalar(_ cell: Cell, _ frame: Frame) -> UInt32 {
        guard cell.scalar >= Cell.clusterBase else { return cell.scalar }
        let i = Int(cell.scalar - Cell.clusterBase)
        guard i < frame.clusters.count else { return 0x3F }
        return frame.clusters[i].unicodeScalars.first?.value ?? 0x20
    }

    /// Draws the cell at (x, y); returns the columns it covered (2 for a wide character).
    private mutating func put(_ cells: UnsafeBufferPointer<Cell>, _ frame: Frame, x: Int, y: Int, screen: Size) -> Int {
        let fw = frame.size.width
        let cell = cells[y * fw + x]
        var first: UInt32 = 0x20
        var second: UInt32 = 0   // a combining mark on a space
        var width = 1
        var marks = false
        if cell.isContinuation {
            // Normally covered by the wide character to the left; a blank if that one came out narrow.
            if x > 0, columns(baseScalar(cells[y * fw + x - 1], frame)) == 2, x < screen.width { return 1 }
        } else {
            let base = baseScalar(cell, frame)
            var w = columns(base)
            // Wide only when the frame reserved the next column (else the tables disagree) and it is on screen.
            if w == 2 && !(x + 1 < fw && cells[y * fw + x + 1].isContinuation) { w = -1 }
            if w == 2 && x + 1 >= screen.width { w = -2 }
            switch w {
            case -2: first = 0x20
            case -1: first = replacement
            case 0: second = base   // a lone combining mark sits on a space
            default:
                first = base
                width = w
                marks = cell.scalar >= Cell.clusterBase
            }
        }
        // A terminal that wraps at once (`am` without `xenl`) would scroll on the last cell.
        if y == screen.height - 1 && x + width >= screen.width && caps.autoMargins && !caps.lateWrap {
            return width
        }
        setPen(styles[cell.style])
        moveTo(x, y, row: cells.baseAddress! + y * fw)
        appendUTF8(first)
        if second != 0 { appendUTF8(second) }
        if marks {
            for s in frame.clusters[Int(cell.scalar - Cell.clusterBase)].unicodeScalars.dropFirst() {
                let v = s.value
                if v < 0x20 || (v >= 0x7F && v < 0xA0) { continue }
                appendUTF8(v)
            }
        }
        cursorX += width
        // At the right edge the terminal waits to wrap: where the cursor is, is not certain.
        if cursorX >= screen.width { cursorX = -1 }
        return width
    }

    @inline(__always)
    private mutating func appendUTF8(_ v: UInt32) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    // MARK: Cursor and attributes

    /// Moves the cursor by the shortest means it knows. `row`, when given, holds the cells of
    /// the cursor's row: a few plain characters between the cursor and `x` are then written
    /// again rather than moved over.
    private mutating func moveTo(_ x: Int, _ y: Int, row: UnsafePointer<Cell>? = nil) {
        if cursorY == y && cursorX == x { return }
        defer { cursorX = x; cursorY = y }
        if cursorY == y && cursorX >= 0 {
            if x == 0 && !caps.carriageReturn.isEmpty { out += caps.carriageReturn; return }
            if x == cursorX - 1 && !caps.cursorLeft.isEmpty { out += caps.cursorLeft; return }
            if let row, x > cursorX && x - cursorX <= 4, let pen, reprint(row, from: cursorX, to: x, pen: pen) { return }
            if let hpa = caps.moveToColumn { hpa.append(to: &out, x); return }
        } else if cursorX >= 0, let vpa = caps.moveToRow {
            if cursorX == x { vpa.append(to: &out, y); return }
            if x == 0 && !caps.carriageReturn.isEmpty { out += caps.carriageReturn; vpa.append(to: &out, y); return }
        }
        caps.moveTo?.append(to: &out, y, x)
    }

    /// Writes the cells [from, to) again when they are plain ASCII in the current pen.
    private mutating func reprint(_ row: UnsafePointer<Cell>, from: Int, to: Int, pen: Pen) -> Bool {
        for i in from..<to {
            let c = row[i]
            guard c.scalar >= 0x20 && c.scalar < 0x7F, styles[c.style] == pen else { return false }
        }
        for i in from..<to { out.append(UInt8(row[i].scalar)) }
        return true
    }

    private mutating func setPen(_ p: Pen) {
        if let pen, pen == p { return }
        var now = pen ?? .plain
        // What cannot be turned off one by one is turned off all together.
        if pen == nil || !now.attributes.subtracting(p.attributes).isEmpty
            || (now.foreground >= 0 && p.foreground < 0) || (now.background >= 0 && p.background < 0) {
            out += caps.resetAttributes
            now = .plain
        }
        let add = p.attributes.subtracting(now.attributes)
        if add.contains(.bold) { out += caps.bold }
        if add.contains(.dim) { out += caps.dim }
        if add.contains(.reverse) { out += caps.reverse }
        if add.contains(.underline) { out += caps.underline }
        if p.foreground >= 0 && p.foreground != now.foreground { appendColor(p.foreground, background: false) }
        if p.background >= 0 && p.background != now.background { appendColor(p.background, background: true) }
        pen = p
    }

    private mutating func appendColor(_ color: Int16, background: Bool) {
        let i = Int(color)
        guard i < 256, let cap = background ? caps.background : caps.foreground else { return }
        if background {
            if backgrounds[i] == nil { backgrounds[i] = cap.bytes(i) }
            out += backgrounds[i]!
        } else {
            if foregrounds[i] == nil { foregrounds[i] = cap.bytes(i) }
            out += foregrounds[i]!
        }
    }

    // MARK: Scrolling

    /// Cells of `a` that differ from `b` (rows of `n` cells), giving up above `limit`.
    @inline(__always)
    private static func differing(_ a: UnsafePointer<Cell>, _ b: UnsafePointer<Cell>, _ n: Int, limit: Int) -> Int {
        if memcmp(a, b, n * MemoryLayout<Cell>.stride) == 0 { return 0 }
        var d = 0
        for i in 0..<n where a[i] != b[i] {
            d += 1
            if d > limit { return d }
        }
        return d
    }

    /// Cells of a row that are not a plain blank (what a row scrolled in, blank, lacks).
    @inline(__always)
    private func nonBlank(_ a: UnsafePointer<Cell>, _ n: Int) -> Int {
        var d = 0
        for i in 0..<n where !(a[i].scalar == 0x20 && styles.isPlain(a[i].style)) { d += 1 }
        return d
    }

    /// When a block of rows moved up or down (the notes scrolled), moves it on the terminal
    /// with a scroll region, as far as that leaves fewer cells to draw than drawing them all,
    /// and shifts the model to match. `changedRows` holds the rows that differ. Returns the rows
    /// the region covered: each must then be compared, written or not.
    private mutating func scrollIfCheaper(_ cells: UnsafeBufferPointer<Cell>, _ before: UnsafeMutableBufferPointer<Cell>,
                                          width w: Int, height h: Int) -> Range<Int> {
        guard let csr = caps.scrollRegion, caps.moveTo != nil,
              !caps.scrollForward.isEmpty || caps.scrollForwardLines != nil,
              !caps.scrollReverse.isEmpty || caps.scrollReverseLines != nil,
              let top = changedRows.first, let bottom = changedRows.last else { return 0..<0 }
        let new = cells.baseAddress!, old = UnsafePointer(before.baseAddress!)
        let rows = bottom - top + 1
        // Cells to draw without scrolling.
        var base = 0
        for y in top...bottom { base += Self.differing(new + y * w, old + y * w, w, limit: Int.max) }
        var best = base, bestShift = 0
        // The cost of the scroll itself, in cells: a region, a move, the scroll, the region back.
        let overhead = 24
        for k in 1...min(8, rows - 1) {
            for up in [true, false] {
                var cost = overhead
                for y in top...bottom where cost < best {
                    let from = up ? y + k : y - k
                    if from < top || from > bottom {
                        cost += nonBlank(new + y * w, w)
                    } else {
                        cost += Self.differing(new + y * w, old + from * w, w, limit: best - cost)
                    }
                }
                if cost < best { best = cost; bestShift = up ? k : -k }
            }
        }
        guard bestShift != 0 else { return 0..<0 }
        let k = abs(bestShift)
        // Rows that scroll in are blank in the terminal's own colours.
        setPen(.plain)
        csr.append(to: &out, top, bottom)
        cursorX = -1; cursorY = -1
        if bestShift > 0 {
            caps.moveTo!.append(to: &out, bottom, 0)
            if k > 1, let indn = caps.scrollForwardLines { indn.append(to: &out, k) } else {
                for _ in 0..<k { out += caps.scrollForward }
            }
        } else {
            caps.moveTo!.append(to: &out, top, 0)
            if k > 1, let rin = caps.scrollReverseLines { rin.append(to: &out, k) } else {
                for _ in 0..<k { out += caps.scrollReverse }
            }
        }
        csr.append(to: &out, 0, h - 1)
        cursorX = -1; cursorY = -1
        // The model scrolls with the screen.
        let dst = before.baseAddress!
        let stride = MemoryLayout<Cell>.stride
        if bestShift > 0 {
            memmove(dst + top * w, dst + (top + k) * w, (rows - k) * w * stride)
            (dst + (bottom - k + 1) * w).update(repeating: .blank, count: k * w)
        } else {
            memmove(dst + (top + k) * w, dst + top * w, (rows - k) * w * stride)
            (dst + top * w).update(repeating: .blank, count: k * w)
        }
        return top..<(bottom + 1)
    }
}
