/// Text made of styled spans, wrapped and drawn by views such as the prompt pane and the report.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
}

/// A paragraph of spans; `indent` applies to continuation rows.
public struct StyledLine: Equatable, Sendable {
    public var spans: [Span]
    public var indent: Int
    public init(_ spans: [Span], indent: Int = 0) { self.spans = spans; self.indent = indent }
    public init(_ text: String, _ style: Style = .normal, indent: Int = 0) { self.init([Span(text, style)], indent: indent) }
    public static let blank = StyledLine([])
}

public enum StyledText {
    /// Wraps paragraphs into rows of spans no wider than `width`.
    public static func wrap(_ lines: [StyledLine], width: Int) -> [[Span]] {
        var out: [[Span]] = []
        for line in lines {
            var plain = ""
            for s in line.spans { plain += s.text }
            if plain.isEmpty { out.append([]); continue }
            // Where each span ends, in characters of `plain`: counted in bytes for printable ASCII,
            // in scalars where every scalar is a character of its own, and only otherwise by
            // walking characters, which costs far more.
            let unit: Unit = ASCIIScan.isPrintable(plain) ? .byte : (DisplayWidth.simpleCount(plain) != nil ? .scalar : .character)
            var ends: [Int] = []
            ends.reserveCapacity(line.spans.count)
            var total = 0
            for s in line.spans { total += unit.count(s.text); ends.append(total) }
            // The first row at the full width, the rest wrapped once at the indented width (a
            // greedy wrap starts each row afresh, so this is the same as wrapping row by row).
            let first = TextWrap.rows(plain, width: width)
            let head = first[0]
            out.append(styled(head.text, from: 0, line.spans, ends, indent: 0, unit: unit))
            guard first.count > 1 else { continue }
            let indent = min(line.indent, max(0, width - 8))
            let rest = String(plain[head.text.endIndex...])
            for r in TextWrap.rows(rest, width: width - indent) {
                out.append(styled(r.text, from: head.count + r.start, line.spans, ends, indent: indent, unit: unit))
            }
        }
        return out
    }

    /// A row's text (starting at character `from` of its paragraph) cut into the spans' styles,
    /// neighbours of one style merged, after `indent` spaces.
    /// What a paragraph's character offsets are counted in (all three agree on its text).
    enum Unit {
        case byte, scalar, character
        func count(_ s: String) -> Int {
            switch self {
            case .byte: return s.utf8.count
            case .scalar: return s.unicodeScalars.count
            case .character: return s.count
            }
        }
        func index(_ s: Substring, offsetBy n: Int) -> String.Index {
            switch self {
            case .byte: return s.utf8.index(s.startIndex, offsetBy: n, limitedBy: s.endIndex) ?? s.endIndex
            case .scalar: return s.unicodeScalars.index(s.startIndex, offsetBy: n, limitedBy: s.endIndex) ?? s.endIndex
            case .character: return s.index(s.startIndex, offsetBy: n, limitedBy: s.endIndex) ?? s.endIndex
            }
        }
    }

    static func styled(_ text: Substring, from: Int, _ spans: [Span], _ ends: [Int], indent: Int, unit: Unit = .character) -> [Span] {
        var out: [Span] = indent > 0 ? [Span(String(repeating: " ", count: indent))] : []
        var k = 0
        while k < ends.count && ends[k] <= from { k += 1 }
        guard k < ends.count else { return out }
        func add(_ t: Substring, _ st: Style) {
            if t.isEmpty { return }
            if out.count > (indent > 0 ? 1 : 0), out[out.count - 1].style == st { out[out.count - 1].text += t } else { out.append(Span(String(t), st)) }
        }
        // Most rows lie inside one span.
        var rest = text[...]
        var at = from
        while !rest.isEmpty && k < ends.count {
            let take = ends[k] - at
            let cut = unit.index(rest, offsetBy: take)
            add(rest[..<cut], spans[k].style)
            rest = rest[cut...]
            at = ends[k]
            k += 1
        }
        return out
    }

    /// Draws rows of spans into a rectangle starting at row `scroll`.
    public static func draw(_ rows: [[Span]], in rect: Rect, scroll: Int, frame: inout Frame) {
        for r in 0..<rect.height {
            let i = scroll + r
            guard i >= 0, i < rows.count else { break }
            var x = rect.x
            for s in rows[i] { x += frame.put(s.text, x: x, y: rect.y + r, style: s.style, clip: rect) }
        }
    }
}
