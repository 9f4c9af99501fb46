/// A sketch in forms other tools read: text as drawn, a Mermaid flowchart, Graphviz DOT.
public enum SketchExport {
    public enum Format: String, CaseIterable, Sendable {
        case text, mermaid, dot
        /// The usual file name extension.
        public var fileExtension: String {
            switch self {
            case .text: return "txt"
            case .mermaid: return "mmd"
            case .dot: return "dot"
            }
        }
    }

    /// The sketch in a format; `ascii` draws the text form with `+ - |` only.
    public static func render(_ sketch: Sketch, format: Format, ascii: Bool = false) -> String {
        switch format {
        case .text: return text(sketch, ascii: ascii)
        case .mermaid: return mermaid(sketch)
        case .dot: return dot(sketch)
        }
    }

    // MARK: text

    /// The sketch as drawn on screen (the same characters), cropped to what is drawn; "" when empty.
    public static func text(_ sketch: Sketch, ascii: Bool = false) -> String {
        let lines = textLines(sketch, ascii: ascii)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The text form as lines.
    public static func textLines(_ sketch: Sketch, ascii: Bool = false, layout: SketchLayout? = nil) -> [String] {
        if sketch.isEmpty { return [] }
        var l = layout ?? SketchLayout()
        l.update(sketch)
        let area = l.contentBounds(sketch)
        return SketchCanvas.render(sketch, layout: l, area: area, glyphs: ascii ? .ascii : .unicode).lines
    }

    // MARK: Mermaid

    /// A Mermaid flowchart: ids `n<id>` (never a keyword, never starting with `o` or `x`), every
    /// label quoted and escaped with entity codes; free text as borderless nodes.
    public static func mermaid(_ sketch: Sketch) -> String {
        var o = "flowchart LR\n"
        for b in sketch.sortedBoxes {
            let q = "\"" + mermaidEscape(b.label) + "\""
            let shape: String
            switch b.kind {
            case .service: shape = "[\(q)]"
            case .store: shape = "[(\(q))]"
            case .queue: shape = "[[\(q)]]"
            case .model: shape = "{{\(q)}}"
            case .client: shape = "([\(q)])"
            }
            o += "    n\(b.id)\(shape)\n"
        }
        for t in sketch.sortedTexts { o += "    n\(t.id)[\"\(mermaidEscape(t.text))\"]:::note\n" }
        for a in sketch.sortedArrows {
            guard sketch.boxes[a.from] != nil, sketch.boxes[a.to] != nil else { continue }
            if a.label.isEmpty { o += "    n\(a.from) --> n\(a.to)\n" }
            else { o += "    n\(a.from) -->|\"\(mermaidEscape(a.label))\"| n\(a.to)\n" }
        }
        if !sketch.texts.isEmpty { o += "    classDef note fill:none,stroke:none\n" }
        return o
    }

    /// Text safe inside a quoted Mermaid label: `#` (it starts entity codes), the quote, `&` and
    /// angle brackets (labels are HTML), and the characters that close edge labels or start markdown.
    static func mermaidEscape(_ s: String) -> String {
        var o = ""
        for ch in SketchText.clean(s) {
            switch ch {
            case "#": o += "#35;"
            case "&": o += "#38;"
            case "\"": o += "#quot;"
            case "<": o += "#lt;"
            case ">": o += "#gt;"
            case "|": o += "#124;"
            case "`": o += "#96;"
            default: o.append(ch)
            }
        }
        return o
    }

    // MARK: DOT

    /// Graphviz DOT (`dot -Tsvg` reads it): ids `n<id>`, labels as escaped strings, shapes by kind.
    public static func dot(_ sketch: Sketch) -> String {
        var o = "digraph sketch {\n    rankdir=LR;\n    node [shape=box, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\"];\n"
        for b in sketch.sortedBoxes {
            let shape: String
            switch b.kind {
            case .service: shape = "box"
            case .store: shape = "cylinder"
            case .queue: shape = "box3d"
            case .model: shape = "hexagon"
            case .client: shape = "ellipse"
            }
            o += "    n\(b.id) [label=\(dotString(b.label)), shape=\(shape)];\n"
        }
        for t in sketch.sortedTexts { o += "    n\(t.id) [label=\(dotString(t.text)), shape=plaintext];\n" }
        for a in sketch.sortedArrows {
            guard sketch.boxes[a.from] != nil, sketch.boxes[a.to] != nil else { continue }
            o += "    n\(a.from) -> n\(a.to)" + (a.label.isEmpty ? "" : " [label=\(dotString(a.label))]") + ";\n"
        }
        o += "}\n"
        return o
    }

    /// A double-quoted DOT string: backslashes doubled (so that `\N`, `\G`, `\l` in a label stay
    /// text), quotes escaped, no raw line breaks or control characters.
    static func dotString(_ s: String) -> String {
        var o = "\""
        for ch in SketchText.clean(s) {
            switch ch {
            case "\\": o += "\\\\"
            case "\"": o += "\\\""
            default: o.append(ch)
            }
        }
        return o + "\""
    }
}
