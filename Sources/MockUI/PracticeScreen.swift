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
    public internal(set) var focus: Pane = .notes
    public private(set) var overlay: Overlay?
    public internal(set) var promptScroll = 0
    var helpScroll = 0
    var message: (text: String, role: Role)?
    var messageAt: Double = 0
    /// The size of the last layout, so that keys can move by screen rows.
    var size = Size(width: 80, height: 24)
    /// The sketch pane's view state (cursor, scroll, what is being typed).
    public internal(set) var sketchPane = SketchPane()
    /// F4: the sketch takes the whole body of the screen.
    public internal(set) var sketchFullScreen = false
    /// The last frame and what its regions were drawn from (see `view`).
    var canvas: Frame?
    var drawn: Damage?
    /// Counts keys and clicks given to the sketch pane, whose view state they may change.
    var sketchInputs = 0

    public init(scenario: Scenario, settings: Settings, at now: Double) {
        engine = Engine(scenario: scenario, settings: settings)
        origin = now
        editors = Array(repeating: NotesEditor(), count: scenario.stages.count)
        initialEvents = engine.handle(.start, at: 0)
    }

    /// What starting the session produced, for the recorder.
    public private(set) var initialEvents: [Event] = []

    /// Continues a session from an engine rebuilt from its recording (resuming); the clocks go on
    /// from the engine's last event, so `origin` is the program time that stands for time 0.
    public init(engine: Engine, origin: Double) {
        self.engine = engine
        self.origin = origin
        editors = Array(repeating: NotesEditor(), count: engine.session.scenario.stages.count)
        for i in editors.indices { editors[i].moveToEnd(engine.session.notes[i]) }
        say("Session resumed: the clocks go on from where they stopped.", .accent, at: origin + engine.session.lastEventAt)
    }

    /// A screen that shows recorded events as the candidate saw them (the cast export): events
    /// are folded with `replay(_:)`, never through the engine; time 0 is the session's start.
    public init(replaying scenario: Scenario, settings: Settings) {
        engine = Engine(scenario: scenario, settings: settings)
        origin = 0
        editors = Array(repeating: NotesEditor(), count: scenario.stages.count)
        replaying = true
    }

    /// Recorded events are folded into the engine's session without its rules (replay only).
    var replaying = false

    /// The session on screen, lent rather than copied (it is read many times a key).
    public var session: Session {
        _read { yield engine.session }
    }

    /// A warning from the recorder (disk full, folder not writable), kept on the status line
    /// while there is no other message; nil clears it.
    public var recorderWarning: String?

    /// Folds a recorded event into the shown state and moves the cursor and the status message
    /// as the live screen did when it happened.
    public mutating func replay(_ e: Event) {
        guard replaying else { return }
        engine.foldRecorded(e)
        let now = e.at
        expireMessage(at: now)
        switch e.kind {
        case .notesEdited(let stage, let edit):
            editors[stage].didApply(edit)
        case .notesUndone(let stage), .notesRedone(let stage):
            if let c = session.notesHistory[stage].caret { editors[stage].place(c, in: session.notes[stage]) }
        case .followUpAsked(let stage, _):
            editors[stage].moveToEnd(session.notes[stage])
            promptScroll = 0
            say("The interviewer asks a follow-up.", .highlight, at: now)
        case .stageOverrun:
            say("This stage is over its budget: wrap up and move on (Ctrl-N).", .danger, at: now)
        case .stageEntered(let i) where e.seq > 2:
            promptScroll = 0
            say("Stage \(i + 1): \(session.scenario.stages[i].title)", .accent, at: now)
        case .hintShown, .clarificationAsked: promptScroll = 0
        case .paused: say("Paused. F3 resumes.", .warning, at: now)
        case .resumed: message = nil
        default: break
        }
        let l = layout(size)
        let i = session.stageIndex
        editors[i].reveal(session.notes[i], width: l.notesInner.width, height: l.notesInner.height)
    }

    /// Clears a passing status message after a few seconds (danger messages stay).
    public mutating func expireMessage(at now: Double) {
        if let m = message, now - messageAt > 6, m.role != .danger { message = nil }
    }

    /// Result of handling one input.
    public struct Outcome: Sendable {
        public var events: [Event] = []
        public var ended = false
        /// The sketch to write to a file (the run loop writes it and calls `sketchExported`).
        public var sketchExport: SketchExportRequest?
    }

    // MARK: update

    public mutating func tick(at now: Double) -> Outcome {
        var out = Outcome()
        out.events = run(.tick, at: now)
        expireMessage(at: now)
        return out
    }

    public mutating func resize(_ s: Size) { size = s }

    /// The program is about to be stopped (`Key.suspend`): a running solo clock is paused, and
    /// says so when the program goes on; F3 resumes, as after any pause.
    public mutating func stopping(at now: Double) -> Outcome {
        var out = Outcome()
        out.events = run(.pauseIfRunning, at: now)
        if !out.events.isEmpty { say("Paused while mlsd was stopped. F3 resumes.", .warning, at: now) }
        return out
    }

    /// Whether typed text goes into text here (the notes, the question being asked, a label
    /// in the sketch) rather than being keys that do things.
    public var acceptsText: Bool {
        switch overlay {
        case .ask?: return true
        case .help?, .confirmEnd?: return false
        case nil:
            switch focus {
            case .notes: return true
            case .prompt: return false
            case .sketch: if case .typing = sketchPane.mode { return true } else { return false }
            }
        }
    }

    public mutating func handle(_ key: Key, at now: Double) -> Outcome {
        var out = Outcome()
        if let o = overlay { return handleOverlay(o, key, at: now) }
        if case .mouse = key { return handleMouse(key, at: now) }
        if session.paused, let a = Keymaps.practice.action(for: key), a != .pause, a != .end, a != .help {
            say("Paused: press F3 (or Alt-p) to resume.", .warning, at: now)
            return out
        }
        if let action = Keymaps.practice.action(for: key) {
            switch action {
            case .nextPane: sketchFullScreen = false; focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count)!
            case .previousPane: sketchFullScreen = false; focus = Pane(rawValue: (focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
            case .nextStage: out.events = run(.nextStage, at: now)
            case .previousStage: out.events = run(.previousStage, at: now)
            case .help: overlay = .help; helpScroll = 0
            case .hint: out.events = run(.revealHint, at: now); if !out.events.isEmpty { promptScroll = 0 }
            case .pause: out.events = run(.togglePause, at: now)
            case .ask: overlay = .ask("")
            case .end: overlay = .confirmEnd
            case .sketchFullScreen: sketchFullScreen.toggle(); if sketchFullScreen { focus = .sketch }
            }
            return out
        }
        switch focus {
        case .notes:
            let i = session.stageIndex
            let l = layout(size)
            let outcome = editors[i].handle(key, doc: session.notes[i], width: l.notesInner.width, height: l.notesInner.height)
            switch outcome {
            case .edit(let e):
                out.events = run(.edit(e), at: now)
                if out.events.contains(where: { if case .notesEdited = $0.kind { return true }; return false }) {
                    editors[i].didApply(e)
                }
            case .undo, .redo:
                out.events = run(outcome == .undo ? .undoNotes : .redoNotes, at: now)
                // the cursor goes where the text changed (a quoted follow-up clears the caret)
                if out.events.contains(where: { switch $0.kind { case .notesUndone, .notesRedone: return true; default: return false } }),
                   let c = session.notesHistory[i].caret {
                    editors[i].place(c, in: session.notes[i])
                }
            case .moved, .ignored: break
            }
            if outcome != .ignored { editors[i].reveal(session.notes[i], width: l.notesInner.width, height: l.notesInner.height) }
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
            out = handleSketch(key, at: now)
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
            case .altBackspace, .ctrl("w"):
                // the word before the cursor (and the spaces after it), as in the notes
                while text.last == " " { text.removeLast() }
                while let c = text.last, c != " " { text.removeLast(); _ = c }
                overlay = .ask(text)
            case .char(let c): text.append(c); overlay = .ask(text)
            case .text(let s): text += s.replacing("\n", with: " "); overlay = .ask(text)
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
        // Typing reveals its own cursor (after the edit lands); only a quoted follow-up or a
        // stage change moves the notes under the editor here.
        var moved = false
        for e in events {
            switch e.kind {
            case .followUpAsked(let stage, _):
                moved = true
                editors[stage].moveToEnd(session.notes[stage])
                promptScroll = 0
                say("The interviewer asks a follow-up.", .highlight, at: now)
            case .stageOverrun:
                say("This stage is over its budget: wrap up and move on (Ctrl-N).", .danger, at: now)
            case .stageEntered(let i) where c != .start:
                moved = true
                promptScroll = 0
                say("Stage \(i + 1): \(session.scenario.stages[i].title)", .accent, at: now)
            case .paused: say("Paused. F3 resumes.", .warning, at: now)
            case .resumed: message = nil
            default: break
            }
        }
        if moved {
            let l = layout(size)
            let i = session.stageIndex
            editors[i].reveal(session.notes[i], width: l.notesInner.width, height: l.notesInner.height)
        }
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
            drawn = nil
            return Widgets.tooSmall(size: size, minimum: Self.minimumSize)
        }
        self.size = size
        // With an overlay on top, everything is drawn afresh (and again once it closes).
        if let o = overlay {
            drawn = nil
            var f = Frame(size: size)
            var none: Damage? = nil
            drawRegions(&f, at: now, glyphs: glyphs, damage: &none)
            drawOverlay(o, &f, glyphs)
            return f
        }
        // Otherwise the last frame is kept and only the regions whose inputs changed are redrawn:
        // a key typed into the notes redraws the notes and the stage strip, not the whole screen.
        // (The kept keys are moved, read and changed where they are: a copy of them retained
        // and released every reference they hold, several times a key.)
        var f: Frame
        if drawn?.size == size, drawn?.fullScreen == sketchFullScreen, drawn?.ascii == !glyphs.isUnicode,
           let c = canvas, c.clusters.count < 1024 {
            f = c
        } else {
            f = Frame(size: size)
            drawn = Damage(size: size, fullScreen: sketchFullScreen, ascii: !glyphs.isUnicode)
        }
        canvas = nil   // the frame is changed in place, not copied
        var d = drawn.take()   // moved out and back, not copied
        drawRegions(&f, at: now, glyphs: glyphs, damage: &d)
        drawn = d
        // The frame handed out says which rows it wrote; the kept one starts the next generation.
        var kept = f
        kept.forgetWrites()
        canvas = kept
        return f
    }

    /// What each region of the screen was last drawn from; a region whose key is unchanged
    /// keeps its cells. A key holds every input its region's drawing reads.
    struct Damage: Sendable {
        let size: Size
        let fullScreen: Bool
        let ascii: Bool
        var header: HeaderKey?
        var tabs: [Int]?
        var prompt: PromptDrawKey?
        var sketch: SketchDrawKey?
        var notesPane: NotesPaneKey?
        var notesWords: Int?
        var notes: NotesDrawKey?
        var status: StatusKey?
        var notesCursor: Point?
        var sketchCursor: Point?
        init(size: Size, fullScreen: Bool, ascii: Bool) { self.size = size; self.fullScreen = fullScreen; self.ascii = ascii }
    }
    struct HeaderKey: Equatable, Sendable { var stage: Int, paused: Bool, elapsed: Int, stageLeft: Int, over: Bool, warn: Bool }
    struct PromptDrawKey: Equatable, Sendable { var content: PromptKey, scroll: Int, focused: Bool }
    struct SketchDrawKey: Equatable, Sendable { var stamp: Int, inputs: Int, focused: Bool }
    struct NotesPaneKey: Equatable, Sendable { var stage: Int, empty: Bool, focused: Bool, paused: Bool }
    struct NotesDrawKey: Equatable, Sendable { var version: Int, cursor: TextPosition, scroll: Int }
    struct StatusKey: Equatable, Sendable { var message: String?, role: Role?, sketchItems: Int? }

    /// Draws every region into `f`; with `damage`, only those whose key changed (after clearing them).
    mutating func drawRegions(_ f: inout Frame, at now: Double, glyphs: Glyphs, damage: inout Damage?) {
        let l = layout(size)
        let t = now - origin
        let i = session.stageIndex
        // Without damage everything is drawn, and the keys are collected only to be dropped.
        // (Slots passed inout, not key paths: a key path is an object looked up at run time.
        // They are changed in `damage` itself, not in a copy of it.)
        let tracking = damage != nil
        if !tracking { damage = Damage(size: size, fullScreen: sketchFullScreen, ascii: !glyphs.isUnicode) }
        defer { if !tracking { damage = nil } }
        func changed<K: Equatable>(_ key: K, _ slot: inout K?, _ r: Rect) -> Bool {
            guard tracking else { return true }
            if slot == key { return false }
            slot = key
            f.fill(r)
            return true
        }

        let hk = headerKey(t)
        if changed(hk, &damage!.header, l.header) { drawHeader(&f, l.header, t) }
        let tk = tabsKey(t)
        if changed(tk, &damage!.tabs, l.tabs) { drawTabs(&f, l.tabs, tk) }
        if !sketchFullScreen {
            let pk = PromptDrawKey(content: promptContentKey(width: l.prompt.width - 2), scroll: promptScroll, focused: focus == .prompt)
            if changed(pk, &damage!.prompt, l.prompt) { drawPrompt(&f, l.prompt, glyphs) }
        }
        let sr = sketchRect(l)
        let sk = SketchDrawKey(stamp: session.sketch.stamp, inputs: sketchInputs, focused: focus == .sketch)
        if changed(sk, &damage!.sketch, sr) {
            let cur = drawSketch(&f, sr, glyphs)
            damage!.sketchCursor = cur
        }
        if !sketchFullScreen {
            // The notes pane: its frame and title redraw when they change; its rows redraw one by
            // one, only where they show something new.
            let words = session.notes[i].wordCount
            let pk = NotesPaneKey(stage: i, empty: session.notes[i].isEmpty, focused: focus == .notes, paused: session.paused)
            let nk = NotesDrawKey(version: session.notes[i].version, cursor: editors[i].cursor, scroll: editors[i].scrollRow)
            if changed(pk, &damage!.notesPane, l.notes) {
                damage!.notes = nk
                damage!.notesWords = words
                let cur = drawNotes(&f, l.notes, glyphs, reuse: false)
                damage!.notesCursor = cur
            } else {
                // A new word changes the title (its word count) and one row, not the whole pane.
                if damage!.notesWords != words {
                    damage!.notesWords = words
                    Widgets.paneTop(l.notes, title: notesTitle, focused: focus == .notes, glyphs: glyphs, frame: &f)
                }
                if damage!.notes != nk {
                    damage!.notes = nk
                    let cur = drawNotes(&f, l.notes, glyphs, reuse: true)
                    damage!.notesCursor = cur
                }
            }
        }
        let status = message ?? recorderWarning.map { (text: $0, role: Role.danger) }
        let stk = StatusKey(message: status?.text, role: status?.role, sketchItems: focus == .sketch ? sketchInputs : nil)
        if changed(stk, &damage!.status, l.status) {
            Widgets.statusLine(l.status, items: focus == .sketch ? sketchPane.statusItems : Keymaps.practice.statusItems, message: status?.text,
                               messageStyle: Style(status?.role ?? .normal, bold: true), frame: &f)
        }
        // The cursor: kept from the region that drew it when that region was not redrawn.
        if tracking {
            f.cursor = focus == .notes && !sketchFullScreen ? damage!.notesCursor : (focus == .sketch ? damage!.sketchCursor : nil)
        }
    }

    /// Draws the notes pane; returns where the cursor goes (nil when it is not in the notes).
    var notesTitle: String {
        let words = session.notes[session.stageIndex].wordCount
        return "Notes · \(session.stage.title) · \(words) word\(words == 1 ? "" : "s")"
    }

    mutating func drawNotes(_ f: inout Frame, _ r: Rect, _ glyphs: Glyphs, reuse: Bool) -> Point? {
        let i = session.stageIndex
        let inner = reuse ? Widgets.paneInner(r) : Widgets.pane(r, title: notesTitle, focused: focus == .notes, glyphs: glyphs, frame: &f)
        if session.paused {
            f.put("Paused: the clock is stopped. F3 resumes.", x: inner.x + 1, y: inner.y + inner.height / 2, style: Style(.warning, bold: true), clip: inner)
            return nil
        }
        let cur = editors[i].draw(session.notes[i], in: inner, frame: &f, reuse: reuse)
        if session.notes[i].isEmpty && focus == .notes {
            f.put("Type your answer here…", x: inner.x, y: inner.y, style: .role(.muted), clip: inner)
        }
        guard focus == .notes else { return nil }
        f.cursor = cur
        return cur
    }

    func headerKey(_ t: Double) -> HeaderKey {
        let left = session.stageLeft(at: t)
        return HeaderKey(stage: session.stageIndex, paused: session.paused, elapsed: Report.wholeSeconds(session.elapsed(at: t)),
                         stageLeft: Report.wholeSeconds(left), over: left < 0, warn: left < 60)
    }

    /// Per stage: covered points, and how the tab is coloured (0 current, 1 over its budget,
    /// 2 visited, 3 not yet), which is all `drawTabs` draws from.
    func tabsKey(_ t: Double) -> [Int] {
        var key: [Int] = []
        key.reserveCapacity(session.scenario.stages.count * 2)
        for i in session.scenario.stages.indices {
            key.append(session.coverageCount(stage: i).covered)
            let spent = session.stageSpent(i, at: t)
            key.append(i == session.stageIndex ? 0 : (spent > session.budget(i) ? 1 : (spent > 0 ? 2 : 3)))
        }
        return key
    }

    func drawHeader(_ f: inout Frame, _ r: Rect, _ t: Double) {
        let stageSpan = Span(" Stage \(session.stageIndex + 1)/\(session.scenario.stages.count) · \(session.stage.title)", Style(.header, bold: true))
        let left2 = session.stageLeft(at: t)
        let over = left2 < 0
        let stageText = over ? "over by \(Report.clock(-left2))" : "\(Report.clock(left2)) left"
        let elapsed = session.elapsed(at: t)
        let right = [Span(session.paused ? "PAUSED " : "", Style(.warning, bold: true, reverse: true)),
                     Span("\(Report.clock(elapsed)) / \(Report.clock(session.totalBudget))  ", .role(.header)),
                     Span(" stage " + stageText + " ", Style(over ? .danger : (left2 < 60 ? .warning : .success), bold: true, reverse: over))]
        // The case title goes first when it fits; the stage always shows.
        let rightWidth = right.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let title = Span(" " + session.scenario.title + " ·", .role(.header))
        let full = DisplayWidth.of(title.text) + DisplayWidth.of(stageSpan.text) + rightWidth + 1
        let left = full <= r.width ? [title, stageSpan] : [stageSpan]
        Widgets.bar(r, left: left, right: right, style: .role(.header), frame: &f)
    }

    /// A stage's name on the strip (a switch: a dictionary keyed by the kind costs a run-time
    /// conformance search on its first use, at start-up).
    static func shortName(_ k: StageKind) -> String {
        switch k {
        case .clarify: "Clarify"
        case .frame: "Frame"
        case .data: "Data"
        case .model: "Model"
        case .evaluation: "Eval"
        case .serving: "Serving"
        case .monitoring: "Monitor"
        }
    }

    /// The stage strip, from `tabsKey`'s covered counts and colours.
    func drawTabs(_ f: inout Frame, _ r: Rect, _ key: [Int]) {
        let styles: [Style] = [Style(.selection, bold: true), .role(.danger), .role(.normal), .role(.muted)]
        var x = r.x
        for (i, st) in session.scenario.stages.enumerated() {
            let name = " \(i + 1) \(Self.shortName(st.kind)) \(key[2 * i])/\(session.signals.stageTargets[i].count) "
            if x + DisplayWidth.of(name) > r.maxX { break }
            x += f.put(name, x: x, y: r.y, style: styles[key[2 * i + 1]], clip: r)
        }
    }

    func promptLines() -> [StyledLine] {
        var lines: [StyledLine] = []
        if let a = session.currentFollowUp, let fu = session.followUp(a) {
            lines.append(StyledLine([Span("Follow-up: ", Style(.highlight, bold: true)), Span(fu.ask, Style(.highlight, bold: true))], indent: 2))
            lines.append(StyledLine("Answer under the quoted line in your notes.", .role(.muted)))
            lines.append(.blank)
        }
        lines.append(StyledLine(session.stage.prompt, .normal))
        let shown = session.hintsShown[session.stageIndex]
        if shown > 0 {
            lines.append(.blank)
            for k in 0..<shown {
                lines.append(StyledLine([Span("Hint \(k + 1): ", Style(.accent, bold: true)), Span(session.stage.hints[k], .role(.accent))], indent: 2))
            }
        }
        if !session.clarifications.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("Your questions", Style(.title, bold: true)))
            for c in session.clarifications.reversed() {
                lines.append(StyledLine([Span("You: ", Style(.key, bold: true)), Span(c.question)], indent: 2))
                let answer = c.fact.flatMap { id in session.scenario.facts.first { $0.id == id }?.answer } ?? Report.assumeReply
                lines.append(StyledLine([Span("Interviewer: ", Style(.quote, bold: true)), Span(answer, .role(.quote))], indent: 2))
            }
        }
        lines.append(.blank)
        lines.append(StyledLine("The problem", Style(.title, bold: true)))
        for p in session.scenario.problem.lineSlices() {
            lines.append(StyledLine(String(p), .role(.muted)))
        }
        return lines
    }

    struct PromptKey: Equatable, Sendable { var width, stage, hints, questions, followUps: Int }
    func promptContentKey(width: Int) -> PromptKey {
        PromptKey(width: width, stage: session.stageIndex, hints: session.hintsShown[session.stageIndex],
                  questions: session.clarifications.count, followUps: session.asked.count)
    }
    var promptCache: (key: PromptKey, rows: [[Span]])?

    mutating func drawPrompt(_ f: inout Frame, _ r: Rect, _ g: Glyphs) {
        let inner = Widgets.pane(r, title: "Interviewer", focused: focus == .prompt, glyphs: g, frame: &f)
        guard inner.width > 1 else { return }
        // The prompt changes only with the stage, hints, questions and follow-ups: wrap it once for each.
        let key = promptContentKey(width: inner.width)
        if promptCache?.key != key { promptCache = (key, StyledText.wrap(promptLines(), width: inner.width)) }
        let rows = promptCache!.rows
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
            HelpOverlay.draw(lines: HelpOverlay.practiceLines() + PracticeScreen.sketchHelpLines(), scroll: helpScroll, in: b, glyphs: g, frame: &f)
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
