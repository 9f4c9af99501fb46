import Synchronization
import TextWidth

/// A place in a text document: a line and a column counted in characters (grapheme clusters).
public struct TextPosition: Equatable, Hashable, Comparable, Sendable, Codable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: TextPosition, b: TextPosition) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

/// One change to a notes document: the text between two positions replaced by new text.
public struct TextEdit: Equatable, Sendable, Codable {
    public var from: TextPosition
    public var to: TextPosition
    public var text: String
    public init(from: TextPosition, to: TextPosition, text: String) { self.from = from; self.to = to; self.text = text }
    public static func insert(_ text: String, at p: TextPosition) -> TextEdit { TextEdit(from: p, to: p, text: text) }
    public static func delete(from: TextPosition, to: TextPosition) -> TextEdit { TextEdit(from: from, to: to, text: "") }
}

/// Multi-line text kept as lines, each with a revision number so views can cache their layout.
public struct TextDocument: Equatable, Sendable {
    public private(set) var lines: [String] = [""]
    /// A number that changes whenever its line changes (unique within the program run).
    public private(set) var revisions: [Int] = [TextDocument.nextRevision()]
    /// Words per line, kept as lines change, so that the word count costs nothing per frame.
    private var lineWords: [Int] = [0]
    /// Characters per line, kept as lines change (a String's count walks the whole line).
    private var lineLengths: [Int] = [0]
    /// Number of words in the document.
    public private(set) var wordCount = 0
    /// Changes with every edit (the newest line revision; 0 for a document never edited), so a
    /// view can tell in one comparison that nothing changed.
    public private(set) var version = 0
    /// The last edit, when it changed one line in place (typing, deleting within a line): which
    /// bytes of which revision it replaced, so that a line's derived data can follow the edit
    /// instead of being computed afresh. Nil after any other edit.
    public private(set) var lastInPlaceEdit: InPlaceEdit?

    private static let counter = Atomic<Int>(0)
    static func nextRevision() -> Int { counter.add(1, ordering: .relaxed).newValue }

    /// Documents are equal when their text is; revisions only serve layout caches.
    public static func == (a: TextDocument, b: TextDocument) -> Bool { a.lines == b.lines }

    public init() {}
    public init(_ text: String) { _ = apply(.insert(text, at: TextPosition(line: 0, column: 0))) }

    public var text: String { lines.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }
    public var end: TextPosition { TextPosition(line: lines.count - 1, column: lineLengths[lines.count - 1]) }

    /// Characters in line `l`.
    public func length(ofLine l: Int) -> Int { lineLengths[l] }

    /// Clamps a position into the document.
    public func clamp(_ p: TextPosition) -> TextPosition {
        let l = min(max(0, p.line), lines.count - 1)
        return TextPosition(line: l, column: min(max(0, p.column), lineLengths[l]))
    }

    /// Characters in a line; for ASCII (the usual case) without walking grapheme clusters.
    @inline(__always)
    static func length(_ s: String) -> Int {
        ASCIIScan.isASCII(s) ? s.utf8.count : s.count
    }

    /// The index of character `column` in `s` (clamped), by byte offset for ASCII.
    @inline(__always)
    static func index(_ s: String, _ column: Int) -> String.Index {
        if ASCIIScan.isASCII(s) {
            return s.utf8.index(s.utf8.startIndex, offsetBy: min(column, s.utf8.count))
        }
        return s.index(s.startIndex, offsetBy: column, limitedBy: s.endIndex) ?? s.endIndex
    }

