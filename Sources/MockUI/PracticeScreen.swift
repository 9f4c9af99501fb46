import InterviewKit
import TerminalKit

/// The timed mock interview: header with clocks, prompt pane, notes editor, sketch pane, status line.
public struct PracticeScreen: Sendable {
    public enum Pane: Int, CaseIterable, Sendable { case notes, prompt, sketch }
    public enum Overlay: Equatable, Sendable { case help, confirmEnd, ask(String) }

    public private(set) var engine: Engine
    /// Program time at which the session started; the engine gets times relative to it.
    public let origin: Double
    public private(set) var editors: [NotesEditor]
    public private(set) var focus: Pane = .notes
    public private(set) var overlay: Overlay?
    var promptScroll = 0
    var helpScroll = 0
    var message: (text: String, role: Role)?
    var messageAt: Double = 0
    /// The size of the last layout, so that keys can move by screen rows.
    var size = Size(width: 80, height: 24)

    public init(scenario: Scenario, settings: Settings, at now: Double) {
        engine = Engine(scenario: scenario, settings: settings)
        origin = now
        editors = Array(repeating: NotesEditor(), count: scenario.stages.count)
        initialEvents = engine.handle(.start, at: 0)
    }

    /// What starting the session produced, for the recorder.
    public private(set) var initialEvents: [Event] = []

    public var session: Session { engine.session }

    /// Result of handling one input.
    public struct Outcome: Sendable {
        public var events: [Event] = []
        public var ended = false
    }

    // MARK: update

    public mutating func tick(at now: Double) -> Outcome {
        var out = Outcome()
        out.events = run(.tick, at: now)
        if let m = message, now - messageAt > 6, m.role != .danger { message = nil }
        return out
    }

    public mutating func resize(_ s: Size) { size = s }

