import TextWidth

/// A small model of an xterm-like terminal: it plays the bytes the program sends and keeps the
/// cells, the cursor, the attributes and the modes, so that a test can compare the screen the
/// bytes make with the frame they were meant to show. Written from the ECMA-48 and xterm
/// descriptions of each sequence, independently of the code that emits them; any sequence it
/// does not know is kept in `unknown`, which tests expect to stay empty.
final class ModelTerminal {
    struct Attributes: Equatable, CustomStringConvertible {
        var foreground = -1, background = -1
        var bold = false, dim = false, reverse = false, underline = false
        var description: String {
            var s = "fg \(foreground) bg \(background)"
            if bold { s += " bold" }
            if dim { s += " dim" }
            if reverse { s += " reverse" }
            if underline { s += " underline" }
            return s
        }
    }
    struct Cell: Equatable {
        /// The character (with its combining marks); "" for the right half of a wide one.
        var text = " "
        var attributes = Attributes()
    }

    let width: Int, height: Int
    private(set) var cells: [[Cell]]
    private(set) var x = 0, y = 0
    private var pendingWrap = false
    private var top = 0, bottom: Int
    private(set) var pen = Attributes()
    private var saved = (0, 0)
    private(set) var modes: [Int: Bool] = [:]
    private(set) var unknown: [String] = []
    /// How many times the screen scrolled (by a line feed at the region's bottom or SU/SD).
    private(set) var scrolls = 0
    private var pending: [UInt8] = []

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        bottom = height - 1
        cells = Array(repeating: Array(repeating: Cell(), count: width), count: height)
    }

    var cursor: (x: Int, y: Int) { (x, y) }
    var cursorVisible: Bool { modes[25] ?? true }

    /// The text of a row, wide characters once each.
    func text(row: Int) -> String { cells[row].map(\.text).joined() }

    // MARK: Playing bytes

    func play(_ bytes: [UInt8]) {
        pending += bytes
        var i = 0
        let b = pending
        while i < b.count {
            let c = b[i]
            if c == 0x1B {
                guard let n = escape(b, i) else { break }   // incomplete: wait for more
                i = n
                continue
            }
            if c < 0x20 || c == 0x7F {
                control(c)
                i += 1
                continue
            }
            // UTF-8
            let len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4
            guard i + len <= b.count else { break }
            var v = UInt32(len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07)
            for k in 1..<len { v = v << 6 | UInt32(b[i + k] & 0x3F) }
            printScalar(v)
            i += len
        }
        pending = Array(b[i...])
    }

    private func control(_ c: UInt8) {
        switch c {
        case 0x0D: x = 0; pendingWrap = false
        case 0x0A, 0x0B, 0x0C: lineFeed()
        case 0x08: if x > 0 { x -= 1 }; pendingWrap = false
        case 0x07, 0x0E, 0x0F: break
        default: unknown.append("C0 \(c)")
        }
    }

    /// Returns the index after the sequence, nil when it is not complete.
    private func escape(_ b: [UInt8], _ i: Int) -> Int? {
        guard i + 1 < b.count else { return nil }
        switch b[i + 1] {
        case UInt8(ascii: "["):
            var j = i + 2
            while j < b.count, !(b[j] >= 0x40 && b[j] <= 0x7E) { j += 1 }
            guard j < b.count else { return nil }
            csi(String(decoding: b[(i + 2)..<j], as: UTF8.self), final: b[j])
            return j + 1
        case UInt8(ascii: "("), UInt8(ascii: ")"):
            return i + 2 < b.count ? i + 3 : nil   // character sets: ASCII only here
        case UInt8(ascii: "7"): saved = (x, y); return i + 2
        case UInt8(ascii: "8"): (x, y) = saved; pendingWrap = false; return i + 2
        case UInt8(ascii: "D"): lineFeed(); return i + 2
        case UInt8(ascii: "M"): reverseIndex(); return i + 2
        case UInt8(ascii: "="), UInt8(ascii: ">"): return i + 2   // keypad modes
        default:
            unknown.append("ESC \(Character(Unicode.Scalar(b[i + 1])))")
            return i + 2
        }
    }

    private func csi(_ p: String, final: UInt8) {
        let isPrivate = p.hasPrefix("?")
        let params = (isPrivate ? String(p.dropFirst()) : p).split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        func n(_ k: Int, _ d: Int) -> Int { k < params.count ? (params[k] ?? d) : d }
        let f = Character(Unicode.Scalar(final))
        if isPrivate {
            if f == "h" || f == "l" {
                for m in params { if let m { setMode(m, f == "h") } }
            } else if f == "c" {
                // the Linux console's cursor shape
            } else {
                unknown.append("CSI ?\(p)\(f)")
            }
            return
        }
        pendingWrap = false
        switch f {
        case "H", "f": y = clampRow(n(0, 1) - 1); x = clampColumn(n(1, 1) - 1)
        case "G", "`": x = clampColumn(n(0, 1) - 1)
        case "d": y = clampRow(n(0, 1) - 1)
        case "A": y = max(0, y - max(1, n(0, 1)))
        case "B": y = min(height - 1, y + max(1, n(0, 1)))
        case "C": x = min(width - 1, x + max(1, n(0, 1)))
        case "D": x = max(0, x - max(1, n(0, 1)))
        case "K":
            switch n(0, 0) {
            case 0: erase(row: y, from: x, to: width)
            case 1: erase(row: y, from: 0, to: x + 1)
            default: erase(row: y, from: 0, to: width)
            }
        case "J":
            switch n(0, 0) {
            case 0:
                erase(row: y, from: x, to: width)
                for r in (y + 1)..<height { erase(row: r, from: 0, to: width) }
            case 2, 3:
                for r in 0..<height { erase(row: r, from: 0, to: width) }
            default: unknown.append("CSI \(p)J")
            }
        case "X": erase(row: y, from: x, to: min(width, x + max(1, n(0, 1))))
        case "r":
            let t = n(0, 1) - 1, btm = n(1, height) - 1
            if t < btm && t >= 0 && btm < height { top = t; bottom = btm }
            x = 0; y = 0
        case "S": for _ in 0..<max(1, n(0, 1)) { scrollUp() }
        case "T": for _ in 0..<max(1, n(0, 1)) { scrollDown() }
        case "m": sgr(params)
        case "t": break   // window operations (title stack)
        case "h", "l": for m in params { if let m { modes[-m] = f == "h" } }   // ANSI modes (screen's cursor)
        default: unknown.append("CSI \(p)\(f)")
        }
    }

    private func setMode(_ m: Int, _ on: Bool) {
        modes[m] = on
        if m == 1049 {
            // The alternate screen: entered cleared, left as the normal screen (kept blank here).
            for r in 0..<height { erase(row: r, from: 0, to: width, blank: Cell()) }
        }
    }

    private func sgr(_ params: [Int?]) {
        var k = 0
        let ps = params.isEmpty ? [0] : params.map { $0 ?? 0 }
        while k < ps.count {
            let v = ps[k]
            switch v {
            case 0: pen = Attributes()
            case 1: pen.bold = true
            case 2: pen.dim = true
            case 4: pen.underline = true
            case 7: pen.reverse = true
            case 22: pen.bold = false; pen.dim = false
            case 24: pen.underline = false
            case 27: pen.reverse = false
            case 30...37: pen.foreground = v - 30
            case 90...97: pen.foreground = v - 90 + 8
            case 39: pen.foreground = -1
            case 40...47: pen.background = v - 40
            case 100...107: pen.background = v - 100 + 8
            case 49: pen.background = -1
            case 38, 48:
                if k + 2 < ps.count, ps[k + 1] == 5 {
                    if v == 38 { pen.foreground = ps[k + 2] } else { pen.background = ps[k + 2] }
                    k += 2
                } else {
                    unknown.append("SGR \(ps)")
                }
            default: unknown.append("SGR \(v)")
            }
            k += 1
        }
    }

    private func clampRow(_ r: Int) -> Int { max(0, min(height - 1, r)) }
    private func clampColumn(_ c: Int) -> Int { max(0, min(width - 1, c)) }

    /// Erased cells take the background colour only (xterm's back-colour erase).
    private func erase(row: Int, from: Int, to: Int, blank: Cell? = nil) {
        guard from < to else { return }
        var b = Cell()
        b.attributes.background = pen.background
        if let blank { b = blank }
        splitWide(row: row, at: from)
        splitWide(row: row, at: to)
        for c in from..<to { cells[row][c] = b }
    }

    /// Blanks both halves of a wide character that a write or an erase at `x` cuts.
    private func splitWide(row: Int, at x: Int) {
        guard x > 0, x < width, cells[row][x].text.isEmpty else { return }
        cells[row][x - 1].text = " "
        cells[row][x].text = " "
    }

    private func lineFeed() {
        if y == bottom { scrollUp() } else if y < height - 1 { y += 1 }
        pendingWrap = false
    }

    private func reverseIndex() {
        if y == top { scrollDown() } else if y > 0 { y -= 1 }
        pendingWrap = false
    }

    private func blankRow() -> [Cell] {
        var b = Cell()
        b.attributes.background = pen.background
        return Array(repeating: b, count: width)
    }

    private func scrollUp() {
        cells.remove(at: top)
        cells.insert(blankRow(), at: bottom)
        scrolls += 1
    }

    private func scrollDown() {
        cells.remove(at: bottom)
        cells.insert(blankRow(), at: top)
        scrolls += 1
    }

    private func printScalar(_ v: UInt32) {
        guard let s = Unicode.Scalar(v) else { return }
        let w = DisplayWidth.of(s)
        if w == 0 {
            // A combining mark joins the character before the cursor.
            var cx = pendingWrap ? x : x - 1
            if cx >= 0, cells[y][cx].text.isEmpty, cx > 0 { cx -= 1 }
            if cx >= 0 { cells[y][cx].text.unicodeScalars.append(s) }
            return
        }
        if pendingWrap {
            x = 0
            lineFeed()
        }
        if w == 2 && x == width - 1 {
            // No room for both halves: xterm wraps first.
            cells[y][x] = Cell(text: " ", attributes: pen)
            x = 0
            lineFeed()
        }
        splitWide(row: y, at: x)
        if x + w < width { splitWide(row: y, at: x + w) }
        cells[y][x] = Cell(text: String(s), attributes: pen)
        if w == 2 { cells[y][x + 1] = Cell(text: "", attributes: pen) }
        x += w
        if x >= width {
            x = width - 1
            pendingWrap = true
        }
    }
}