    /// Whether an edit from `a` to `b` inserting `text` changes one line in place (`apply`'s
    /// first path; `applyUndoable` relies on the same test to rebuild the old line).
    @inline(__always)
    static func inPlace(_ a: TextPosition, _ b: TextPosition, _ text: String) -> Bool {
        a.line == b.line && !text.utf8.contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// Applies an edit; returns the lines replaced (in the old numbering) and how many lines stand there now.
    @discardableResult
    public mutating func apply(_ edit: TextEdit) -> (replaced: Range<Int>, inserted: Int) {
        var a = clamp(edit.from), b = clamp(edit.to)
        if b < a { swap(&a, &b) }
        if TextDocument.inPlace(a, b, edit.text) {
            // Within one line (typing, deleting a character): the line is changed in place. A line
            // is ASCII exactly when its characters and its bytes are as many, and then columns are
            // byte offsets: nothing walks the line but the word count.
            let l = a.line
            let ascii = lineLengths[l] == lines[l].utf8.count
            let textASCII = ASCIIScan.isASCII(edit.text)
            let o0 = byteOffset(line: l, column: a.column), o1 = byteOffset(line: l, column: b.column)
            // Only the words touching the edit can change: count those, before and after.
            var lo = o0, hi = o1, before = 0
            lines[l].withUTF8 { u in
                while lo > 0 && !TextDocument.isSpace(u[lo - 1]) { lo -= 1 }
                while hi < u.count && !TextDocument.isSpace(u[hi]) { hi += 1 }
                before = TextDocument.words(in: UnsafeBufferPointer(rebasing: u[lo..<hi]))
            }
            // No copy of the line is held across the change, so that it happens in place.
            if o0 == lines[l].utf8.count {
                lines[l].append(contentsOf: edit.text)   // typing at the end of a line: the usual case
            } else {
                let range: Range<String.Index> = {
                    let u = lines[l].utf8
                    return u.index(u.startIndex, offsetBy: o0)..<u.index(u.startIndex, offsetBy: o1)
                }()
                lines[l].replaceSubrange(range, with: edit.text)
            }
            let r = TextDocument.nextRevision()
            lastInPlaceEdit = InPlaceEdit(line: l, oldRevision: revisions[l], newRevision: r,
                                          bytes: o0..<o1, insertedBytes: edit.text.utf8.count)
            revisions[l] = r
            version = r
            let newHi = hi + edit.text.utf8.count - (o1 - o0)
            var after = 0
            lines[l].withUTF8 { u in after = TextDocument.words(in: UnsafeBufferPointer(rebasing: u[lo..<newHi])) }
            wordCount += after - before
            lineWords[l] += after - before
            lineLengths[l] = ascii && textASCII ? lineLengths[l] - (b.column - a.column) + edit.text.utf8.count : TextDocument.length(lines[l])
            return (l..<(l + 1), 1)
        }
        lastInPlaceEdit = nil
        let first = lines[a.line], last = lines[b.line]
        let head = first[..<TextDocument.index(first, a.column)]
        let tail = last[TextDocument.index(last, b.column)...]
        var newLines: [String] = []
        if edit.text.contains(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var parts = edit.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            parts[0] = Substring(String(head) + parts[0])
            parts[parts.count - 1] = Substring(String(parts[parts.count - 1]) + tail)
            newLines = parts.map(String.init)
        } else {
            newLines = [String(head) + edit.text + String(tail)]
        }
        lines.replaceSubrange(a.line...b.line, with: newLines)
        revisions.replaceSubrange(a.line...b.line, with: newLines.map { _ in TextDocument.nextRevision() })
        version = revisions[a.line + newLines.count - 1]
        let newWords = newLines.map(TextDocument.words(in:))
        for w in lineWords[a.line...b.line] { wordCount -= w }
        for w in newWords { wordCount += w }
        lineWords.replaceSubrange(a.line...b.line, with: newWords)
        lineLengths.replaceSubrange(a.line...b.line, with: newLines.map(TextDocument.length))
        return (a.line..<(b.line + 1), newLines.count)
    }

    /// The text between two positions (clamped, in either order), lines joined by "\n".
    public func text(from p: TextPosition, to q: TextPosition) -> String {
        var a = clamp(p), b = clamp(q)
        if b < a { swap(&a, &b) }
        if a == b { return "" }
        let first = lines[a.line], last = lines[b.line]
        if a.line == b.line {
            return String(first[TextDocument.index(first, a.column)..<TextDocument.index(first, b.column)])
        }
        var o = String(first[TextDocument.index(first, a.column)...])
        for l in (a.line + 1)..<b.line { o += "\n"; o += lines[l] }
        o += "\n"
        o += last[..<TextDocument.index(last, b.column)]
        return o
    }

    /// Applies an edit and works out the edit that takes it back (`UndoableEdit`), for the undo
    /// history. The inverse is exact: applying it gives back the same lines, byte for byte.
    public mutating func applyUndoable(_ edit: TextEdit) -> UndoableEdit {
        var a = clamp(edit.from), b = clamp(edit.to)
        if b < a { swap(&a, &b) }
        let removed = text(from: a, to: b)
        let headBytes = byteOffset(line: a.line, column: a.column)
        let tailBytes = lines[b.line].utf8.count - byteOffset(line: b.line, column: b.column)
        // Within one line the old line is not kept: holding it would leave the line's storage
        // shared, and the edit would copy the whole paragraph on every key. It is rebuilt from
        // the new line when needed (below).
        let oneLine = TextDocument.inPlace(a, b, edit.text)
        let oldLines = oneLine ? [] : Array(lines[a.line...b.line])   // a copy of these lines only, not a share of the array
        let r = apply(TextEdit(from: a, to: b, text: edit.text))
        let end = TextDocument.position(after: edit.text, insertedAt: a)
        let lastLine = a.line + r.inserted - 1
        // Character columns are grapheme clusters, so new text may merge with its neighbours
        // (a combining accent typed after a letter): then the columns around it no longer fall
        // where the bytes changed, and the inverse restores whole lines instead.
        var exact = end.line == lastLine
        if exact {
            exact = lineLengths[lastLine] >= end.column
                && byteOffset(line: a.line, column: a.column) == headBytes
                && lines[lastLine].utf8.count - byteOffset(line: lastLine, column: end.column) == tailBytes
        }
        let inverse: TextEdit
        if exact {
            inverse = TextEdit(from: a, to: end, text: removed)
        } else {
            let old: String
            if oneLine {
                // The line changed in place: its bytes with the edit's taken back.
                var bytes = Array(lines[a.line].utf8.prefix(headBytes))
                bytes += removed.utf8
                bytes += lines[a.line].utf8.suffix(tailBytes)
                old = String(decoding: bytes, as: UTF8.self)
            } else {
                old = oldLines.joined(separator: "\n")
            }
            inverse = TextEdit(from: TextPosition(line: a.line, column: 0), to: TextPosition(line: lastLine, column: lineLengths[lastLine]),
                               text: old)
        }
        return UndoableEdit(forward: TextEdit(from: a, to: b, text: edit.text), inverse: inverse, removed: removed,
                            end: end, exact: exact, replaced: r.replaced, inserted: r.inserted)
    }

    /// The UTF-8 offset of character `column` in line `l` (clamped); without walking the line
    /// when it is ASCII, which it is exactly when its characters are as many as its bytes.
    @inline(__always)
    func byteOffset(line l: Int, column: Int) -> Int {
        let s = lines[l]
        if lineLengths[l] == s.utf8.count { return min(column, lineLengths[l]) }
        return s.utf8.distance(from: s.startIndex, to: TextDocument.index(s, column))
    }

    /// The position just after `text` inserted at `p`.
    public static func position(after text: String, insertedAt p: TextPosition) -> TextPosition {
        var line = p.line, col = p.column
        for ch in text {
            if ch == "\n" || ch == "\r\n" || ch == "\r" { line += 1; col = 0 } else { col += 1 }
        }
        return TextPosition(line: line, column: col)
    }

    /// Words in one line: runs of bytes other than ASCII white space.
    public static func words(in line: String) -> Int {
        var line = line
        return line.withUTF8 { words(in: $0) }
    }

    static func words(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0, inWord = false
        for b in bytes {
            let space = isSpace(b)
            if !space && !inWord { n += 1 }
            inWord = !space
        }
        return n
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
}

/// An edit within one line, in bytes: `bytes` of the line at `oldRevision` became
/// `insertedBytes` new bytes, and the line is now at `newRevision`.
public struct InPlaceEdit: Equatable, Sendable {
    public var line: Int
    public var oldRevision: Int
    public var newRevision: Int
    public var bytes: Range<Int>
    public var insertedBytes: Int
}

/// An edit as applied, with what undo needs: the edit that takes it back and the text it removed.
public struct UndoableEdit: Equatable, Sendable {
    /// The edit with its positions clamped into the document and in order.
    public var forward: TextEdit
    /// The edit that gives back the document as it was before `forward`.
    public var inverse: TextEdit
    /// The text `forward` replaced ("" for an insert).
    public var removed: String
    /// The position just after the new text.
    public var end: TextPosition
    /// Whether the new text sits between `forward.from` and `end` character for character (so
    /// `inverse` is the small edit `end`…`from` ← `removed`; otherwise it restores whole lines).
    public var exact: Bool
    /// The lines replaced (in the old numbering) and how many stand there now, as `apply` returns.
    public var replaced: Range<Int>
    public var inserted: Int
}
