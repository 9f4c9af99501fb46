/// Word wrapping by display width.
public enum TextWrap {
    /// One row of a wrapped line: the characters from `start` (a character offset in the line), and its text.
    public struct Row: Equatable, Sendable {
        public var start: Int
        public var count: Int
        public var text: Substring
    }

    /// Splits `line` into rows no wider than `width` columns, breaking after spaces where it can
    /// and inside a word only when the word alone is wider than a row. Always at least one row.
    public static func rows(_ line: String, width: Int) -> [Row] {
        let width = max(1, width)
        if line.isEmpty { return [Row(start: 0, count: 0, text: line[...])] }
        // Fast path: printable ASCII, where characters, bytes and columns are one and the same.
        if line.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return asciiRows(line, width: width) }
        var rows: [Row] = []
        var rowStart = line.startIndex, rowStartOffset = 0
        var idx = line.startIndex, offset = 0
        var used = 0
        var lastBreak: (index: String.Index, offset: Int)? = nil   // just after a space
        while idx < line.endIndex {
            let ch = line[idx]
            let w = DisplayWidth.of(ch)
            if used + w > width && used > 0 {
                if ch == " " {
                    // a space at the edge stays at the end of this row
                    let next = line.index(after: idx)
                    rows.append(Row(start: rowStartOffset, count: offset + 1 - rowStartOffset, text: line[rowStart..<next]))
                    rowStart = next; rowStartOffset = offset + 1
                    idx = next; offset += 1; used = 0; lastBreak = nil
                    continue
                }
                if let b = lastBreak, b.offset > rowStartOffset {
                    rows.append(Row(start: rowStartOffset, count: b.offset - rowStartOffset, text: line[rowStart..<b.index]))
                    rowStart = b.index; rowStartOffset = b.offset
                    used = DisplayWidth.of(line[rowStart..<idx])
                } else {
                    rows.append(Row(start: rowStartOffset, count: offset - rowStartOffset, text: line[rowStart..<idx]))
                    rowStart = idx; rowStartOffset = offset; used = 0
                }
                lastBreak = nil
                continue
            }
            used += w
            idx = line.index(after: idx); offset += 1
            if ch == " " { lastBreak = (idx, offset) }
        }
        rows.append(Row(start: rowStartOffset, count: offset - rowStartOffset, text: line[rowStart..<line.endIndex]))
        return rows
    }

    static func asciiRows(_ line: String, width: Int) -> [Row] {
        let bytes = Array(line.utf8)
        let n = bytes.count
        if n <= width { return [Row(start: 0, count: n, text: line[...])] }
        var rows: [Row] = []
        var start = 0
        let u = line.utf8
        func row(_ a: Int, _ b: Int) -> Row {
            let i = u.index(u.startIndex, offsetBy: a), j = u.index(u.startIndex, offsetBy: b)
            return Row(start: a, count: b - a, text: line[i..<j])
        }
        while n - start > width {
            // a space right at the edge stays at the end of this row
            if bytes[start + width] == 0x20 { rows.append(row(start, start + width + 1)); start += width + 1; continue }
            var brk = -1
            var k = start + width - 1
            while k > start { if bytes[k] == 0x20 { brk = k + 1; break }; k -= 1 }
            let end = brk > start ? brk : start + width
            rows.append(row(start, end))
            start = end
        }
        rows.append(row(start, n))
        return rows
    }

    /// Wraps text with newlines into display rows (strings).
    public static func lines(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { l in
            rows(String(l), width: width).map { String($0.text) }
        }
    }
}

/// Caches wrapped rows per line revision, so that typing re-wraps one line, not the document.
public struct WrapCache: Sendable {
    public private(set) var width = 0
    private var entries: [Int: [TextWrap.Row]] = [:]
    public init() {}

    public mutating func rows(_ line: String, revision: Int, width: Int) -> [TextWrap.Row] {
        if width != self.width { entries.removeAll(keepingCapacity: true); self.width = width }
        if let r = entries[revision] { return r }
        let r = TextWrap.rows(line, width: width)
        if entries.count > 50_000 { entries.removeAll(keepingCapacity: true) }
        entries[revision] = r
        return r
    }
}
