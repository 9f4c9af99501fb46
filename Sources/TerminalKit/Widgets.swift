/// Small drawing pieces shared by the screens.
public enum Widgets {
    /// A bordered pane with a title; returns the inner rectangle.
    @discardableResult
    public static func pane(_ rect: Rect, title: String, focused: Bool, glyphs: Glyphs, frame: inout Frame) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let style = focused ? Style(.focusBorder, bold: true) : Style(.border)
        frame.border(rect, glyphs: glyphs, style: style)
        paneTitle(rect, title: title, focused: focused, frame: &frame)
        return paneInner(rect)
    }

    /// Redraws only the top edge of a pane drawn by `pane`, with a new title.
    public static func paneTop(_ rect: Rect, title: String, focused: Bool, glyphs: Glyphs, frame: inout Frame) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        frame.borderTop(rect, glyphs: glyphs, style: focused ? Style(.focusBorder, bold: true) : Style(.border))
        paneTitle(rect, title: title, focused: focused, frame: &frame)
    }

    private static func paneTitle(_ rect: Rect, title: String, focused: Bool, frame: inout Frame) {
        if !title.isEmpty, rect.width > 6 {
            let t = " " + DisplayWidth.truncate(title, to: rect.width - 6) + " "
            frame.put(t, x: rect.x + 2, y: rect.y, style: focused ? Style(.focusBorder, bold: true) : Style(.title))
        }
    }

    /// The inside of a pane drawn by `pane` (for redrawing the inside alone).
    public static func paneInner(_ rect: Rect) -> Rect {
        rect.width >= 2 && rect.height >= 2 ? rect.inset(1) : Rect(x: rect.x, y: rect.y, width: 0, height: 0)
    }

    /// A one-row bar: left text, right text, filled with the style.
    public static func bar(_ rect: Rect, left: [Span], right: [Span], style: Style, frame: inout Frame) {
        guard rect.height >= 1, rect.width >= 1 else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        frame.fill(row, with: Cell(scalar: 0x20, style: style))
        let rw = right.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let rx = max(rect.x, rect.maxX - rw)
        var x = rect.x
        let leftClip = Rect(x: rect.x, y: rect.y, width: max(0, rx - rect.x - 1), height: 1)
        for s in left { x += frame.put(s.text, x: x, y: rect.y, style: s.style, clip: leftClip) }
        var x2 = rx
        for s in right { x2 += frame.put(s.text, x: x2, y: rect.y, style: s.style, clip: row) }
    }

    /// The status line: key hints that fit, then a message on the right.
    public static func statusLine(_ rect: Rect, items: [(keys: String, label: String)], message: String?, messageStyle: Style,
                                  frame: inout Frame) {
        let base = Style(.muted)
        frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: Cell(scalar: 0x20, style: base))
        let msg = message.map { DisplayWidth.truncate($0, to: max(0, rect.width / 2)) } ?? ""
        let limit = rect.maxX - DisplayWidth.of(msg) - (msg.isEmpty ? 0 : 1)
        var x = rect.x
        for it in items {
            let need = DisplayWidth.of(it.keys) + 1 + DisplayWidth.of(it.label) + 2
            if x + need > limit { break }
            x += frame.put(it.keys, x: x, y: rect.y, style: Style(.key, bold: true))
            x += frame.put(" " + it.label + "  ", x: x, y: rect.y, style: base)
        }
        if !msg.isEmpty { frame.put(msg, x: rect.maxX - DisplayWidth.of(msg), y: rect.y, style: messageStyle) }
    }

    /// A dialog box centred in `bounds`, cleared, with a title; returns the inner rectangle.
    @discardableResult
    public static func dialog(in bounds: Rect, width: Int, height: Int, title: String, glyphs: Glyphs, frame: inout Frame) -> Rect {
        let r = bounds.centered(width: width, height: height)
        frame.fill(r, with: Cell(scalar: 0x20, style: .normal))
        return pane(r, title: title, focused: true, glyphs: glyphs, frame: &frame)
    }

    /// A vertical scroll indicator on the right edge of `rect`.
    public static func scrollbar(_ rect: Rect, total: Int, visible: Int, offset: Int, glyphs: Glyphs, frame: inout Frame) {
        guard total > visible, rect.height >= 3 else { return }
        let h = rect.height
        let thumb = max(1, h * visible / total)
        let pos = min(h - thumb, (h - thumb) * offset / max(1, total - visible))
        let x = rect.maxX - 1
        for i in 0..<h {
            let g = (i >= pos && i < pos + thumb) ? glyphs.block : glyphs.vertical
            frame.put(g, x: x, y: rect.y + i, style: Style(i >= pos && i < pos + thumb ? .accent : .muted))
        }
    }

    /// The message shown instead of a screen when the terminal is too small.
    public static func tooSmall(size: Size, minimum: Size) -> Frame {
        var f = Frame(size: size)
        let lines = ["Enlarge the terminal", "to at least \(minimum.width)×\(minimum.height)", "(now \(size.width)×\(size.height)).", "Ctrl-Q quits."]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < size.height {
            let t = DisplayWidth.truncate(l, to: size.width)
            f.put(t, x: max(0, (size.width - DisplayWidth.of(t)) / 2), y: top + i, style: Style(i == 0 ? .warning : .normal, bold: i == 0))
        }
        return f
    }
}
