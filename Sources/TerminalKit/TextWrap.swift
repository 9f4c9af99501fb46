import TextWidth
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
        // Fast paths: printable ASCII, where characters, bytes and columns are one and the same;
        // then text whose every scalar is a character one column wide (dashes, "·", accents).
        if ASCIIScan.isPrintable(line) { return asciiRows(line, width: width) }
        if DisplayWidth.simpleCount(line) != nil { return simpleRows(line, width: width) }
        return graphemeRows(line, width: width)
    }

    /// `rows` character by character: any text.
    static func graphemeRows(_ line: String, width: Int) -> [Row] {
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
                // (Not after a space that starts the row: the ASCII path, which the other paths
                // follow, keeps such a space with the word after it.)
                if let b = lastBreak, b.offset > rowStartOffset + 1 {
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

    /// `rows` for a line of `DisplayWidth.isSimple` scalars only: each is a character one
    /// column wide, so the rows are found as for ASCII, scalar by scalar.
    static func simpleRows(_ line: String, width: Int) -> [Row] {
        let u = line.unicodeScalars
        var at: [String.Index] = []   // where each scalar starts, then the end
        var space: [Bool] = []
        for i in u.indices {
            at.append(i)
            space.append(u[i] == " ")
        }
        at.append(line.endIndex)
        let n = space.count
        if n <= width { return [Row(start: 0, count: n, text: line[...])] }
        var rows: [Row] = []
        greedyBreaks(count: n, from: 0, width: width, isSpace: { space[$0] }) { a, b in
            rows.append(Row(start: a, count: b - a, text: line[at[a]..<at[b]]))
        }
        return rows
    }

    /// The rows of `n` characters one column wide each, from character `first`: as many as fit,
    /// broken after the last space that fits (a space right at the edge stays at the end of its
    /// row), or inside a word only when no space does. `row(a, b)` is called for each, in order.
    /// Shared by the ASCII and the simple-scalar paths; inlined, so each reads its own spaces.
    @inline(__always)
    static func greedyBreaks(count n: Int, from first: Int, width: Int, isSpace: (Int) -> Bool, row: (Int, Int) -> Void) {
        var start = first
        while n - start > width {
            if isSpace(start + width) { row(start, start + width + 1); start += width + 1; continue }
            var brk = -1
            var k = start + width - 1
            while k > start { if isSpace(k) { brk = k + 1; break }; k -= 1 }
            let end = brk > start ? brk : start + width
            row(start, end)
            start = end
        }
        row(start, n)
    }

    static func asciiRows(_ line: String, width: Int, from first: Int = 0, into rows: [Row] = []) -> [Row] {
        var line = line
        line.makeContiguousUTF8()
        return line.utf8.withContiguousStorageIfAvailable { bytes in
            asciiRows(line, bytes, width: width, from: first, into: rows)
        }!
    }

    private static func asciiRows(_ line: String, _ bytes: UnsafeBufferPointer<UInt8>, width: Int, from first: Int, into rows: [Row]) -> [Row] {
        let n = bytes.count
        var rows = rows
        if n - first <= width && first == 0 { return [Row(start: 0, count: n, text: line[...])] }
        let u = line.utf8
        greedyBreaks(count: n, from: first, width: width, isSpace: { bytes[$0] == 0x20 }) { a, b in
            let i = u.index(u.startIndex, offsetBy: a), j = u.index(u.startIndex, offsetBy: b)
            rows.append(Row(start: a, count: b - a, text: line[i..<j]))
        }
        return rows
    }

    /// Whether a line takes the ASCII path of `rows` (printable ASCII only).
    static func isPrintableASCII(_ line: String) -> Bool { ASCIIScan.isPrintable(line) }

    /// `rows(line, width:)` for a line that was `previous`, wrapped as `old`, and has changed
    /// since: rows that end well before the first changed byte stay as they were (each row
    /// depends only on the bytes from its start to one past its width), so typing in a long
    /// paragraph re-wraps from the edited row on, not from the top. Printable ASCII only.
    static func rewrap(_ line: String, width: Int, previous: String, old: [Row]) -> [Row] {
        let width = max(1, width)
        var line = line, previous = previous
        line.makeContiguousUTF8(); previous.makeContiguousUTF8()
        let same = line.utf8.withContiguousStorageIfAvailable { a in
            previous.utf8.withContiguousStorageIfAvailable { b in
                ASCIIScan.commonPrefix(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b))
            }!
        }!
        var kept: [Row] = []
        let u = line.utf8
        for r in old.dropLast() where r.start + width + 1 <= same {
            kept.append(Row(start: r.start, count: r.count,
                            text: line[u.index(u.startIndex, offsetBy: r.start)..<u.index(u.startIndex, offsetBy: r.start + r.count)]))
        }
        if kept.isEmpty { return rows(line, width: width) }
        return asciiRows(line, width: width, from: kept.last!.start + kept.last!.count, into: kept)
    }

    /// Wraps text with newlines into display rows (strings).
    public static func lines(_ text: String, width: Int) -> [String] {
        text.lineSlices().flatMap { l in
            rows(String(l), width: width).map { String($0.text) }
        }
    }
}

/// Caches wrapped rows per line revision, so that typing re-wraps one line, not the document.
public struct WrapCache: Sendable {
    public private(set) var width = 0
    private struct Entry: Sendable { var line: String; var ascii: Bool; var rows: [TextWrap.Row] }
    private var entries: [Int: Entry] = [:]
    /// The entry made last (the line being typed in), kept out of `entries`: each key asks for it
    /// several times and replaces it once, without hashing.
    private var recent: (revision: Int, entry: Entry)?
    public init() {}

    /// The rows of `line` at `revision`. With `replacing`, the line's previous revision: its
    /// entry is dropped (it will not be asked for again), and its rows are reused where the
    /// edit left them alone.
    public mutating func rows(_ line: String, revision: Int, width: Int, replacing old: Int? = nil) -> [TextWrap.Row] {
        if width != self.width { entries.removeAll(keepingCapacity: true); recent = nil; self.width = width }
        var previous: Entry?
        if let old {
            if let r = recent, r.revision == old { previous = r.entry; recent = nil } else { previous = entries.removeValue(forKey: old) }
        }
        if let r = recent, r.revision == revision { return r.entry.rows }
        if let r = entries[revision] { return r.rows }
        let ascii = TextWrap.isPrintableASCII(line)
        let r: [TextWrap.Row]
        if ascii, let p = previous, p.ascii, !line.isEmpty {
            r = TextWrap.rewrap(line, width: width, previous: p.line, old: p.rows)
        } else {
            r = TextWrap.rows(line, width: width)
        }
        if let last = recent {
            if entries.count >= 50_000 { entries.removeAll(keepingCapacity: true) }
            entries[last.revision] = last.entry
        }
        recent = (revision, Entry(line: line, ascii: ascii, rows: r))
        return r
    }
}
