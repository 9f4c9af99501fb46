import InterviewKit
import TerminalKit

/// The multi-line editor of the notes pane: a cursor and a scroll position over a document the
/// session owns. Keys become `TextEdit`s for the engine; the editor never changes the text itself.
public struct NotesEditor: Sendable {
    public var cursor = TextPosition(line: 0, column: 0)
    /// The first visible screen row (counting wrapped rows from the top of the document).
    public private(set) var scrollRow = 0
    /// The column a vertical move tries to keep.
    var goalX: Int?
    var cache = WrapCache()

    public init() {}

    /// What a key came to: an edit for the engine, an undo or redo to ask of it, or a cursor move.
    public enum Outcome: Equatable { case edit(TextEdit), undo, redo, moved, ignored }

    // MARK: layout

    mutating func rows(_ doc: TextDocument, line: Int, width: Int) -> [TextWrap.Row] {
        cache.rows(doc.lines[line], revision: doc.revisions[line], width: width)
    }

    /// Screen rows before each line, kept while the document's line revisions stay the same,
    /// so that finding the cursor's row does not re-walk every line on every key.
    var rowStarts: [Int] = []
    var rowStartsRevisions: [Int] = []
    var rowStartsWidth = 0
    var rowCounts: [Int] = []

    /// The document version the row starts were computed for (-1: none yet).
    var rowStartsVersion = -1

    mutating func rowStart(_ doc: TextDocument, line: Int, width: Int) -> Int {
        if rowStartsWidth == width, rowStartsVersion != doc.version, let e = doc.lastInPlaceEdit,
           e.newRevision == doc.version, e.oldRevision == rowStartsVersion,
           rowStartsRevisions.count == doc.lines.count, rowCounts.count == doc.lines.count, rowStarts.count == doc.lines.count + 1,
           rowStartsRevisions[e.line] == e.oldRevision {
            // Typing on in the line typed in last: the document moved on from the version these
            // starts were made for by this one in-place edit, so no other line changed and only
            // this one is re-wrapped (not a walk over every line's revision on every key).
            let l = e.line
            let c = cache.rows(doc.lines[l], revision: doc.revisions[l], width: width, replacing: e.oldRevision).count
            if c != rowCounts[l] {
                let d = c - rowCounts[l]
                rowCounts[l] = c
                for k in (l + 1)..<rowStarts.count { rowStarts[k] += d }
            }
            rowStartsRevisions[l] = doc.revisions[l]
            rowStartsVersion = doc.version
        }
        if rowStartsWidth != width || rowStartsVersion != doc.version {
            let n = doc.lines.count
            // Lines whose revision is unchanged keep their row count; only edited lines are re-wrapped,
            // and when no line's row count changed (the usual key press) the starts stay as they are.
            let reuse = rowStartsWidth == width && rowStartsRevisions.count == n && rowCounts.count == n
            var shifted = !reuse
            if !reuse { rowCounts = [Int](repeating: 0, count: n) }
            for l in 0..<n where !reuse || rowStartsRevisions[l] != doc.revisions[l] {
                // An edited line: its old rows are reused where the edit left them alone.
                let old = reuse ? rowStartsRevisions[l] : nil
                let c = cache.rows(doc.lines[l], revision: doc.revisions[l], width: width, replacing: old).count
                if c != rowCounts[l] { rowCounts[l] = c; shifted = true }
            }
            if shifted || rowStarts.count != n + 1 {
                var starts = [Int](repeating: 0, count: n + 1)
                for l in 0..<n { starts[l + 1] = starts[l] + rowCounts[l] }
                rowStarts = starts
            }
            rowStartsRevisions = doc.revisions
            rowStartsWidth = width
            rowStartsVersion = doc.version
        }
        return rowStarts[line]
    }

    /// The last answer of `visualCursor`, which a key press asks for twice (to scroll, to draw).
    var visualCache: (version: Int, cursor: TextPosition, width: Int, row: Int, x: Int)?

