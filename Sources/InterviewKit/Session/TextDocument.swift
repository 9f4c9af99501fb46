import Synchronization

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

    private static let counter = Atomic<Int>(0)
    static func nextRevision() -> Int { counter.add(1, ordering: .relaxed).newValue }

    /// Documents are equal when their text is; revisions only serve layout caches.
    public static func == (a: TextDocument, b: TextDocument) -> Bool { a.lines == b.lines }

    public init() {}
    public init(_ text: String) { _ = apply(.insert(text, at: TextPosition(line: 0, column: 0))) }

    public var text: String { lines.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }
    public var end: TextPosition { TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count) }

    /// Clamps a position into the document.
    public func clamp(_ p: TextPosition) -> TextPosition {
        let l = min(max(0, p.line), lines.count - 1)
        return TextPosition(line: l, column: min(max(0, p.column), lines[l].count))
    }

    /// Applies an edit; returns the lines replaced (in the old numbering) and how many lines stand there now.
    @discardableResult
    public mutating func apply(_ edit: TextEdit) -> (replaced: Range<Int>, inserted: Int) {
        var a = clamp(edit.from), b = clamp(edit.to)
        if b < a { swap(&a, &b) }
        let first = lines[a.line], last = lines[b.line]
        let head = first.prefix(a.column)
        let tail = last.dropFirst(b.column)
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
        return (a.line..<(b.line + 1), newLines.count)
    }

    /// The position just after `text` inserted at `p`.
    public static func position(after text: String, insertedAt p: TextPosition) -> TextPosition {
        var line = p.line, col = p.column
        for ch in text {
            if ch == "\n" || ch == "\r\n" || ch == "\r" { line += 1; col = 0 } else { col += 1 }
        }
        return TextPosition(line: line, column: col)
    }

    /// Number of words in the document.
    public var wordCount: Int { lines.reduce(0) { $0 + $1.split(whereSeparator: { $0.isWhitespace }).count } }
}
