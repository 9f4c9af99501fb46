import TerminalKit

/// The help overlay, drawn from the key tables.
public enum HelpOverlay {
    public static func practiceLines() -> [StyledLine] {
        var lines = keymapLines(Keymaps.practice)
        lines.append(StyledLine("Notes pane (editing)", Style(.title, bold: true)))
        for e in Keymaps.editing { lines.append(row(e.keys, e.help)) }
        for b in Keymaps.notes.groups.flatMap(\.bindings) { lines.append(row(b.keys.map(\.description).joined(separator: ", "), b.help)) }
        lines.append(.blank)
        lines.append(StyledLine("Follow-ups arrive as the stage goes on; each is quoted in your notes, so write the answer under it. F6 answers from the interviewer's facts; when nothing matches, make an assumption and say it.", .role(.muted)))
        return lines
    }

    public static func keymapLines<A>(_ map: Keymap<A>) -> [StyledLine] {
        var lines: [StyledLine] = []
        for (name, bindings) in map.groups {
            lines.append(StyledLine(name, Style(.title, bold: true)))
            for b in bindings { lines.append(row(b.keys.map(\.description).joined(separator: ", "), b.help)) }
            lines.append(.blank)
        }
        return lines
    }

    static func row(_ keys: String, _ help: String) -> StyledLine {
        let pad = String(repeating: " ", count: max(1, 24 - DisplayWidth.of(keys)))
        return StyledLine([Span("  " + keys, Style(.key, bold: true)), Span(pad + help)], indent: 26)
    }

    public static func draw(lines: [StyledLine], scroll: Int, in bounds: Rect, glyphs: Glyphs, frame: inout Frame) {
        let w = min(bounds.width - 2, 84), h = min(bounds.height - 2, 30)
        let inner = Widgets.dialog(in: bounds, width: w, height: h, title: "Help · any key closes", glyphs: glyphs, frame: &frame)
        let rows = StyledText.wrap(lines, width: inner.width - 2)
        let s = min(scroll, max(0, rows.count - inner.height))
        StyledText.draw(rows, in: inner.inset(left: 1), scroll: s, frame: &frame)
        Widgets.scrollbar(inner, total: rows.count, visible: inner.height, offset: s, glyphs: glyphs, frame: &frame)
        frame.cursor = nil
    }
}