    /// The screen row (from the document top) and column of the cursor.
    mutating func visualCursor(_ doc: TextDocument, width: Int) -> (row: Int, x: Int) {
        if let v = visualCache, v.version == doc.version, v.cursor == cursor, v.width == width {
            return (v.row, v.x)
        }
        let found = findVisualCursor(doc, width: width)
        visualCache = (doc.version, cursor, width, found.row, found.x)
        return found
    }

    mutating func findVisualCursor(_ doc: TextDocument, width: Int) -> (row: Int, x: Int) {
        let c = doc.clamp(cursor)
        let row = rowStart(doc, line: c.line, width: width)
        let rs = rows(doc, line: c.line, width: width)
        var k = rs.count - 1
        for (i, r) in rs.enumerated() where c.column < r.start + r.count || i == rs.count - 1 {
            // a cursor at a wrap point belongs to the next row
            if c.column < r.start + r.count || (i == rs.count - 1) { k = i; break }
        }
        let r = rs[k]
        // A row of one-byte characters (ASCII) is one column each: no walk over its characters.
        let x = r.text.utf8.count == r.count ? c.column - r.start : DisplayWidth.of(r.text.prefix(c.column - r.start))
        return (row + k, x)
    }

    /// Total screen rows of the document.
    mutating func totalRows(_ doc: TextDocument, width: Int) -> Int {
        rowStart(doc, line: doc.lines.count, width: width)
    }

    /// The position at screen row `row`, column `x` (clamped).
    mutating func position(atRow row: Int, x: Int, _ doc: TextDocument, width: Int) -> TextPosition {
        var remaining = max(0, row)
        for l in 0..<doc.lines.count {
            let rs = rows(doc, line: l, width: width)
            if remaining < rs.count {
                let r = rs[remaining]
                var used = 0, col = 0
                for ch in r.text {
                    let w = DisplayWidth.of(ch)
                    if used + w > x { break }
                    used += w; col += 1
                }
                // on a wrapped row (not the last), stay before the wrap point
                if remaining < rs.count - 1 && col >= r.count && r.count > 0 { col = r.count - 1 }
                return TextPosition(line: l, column: r.start + col)
            }
            remaining -= rs.count
        }
        return doc.end
    }

    /// Scrolls so that the cursor is visible in a pane `height` rows tall.
    public mutating func reveal(_ doc: TextDocument, width: Int, height: Int) {
        guard width > 0, height > 0 else { return }
        let v = visualCursor(doc, width: width)
        if v.row < scrollRow { scrollRow = v.row }
        if v.row >= scrollRow + height { scrollRow = v.row - height + 1 }
        scrollRow = max(0, scrollRow)
    }

    /// Puts the cursor at the end of the document (after a follow-up is quoted).
    public mutating func moveToEnd(_ doc: TextDocument) { cursor = doc.end; goalX = nil }

    /// Puts the cursor at `p` (where an undo or redo changed the text).
    public mutating func place(_ p: TextPosition, in doc: TextDocument) { cursor = doc.clamp(p); goalX = nil }

    // MARK: words

    /// Letters (accented or not, any script), digits and `_` make words; everything else, line
    /// breaks included, is between words.
    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// The start of the word before `p` (over what is between words, across lines).
    public static func wordLeft(from p: TextPosition, in doc: TextDocument) -> TextPosition {
        let p = doc.clamp(p)
        var line = p.line, col = p.column
        var chars = Array(doc.lines[line])
        while true {
            if col == 0 {
                if line == 0 { return TextPosition(line: 0, column: 0) }
                line -= 1
                chars = Array(doc.lines[line])
                col = chars.count
                continue
            }
            if isWordCharacter(chars[col - 1]) { break }
            col -= 1
        }
        while col > 0 && isWordCharacter(chars[col - 1]) { col -= 1 }
        return TextPosition(line: line, column: col)
    }