    public mutating func handle(_ key: Key, at now: Double) -> Outcome {
        var out = Outcome()
        if let o = overlay { return handleOverlay(o, key, at: now) }
        if session.paused, let a = Keymaps.practice.action(for: key), a != .pause, a != .end, a != .help {
            say("Paused: press F3 (or Alt-p) to resume.", .warning, at: now)
            return out
        }
        if let action = Keymaps.practice.action(for: key) {
            switch action {
            case .nextPane: focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count)!
            case .previousPane: focus = Pane(rawValue: (focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
            case .nextStage: out.events = run(.nextStage, at: now)
            case .previousStage: out.events = run(.previousStage, at: now)
            case .help: overlay = .help; helpScroll = 0
            case .hint: out.events = run(.revealHint, at: now); if !out.events.isEmpty { promptScroll = 0 }
            case .pause: out.events = run(.togglePause, at: now)
            case .ask: overlay = .ask("")
            case .end: overlay = .confirmEnd
            }
            return out
        }
        switch focus {
        case .notes:
            let i = session.stageIndex
            let l = layout(size)
            switch editors[i].handle(key, doc: session.notes[i], width: l.notesInner.width, height: l.notesInner.height) {
            case .edit(let e):
                out.events = run(.edit(e), at: now)
                if out.events.contains(where: { if case .notesEdited = $0.kind { return true }; return false }) {
                    editors[i].didApply(e)
                }
            case .moved, .ignored: break
            }
            editors[i].reveal(session.notes[i], width: l.notesInner.width, height: l.notesInner.height)
        case .prompt:
            switch key {
            case .up: promptScroll = max(0, promptScroll - 1)
            case .down: promptScroll += 1
            case .pageUp: promptScroll = max(0, promptScroll - max(1, layout(size).prompt.height - 3))
            case .pageDown: promptScroll += max(1, layout(size).prompt.height - 3)
            case .home: promptScroll = 0
            case .char, .text: say("The prompt pane is read-only: Tab moves to the notes.", .muted, at: now)
            default: break
            }
        case .sketch:
            if case .char = key { say("The sketch pane arrives in a later version: Tab moves to the notes.", .muted, at: now) }
        }
        return out
    }

    mutating func handleOverlay(_ o: Overlay, _ key: Key, at now: Double) -> Outcome {
        var out = Outcome()
        switch o {
        case .help:
            switch key {
            case .up: helpScroll = max(0, helpScroll - 1)
            case .down: helpScroll += 1
            case .pageUp: helpScroll = max(0, helpScroll - 10)
            case .pageDown, .char(" "): helpScroll += 10
            case .ctrl("q"), .ctrl("c"), .function(10): overlay = .confirmEnd
            default: overlay = nil
            }
        case .confirmEnd:
            switch key {
            case .char("y"), .char("Y"):
                overlay = nil
                out.events = run(.end, at: now)
                out.ended = true
            case .char("n"), .char("N"), .escape, .enter:
                overlay = nil
            case .ctrl("q"), .ctrl("c"), .function(10):
                break
            default:
                break
            }
        case .ask(var text):
            switch key {
            case .escape: overlay = nil
            case .enter:
                overlay = nil
                out.events = run(.askClarification(text), at: now)
                if !out.events.isEmpty { promptScroll = 0 }
            case .backspace: if !text.isEmpty { text.removeLast() }; overlay = .ask(text)
            case .char(let c): text.append(c); overlay = .ask(text)
            case .text(let s): text += s.replacingOccurrences(of: "\n", with: " "); overlay = .ask(text)
            case .ctrl("u"): overlay = .ask("")
            case .ctrl("q"), .ctrl("c"): overlay = nil
            default: break
            }
        }
        return out
    }

    /// Sends a command to the engine at program time `now`; keeps the cursor right after follow-ups.
    mutating func run(_ c: Command, at now: Double) -> [Event] {
        let events = engine.handle(c, at: now - origin)
        if let r = engine.refusal { say(r.message, .warning, at: now) }
        for e in events {
            switch e.kind {
            case .followUpAsked(let stage, _):
                editors[stage].moveToEnd(session.notes[stage])
                promptScroll = 0
                say("The interviewer asks a follow-up.", .highlight, at: now)
            case .stageOverrun:
                say("This stage is over its budget: wrap up and move on (Ctrl-N).", .danger, at: now)
            case .stageEntered(let i) where c != .start:
                promptScroll = 0
                say("Stage \(i + 1): \(session.scenario.stages[i].title)", .accent, at: now)
            case .paused: say("Paused. F3 resumes.", .warning, at: now)
            case .resumed: message = nil
            default: break
            }
        }
        let l = layout(size)
        let i = session.stageIndex
        editors[i].reveal(session.notes[i], width: l.notesInner.width, height: l.notesInner.height)
        return events
    }

    mutating func say(_ text: String, _ role: Role, at now: Double) { message = (text, role); messageAt = now }

    // MARK: layout

    /// The smallest size at which the practice screen is drawn.
    public static let minimumSize = Size(width: 60, height: 18)

    struct Layout {
        var header: Rect, tabs: Rect, prompt: Rect, sketch: Rect, notes: Rect, status: Rect
        var notesInner: Rect { notes.inset(1) }
    }

    func layout(_ size: Size) -> Layout {
        let all = Rect(size)
        let (header, rest1) = all.splitTop(1)
        let (tabs, rest2) = rest1.splitTop(1)
        let (body, status) = rest2.splitBottom(1)
        let leftWidth = max(28, min(size.width * 2 / 5, 70))
        let (left, notes) = body.splitLeft(leftWidth)
        let sketchH = max(5, left.height * 2 / 5)
        let (prompt, sketch) = left.splitBottom(sketchH)
        return Layout(header: header, tabs: tabs, prompt: prompt, sketch: sketch, notes: notes, status: status)
    }

    // MARK: view

    public mutating func view(size: Size, at now: Double, glyphs: Glyphs) -> Frame {
        if size.width < Self.minimumSize.width || size.height < Self.minimumSize.height {
            return Widgets.tooSmall(size: size, minimum: Self.minimumSize)
        }
        self.size = size
        var f = Frame(size: size)
        let l = layout(size)
        let s = session
        let t = now - origin
        drawHeader(&f, l.header, t)
        drawTabs(&f, l.tabs, t, glyphs)
        drawPrompt(&f, l.prompt, glyphs)
        let sk = Widgets.pane(l.sketch, title: "Sketch", focused: focus == .sketch, glyphs: glyphs, frame: &f)
        StyledText.draw(StyledText.wrap([StyledLine("Reserved for the architecture sketch (boxes and arrows), coming in a later version.", .role(.muted))], width: sk.width), in: sk, scroll: 0, frame: &f)
        let i = s.stageIndex
        let words = s.notes[i].wordCount
        let inner = Widgets.pane(l.notes, title: "Notes · \(s.stage.title) · \(words) word\(words == 1 ? "" : "s")", focused: focus == .notes, glyphs: glyphs, frame: &f)
        if s.paused {
            f.put("Paused: the clock is stopped. F3 resumes.", x: inner.x + 1, y: inner.y + inner.height / 2, style: Style(.warning, bold: true), clip: inner)
        } else {
            let cur = editors[i].draw(s.notes[i], in: inner, frame: &f)
            if s.notes[i].isEmpty && focus == .notes {
                f.put("Type your answer here…", x: inner.x, y: inner.y, style: .role(.muted), clip: inner)
            }
            if focus == .notes { f.cursor = cur }
        }
        Widgets.statusLine(l.status, items: Keymaps.practice.statusItems, message: message?.text,
                           messageStyle: Style(message?.role ?? .normal, bold: true), frame: &f)
        if let o = overlay { drawOverlay(o, &f, glyphs) }
        return f
    }

    func drawHeader(_ f: inout Frame, _ r: Rect, _ t: Double) {
        let s = session
        let stageSpan = Span(" Stage \(s.stageIndex + 1)/\(s.scenario.stages.count) · \(s.stage.title)", Style(.header, bold: true))
        let left2 = s.stageLeft(at: t)
        let over = left2 < 0
        let stageText = over ? "over by \(Report.clock(-left2))" : "\(Report.clock(left2)) left"
        let elapsed = s.elapsed(at: t)
        let right = [Span(s.paused ? "PAUSED " : "", Style(.warning, bold: true, reverse: true)),
                     Span("\(Report.clock(elapsed)) / \(Report.clock(s.totalBudget))  ", .role(.header)),
                     Span(" stage " + stageText + " ", Style(over ? .danger : (left2 < 60 ? .warning : .success), bold: true, reverse: over))]
        // The case title goes first when it fits; the stage always shows.
        let rightWidth = right.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let title = Span(" " + s.scenario.title + " ·", .role(.header))
        let full = DisplayWidth.of(title.text) + DisplayWidth.of(stageSpan.text) + rightWidth + 1
        let left = full <= r.width ? [title, stageSpan] : [stageSpan]
        Widgets.bar(r, left: left, right: right, style: .role(.header), frame: &f)
    }

    static let shortNames: [StageKind: String] = [.clarify: "Clarify", .frame: "Frame", .data: "Data", .model: "Model",
                                                  .evaluation: "Eval", .serving: "Serving", .monitoring: "Monitor"]

    func drawTabs(_ f: inout Frame, _ r: Rect, _ t: Double, _ g: Glyphs) {
        let s = session
        var x = r.x
        for (i, st) in s.scenario.stages.enumerated() {
            let c = s.coverageCount(stage: i)
            let name = " \(i + 1) \(Self.shortNames[st.kind] ?? st.title) \(c.covered)/\(c.total) "
            let spent = s.stageSpent(i, at: t)
            let style: Style
            if i == s.stageIndex { style = Style(.selection, bold: true) }
            else if spent > s.budget(i) { style = .role(.danger) }
            else if spent > 0 { style = .role(.normal) }
            else { style = .role(.muted) }
            if x + DisplayWidth.of(name) > r.maxX { break }
            x += f.put(name, x: x, y: r.y, style: style, clip: r)
        }
    }

    func promptLines() -> [StyledLine] {
        let s = session
        var lines: [StyledLine] = []
        if let a = s.currentFollowUp, let fu = s.followUp(a) {
            lines.append(StyledLine([Span("Follow-up: ", Style(.highlight, bold: true)), Span(fu.ask, Style(.highlight, bold: true))], indent: 2))
            lines.append(StyledLine("Answer under the quoted line in your notes.", .role(.muted)))
            lines.append(.blank)
        }
        lines.append(StyledLine(s.stage.prompt, .normal))
        let shown = s.hintsShown[s.stageIndex]
        if shown > 0 {
            lines.append(.blank)
            for k in 0..<shown {
                lines.append(StyledLine([Span("Hint \(k + 1): ", Style(.accent, bold: true)), Span(s.stage.hints[k], .role(.accent))], indent: 2))
            }
        }
        if !s.clarifications.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("Your questions", Style(.title, bold: true)))
            for c in s.clarifications.reversed() {
                lines.append(StyledLine([Span("You: ", Style(.key, bold: true)), Span(c.question)], indent: 2))
                let answer = c.fact.flatMap { id in s.scenario.facts.first { $0.id == id }?.answer } ?? Report.assumeReply
                lines.append(StyledLine([Span("Interviewer: ", Style(.quote, bold: true)), Span(answer, .role(.quote))], indent: 2))
            }
        }
        lines.append(.blank)
        lines.append(StyledLine("The problem", Style(.title, bold: true)))
        for p in s.scenario.problem.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(StyledLine(String(p), .role(.muted)))
        }
        return lines
    }

    func drawPrompt(_ f: inout Frame, _ r: Rect, _ g: Glyphs) {
        let inner = Widgets.pane(r, title: "Interviewer", focused: focus == .prompt, glyphs: g, frame: &f)
        guard inner.width > 1 else { return }
        let rows = StyledText.wrap(promptLines(), width: inner.width)
        let scroll = min(promptScroll, max(0, rows.count - inner.height))
        StyledText.draw(rows, in: inner, scroll: scroll, frame: &f)
        // the scroll bar sits on the pane's right border
        Widgets.scrollbar(Rect(x: r.x, y: inner.y, width: r.width, height: inner.height), total: rows.count,
                          visible: inner.height, offset: scroll, glyphs: g, frame: &f)
    }

    func drawOverlay(_ o: Overlay, _ f: inout Frame, _ g: Glyphs) {
        let b = f.bounds
        switch o {
        case .help:
            HelpOverlay.draw(lines: HelpOverlay.practiceLines(), scroll: helpScroll, in: b, glyphs: g, frame: &f)
        case .confirmEnd:
            let inner = Widgets.dialog(in: b, width: 52, height: 6, title: "End the interview?", glyphs: g, frame: &f)
            f.put("End now and see the report?", x: inner.x + 1, y: inner.y + 1, style: .normal, clip: inner)
            var x = inner.x + 1
            x += f.put("y", x: x, y: inner.y + 2, style: Style(.key, bold: true), clip: inner)
            x += f.put(" end and report   ", x: x, y: inner.y + 2, style: .normal, clip: inner)
            x += f.put("n", x: x, y: inner.y + 2, style: Style(.key, bold: true), clip: inner)
            f.put(" keep going", x: x, y: inner.y + 2, style: .normal, clip: inner)
            f.cursor = nil
        case .ask(let text):
            let w = min(b.width - 4, 76)
            let inner = Widgets.dialog(in: b, width: w, height: 6, title: "Ask the interviewer", glyphs: g, frame: &f)
            f.put("A clarifying question (Enter sends, Esc cancels):", x: inner.x + 1, y: inner.y, style: .role(.muted), clip: inner)
            let field = Rect(x: inner.x + 1, y: inner.y + 2, width: inner.width - 2, height: 1)
            f.fill(field, with: Cell(scalar: 0x20, style: .role(.input)))
            let tw = DisplayWidth.of(text)
            var shown = text
            while DisplayWidth.of(shown) > field.width - 1, !shown.isEmpty { shown.removeFirst() }
            f.put(shown, x: field.x, y: field.y, style: .role(.input), clip: field)
            f.cursor = Point(x: field.x + min(tw, DisplayWidth.of(shown)), y: field.y)
        }
    }
}
