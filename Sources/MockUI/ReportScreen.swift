import InterviewKit
import TerminalKit

/// The end-of-interview report, scrollable.
public struct ReportScreen: Sendable {
    public let report: Report
    public var savedPath: String?
    public var saveError: String?
    var scroll = 0
    var showHelp = false
    var height = 24

    public init(report: Report) { self.report = report }

    public enum Outcome: Equatable, Sendable { case none, quit }

    public mutating func handle(_ key: Key) -> Outcome {
        if showHelp { showHelp = false; return .none }
        guard let a = Keymaps.reader.action(for: key) else { return .none }
        let page = max(1, height - 4)
        switch a {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - page)
        case .pageDown: scroll += page
        case .top: scroll = 0
        case .bottom: scroll = Int.max / 2
        case .help: showHelp = true
        case .quit: return .quit
        }
        return .none
    }

    /// The report as paragraphs; drawings (the sketch, the reference architecture) are cut at `width` instead of wrapped.
    public func lines(glyphs g: Glyphs, width: Int = .max) -> [StyledLine] {
        let r = report
        var o: [StyledLine] = []
        let h = Style(.title, bold: true)
        o.append(StyledLine("\(r.title): your report", h))
        o.append(StyledLine("\(r.minutes) min · level \(r.level.rawValue) · time used \(Report.clock(r.elapsed)) · hints \(r.hintsUsed) · follow-ups \(r.followUps.count) · questions \(r.clarifications.count)", .role(.muted)))
        if let p = savedPath { o.append(StyledLine([Span("Saved to "), Span(p, .role(.accent))])) }
        if let e = saveError { o.append(StyledLine(e, Style(.danger, bold: true))) }
        o.append(.blank)
        o.append(StyledLine("Time per stage", h))
        for s in r.stages {
            let over = s.spent > s.budget
            let name = s.title + String(repeating: " ", count: max(1, 24 - DisplayWidth.of(s.title)))
            o.append(StyledLine([Span("  " + name), Span(Report.clock(s.spent), Style(over ? .danger : .normal, bold: over)),
                                 Span(" of " + Report.clock(s.budget), .role(.muted)),
                                 Span("   \(s.covered.count)/\(s.covered.count + s.missed.count) points", .role(s.coveredFraction >= 0.75 ? .success : .normal))]))
        }
        o.append(.blank)
        o.append(StyledLine("What a strong answer covers", h))
        for s in r.stages {
            o.append(StyledLine(s.title, Style(.accent, bold: true)))
            for c in s.covered { o.append(StyledLine([Span("  \(g.check) ", Style(.success, bold: true)), Span(c)], indent: 4)) }
            for m in s.missed {
                o.append(StyledLine([Span("  \(g.cross_mark) ", Style(.danger, bold: true)), Span(m.point, .normal), Span(": " + m.answer, .role(.muted))], indent: 4))
            }
            if s.hintsUsed > 0 { o.append(StyledLine("    hints used: \(s.hintsUsed) of \(s.hintsAvailable)", .role(.warning))) }
        }
        o.append(.blank)
        o.append(StyledLine("Follow-up questions", h))
        if r.followUps.isEmpty { o.append(StyledLine("  None were asked.", .role(.muted))) }
        for f in r.followUps {
            o.append(StyledLine([Span("  \(Report.clock(f.at)) ", .role(.muted)), Span(f.ask),
                                 Span(f.answered ? "  answered" : "  not answered", Style(f.answered ? .success : .danger, bold: true))], indent: 8))
        }
        o.append(.blank)
        o.append(StyledLine("Clarifying questions", h))
        if r.clarifications.isEmpty { o.append(StyledLine("  None were asked.", .role(.muted))) }
        for c in r.clarifications {
            o.append(StyledLine([Span("  Q: ", Style(.key, bold: true)), Span(c.question)], indent: 5))
            o.append(StyledLine([Span("  A: ", Style(.quote, bold: true)), Span(c.answer, .role(.quote))], indent: 5))
        }
        o.append(.blank)
        o.append(StyledLine("Pitfalls", h))
        if r.pitfalls.isEmpty { o.append(StyledLine("  None found.", .role(.success))) }
        for p in r.pitfalls { o.append(StyledLine([Span("  ! ", Style(.warning, bold: true)), Span(p.text)], indent: 4)) }
        o.append(.blank)
        o.append(StyledLine("Rubric: an automatic estimate from coverage and hints, not a verdict", h))
        for a in r.rubric {
            o.append(StyledLine([Span("  \(a.title): ", .normal), Span("\(a.score)/4 \(a.label)", Style(a.score >= 3 ? .success : .warning, bold: true))], indent: 4))
            o.append(StyledLine("    " + a.looksLike, .role(.muted), indent: 4))
        }
        func drawing(_ rows: [String], _ style: Style) {
            for row in rows { o.append(StyledLine("  " + DisplayWidth.truncate(row, to: max(1, width - 2)), style)) }
        }
        if let sk = r.sketch {
            o.append(.blank)
            o.append(StyledLine("Your sketch", h))
            drawing(SketchExport.textLines(sk, ascii: !g.isUnicode), .normal)
        }
        if let ref = r.referenceArchitecture {
            o.append(.blank)
            o.append(StyledLine("Reference architecture: one strong design, to compare with yours", h))
            drawing(ref.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), .role(.muted))
        }
        return o
    }

    public mutating func view(size: Size, glyphs: Glyphs) -> Frame {
        if size.width < 40 || size.height < 10 { return Widgets.tooSmall(size: size, minimum: Size(width: 40, height: 10)) }
        height = size.height
        var f = Frame(size: size)
        let all = Rect(size)
        let (header, rest) = all.splitTop(1)
        let (body, status) = rest.splitBottom(1)
        Widgets.bar(header, left: [Span(" Report · \(report.title)", Style(.header, bold: true))],
                    right: [Span(report.finished ? "finished " : "not finished ", .role(.header))], style: .role(.header), frame: &f)
        let inner = body.inset(left: 1, right: 1)
        let rows = StyledText.wrap(lines(glyphs: glyphs, width: inner.width - 1), width: inner.width - 1)
        scroll = min(scroll, max(0, rows.count - inner.height))
        StyledText.draw(rows, in: inner, scroll: scroll, frame: &f)
        Widgets.scrollbar(Rect(x: body.x, y: body.y, width: body.width, height: body.height), total: rows.count, visible: body.height, offset: scroll, glyphs: glyphs, frame: &f)
        Widgets.statusLine(status, items: Keymaps.reader.statusItems, message: "\(min(rows.count, scroll + inner.height))/\(rows.count)", messageStyle: .role(.muted), frame: &f)
        if showHelp { HelpOverlay.draw(lines: HelpOverlay.keymapLines(Keymaps.reader), scroll: 0, in: all, glyphs: glyphs, frame: &f) }
        return f
    }
}