    /// The end of the word after `p` (over what is between words, across lines).
    public static func wordRight(from p: TextPosition, in doc: TextDocument) -> TextPosition {
        let p = doc.clamp(p)
        var line = p.line, col = p.column
        var chars = Array(doc.lines[line])
        while true {
            if col == chars.count {
                if line == doc.lines.count - 1 { return TextPosition(line: line, column: col) }
                line += 1
                chars = Array(doc.lines[line])
                col = 0
                continue
            }
            if isWordCharacter(chars[col]) { break }
            col += 1
        }
        while col < chars.count && isWordCharacter(chars[col]) { col += 1 }
        return TextPosition(line: line, column: col)
    }

    /// A key of the notes table (`Keymaps.notes`).
    mutating func perform(_ action: NotesAction, doc: TextDocument) -> Outcome {
        let c = cursor
        goalX = nil
        switch action {
        case .undo: return .undo
        case .redo: return .redo
        case .wordLeft: cursor = NotesEditor.wordLeft(from: c, in: doc); return .moved
        case .wordRight: cursor = NotesEditor.wordRight(from: c, in: doc); return .moved
        case .deleteWordBefore:
            let p = NotesEditor.wordLeft(from: c, in: doc)
            return p == c ? .ignored : .edit(.delete(from: p, to: c))
        case .deleteWordAfter:
            let p = NotesEditor.wordRight(from: c, in: doc)
            return p == c ? .ignored : .edit(.delete(from: c, to: p))
        case .lineStart: cursor.column = 0; return .moved
        case .lineEnd: cursor.column = doc.length(ofLine: c.line); return .moved
        }
    }

    // MARK: keys

    /// Handles an editing key for a pane of the given inner size.
    public mutating func handle(_ key: Key, doc: TextDocument, width: Int, height: Int) -> Outcome {
        cursor = doc.clamp(cursor)
        if let a = Keymaps.notes.action(for: key) { return perform(a, doc: doc) }
        let c = cursor
        switch key {
        case .char(let ch):
            goalX = nil
            return .edit(.insert(String(ch), at: c))
        case .text(let s):
            goalX = nil
            return .edit(.insert(s, at: c))
        case .enter:
            goalX = nil
            return .edit(.insert("\n", at: c))
        case .backspace:
            goalX = nil
            if c.column > 0 { return .edit(.delete(from: TextPosition(line: c.line, column: c.column - 1), to: c)) }
            if c.line > 0 { return .edit(.delete(from: TextPosition(line: c.line - 1, column: doc.length(ofLine: c.line - 1)), to: c)) }
            return .ignored
        case .delete:
            goalX = nil
            if c.column < doc.length(ofLine: c.line) { return .edit(.delete(from: c, to: TextPosition(line: c.line, column: c.column + 1))) }
            if c.line + 1 < doc.lines.count { return .edit(.delete(from: c, to: TextPosition(line: c.line + 1, column: 0))) }
            return .ignored
        case .left:
            goalX = nil
            if c.column > 0 { cursor.column -= 1 } else if c.line > 0 { cursor = TextPosition(line: c.line - 1, column: doc.length(ofLine: c.line - 1)) }
            return .moved
        case .right:
            goalX = nil
            if c.column < doc.length(ofLine: c.line) { cursor.column += 1 } else if c.line + 1 < doc.lines.count { cursor = TextPosition(line: c.line + 1, column: 0) }
            return .moved
        case .up, .down, .pageUp, .pageDown:
            let v = visualCursor(doc, width: width)
            let x = goalX ?? v.x
            let step: Int
            switch key {
            case .up: step = -1
            case .down: step = 1
            case .pageUp: step = -max(1, height - 1)
            default: step = max(1, height - 1)
            }
            let total = totalRows(doc, width: width)
            let target = min(max(0, v.row + step), total - 1)
            if key == .pageUp || key == .pageDown { scrollRow = max(0, min(scrollRow + step, max(0, total - height))) }
            cursor = position(atRow: target, x: x, doc, width: width)
            goalX = x
            return .moved
        case .home:
            goalX = nil
            let v = visualCursor(doc, width: width)
            cursor = position(atRow: v.row, x: 0, doc, width: width)
            return .moved
        case .end:
            goalX = nil
            let rs = rows(doc, line: c.line, width: width)
            if let r = rs.first(where: { c.column >= $0.start && c.column < $0.start + $0.count }), r.start + r.count < doc.length(ofLine: c.line) {
                cursor.column = r.start + r.count - 1
            } else {
                cursor.column = doc.length(ofLine: c.line)
            }
            return .moved
        default:
            return .ignored
        }
    }

