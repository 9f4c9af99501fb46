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
            let plain = line.spans.map(\.text).joined()
            if plain.isEmpty { out.append([]); continue }
            // Style of each character offset.
            var styles: [Style] = []
            styles.reserveCapacity(plain.count)
            for s in line.spans { for _ in s.text { styles.append(s.style) } }
            var first = true
            var rest = plain
            var restOffset = 0
            while true {
                let indent = first ? 0 : min(line.indent, max(0, width - 8))
                let rows = TextWrap.rows(rest, width: width - indent)
                let row = rows[0]
                var spans: [Span] = indent > 0 ? [Span(String(repeating: " ", count: indent))] : []
                var cur = "", curStyle: Style? = nil
                for (k, ch) in row.text.enumerated() {
                    let st = styles[restOffset + k]
                    if st != curStyle, let cs = curStyle { spans.append(Span(cur, cs)); cur = "" }
                    curStyle = st; cur.append(ch)
                }
                if let cs = curStyle, !cur.isEmpty { spans.append(Span(cur, cs)) }
                out.append(spans)
                if rows.count == 1 { break }
                restOffset += row.count
                rest = String(rest.dropFirst(row.count))
                first = false
            }
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