    /// After an edit the engine applied: where the cursor goes.
    public mutating func didApply(_ edit: TextEdit) {
        if edit.text.isEmpty { cursor = min(edit.from, edit.to) } else {
            cursor = TextDocument.position(after: edit.text, insertedAt: min(edit.from, edit.to))
        }
    }

    // MARK: drawing

    /// What each screen row of the pane showed at the last draw: the line's revision and the row
    /// within the line (revision -1: a blank row below the text).
    struct ShownRow: Equatable { var revision: Int, row: Int }
    /// The text and style each screen row showed, so that an edited paragraph whose rows did not
    /// all change (typing at its end) redraws only the rows that did.
    var shownText: [(text: Substring, quote: Bool)?] = []
    var shownRows: [ShownRow] = []
    var shownRect: Rect?

    /// Draws the visible rows; returns the cursor's screen position when it is inside `rect`.
    /// With `reuse`, `frame` still holds what this editor drew there last time, and only the rows
    /// that show something else now are redrawn (typing usually changes one paragraph's rows).
    public mutating func draw(_ doc: TextDocument, in rect: Rect, frame: inout Frame, reuse: Bool = false) -> Point? {
        guard rect.width > 0, rect.height > 0 else { return nil }
        let width = rect.width
        if !reuse || shownRect != rect || shownRows.count != rect.height {
            shownRows = Array(repeating: ShownRow(revision: -2, row: 0), count: rect.height)
            shownText = Array(repeating: nil, count: rect.height)
            shownRect = rect
        }
        // find the first line on screen (binary search in the row starts)
        _ = rowStart(doc, line: 0, width: width)
        var lo = 0, hi = doc.lines.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if rowStarts[mid] <= scrollRow { lo = mid } else { hi = mid - 1 }
        }
        var line = lo
        let row = rowStarts[line]
        if row + rowCounts[line] <= scrollRow { line = doc.lines.count }
        var k = scrollRow - row   // the row within `line` at the top of the pane
        var y = 0
        while y < rect.height {
            let shown = line < doc.lines.count ? ShownRow(revision: doc.revisions[line], row: k) : ShownRow(revision: -1, row: 0)
            if shownRows[y] != shown {
                shownRows[y] = shown
                var now: (text: Substring, quote: Bool)?
                if line < doc.lines.count {
                    now = (rows(doc, line: line, width: width)[k].text, CoverageIndex.isQuote(doc.lines[line]))
                }
                let same = reuse && {
                    guard let a = shownText[y], let b = now else { return shownText[y] == nil && now == nil }
                    return a.quote == b.quote && a.text == b.text
                }()
                if !same {
                    shownText[y] = now
                    if reuse { frame.fill(Rect(x: rect.x, y: rect.y + y, width: rect.width, height: 1)) }
                    if let n = now {
                        frame.put(n.text, x: rect.x, y: rect.y + y, style: n.quote ? Style(.quote, bold: true) : .normal, clip: rect)
                    }
                }
            }
            y += 1
            if line < doc.lines.count {
                k += 1
                if k >= rowCounts[line] { line += 1; k = 0 }
            }
        }
        let v = visualCursor(doc, width: width)
        let cy = rect.y + v.row - scrollRow
        let cx = rect.x + min(v.x, width - 1)
        return (cy >= rect.y && cy < rect.maxY) ? Point(x: cx, y: cy) : nil
    }
}
