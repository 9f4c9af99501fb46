import InterviewKit
import TerminalKit

/// The coach's replay console: plays a recording at any speed, seeks both ways, jumps between
/// markers, shows the notes as they were (what was typed in the last seconds highlighted), a
/// timeline of markers and stage spans, and takes the coach's comments and scores.
/// Pure: the run loop hands it keys and the time, and performs what `Outcome` asks.
public struct ReplayScreen: Sendable {
    public private(set) var replay: Replay
    public enum Overlay: Equatable, Sendable {
        case help(scroll: Int)
        case goTo(String)
        case comment(String)
        /// The scoring dialog: the chosen rubric area, and the note being written for it.
        case scores(selected: Int, note: String?)
    }
    public private(set) var overlay: Overlay?
    /// The stage whose notes are shown; nil follows the candidate.
    public private(set) var viewedStage: Int?
    /// The first notes row shown; nil keeps the latest lines in view.
    var notesScroll: Int?
    /// The line that last changed, kept in view while following.
    var anchorLine: Int?
    var message: (text: String, role: Role)?
    var messageAt: Double = 0
    var lastTick: Double?
    var notesHeight = 10
    /// Seconds of typing shown highlighted.
    public var highlightWindow = 5.0
    /// The idle limit `i` turns back on.
    let idleLimit: Double
    /// When the session was recorded, for the header.
    public let recordedAt: String
    var recentCache: (key: [Int], value: [Int: Range<Int>])?
    /// What the left side shows.
    public enum Left: Sendable { case both, notes, sketch }
    public private(set) var left = Left.both
    var sketchCache: (stamp: Int, ascii: Bool, lines: [String])?

    /// `notice` is shown on the status line at first (what the reader skipped, say).
    public init(replay: Replay, recordedAt: String = "", notice: String? = nil) {
        self.replay = replay
        self.recordedAt = recordedAt
        idleLimit = replay.idleLimit ?? Replay.defaultIdleLimit
        if let n = notice { message = (n, .warning) }
    }

    /// What the run loop must do after a key.
    public enum Outcome: Equatable, Sendable {
        case none, quit
        /// The coach's notes changed: save them beside the recording.
        case saveCoach
        /// Write the coach's report.
        case exportReport
    }

    // MARK: update

    /// Time passes: the play head moves while playing.
    public mutating func tick(at now: Double) {
        if replay.playing, let last = lastTick {
            replay.advance(real: min(2, max(0, now - last)))   // a stalled loop does not jump ahead
            if !replay.playing { say("End of the recording.", .muted, at: now) }
        }
        lastTick = now
        if let m = message, now - messageAt > 6, m.role != .danger { message = nil }
    }

    /// The program is about to be stopped (`Key.suspend`): playing pauses, so that the time
    /// away is not played through.
    public mutating func stopping(at now: Double) {
        guard replay.playing else { return }
        tick(at: now)
        replay.togglePlay()
        say("Paused while mlsd was stopped. Space plays on.", .warning, at: now)
    }

    public mutating func handle(_ key: Key, at now: Double) -> Outcome {
        if let o = overlay { return handleOverlay(o, key, at: now) }
        guard let action = Keymaps.replay.action(for: key) else { return .none }
        switch action {
        case .playPause:
            replay.togglePlay()
            lastTick = now
        case .faster: replay.faster(); say("Speed \(ReplayScreen.speedText(replay.speed))", .accent, at: now)
        case .slower: replay.slower(); say("Speed \(ReplayScreen.speedText(replay.speed))", .accent, at: now)
        case .idle:
            replay.setIdleLimit(replay.idleLimit == nil ? idleLimit : nil)
            say(replay.idleLimit == nil ? "Idle stretches play in full." : "Idle stretches longer than \(Int(idleLimit)) s are shortened.", .accent, at: now)
        case .back: seek(by: -5)
        case .forward: seek(by: 5)
        case .backLong: seek(by: -60)
        case .forwardLong: seek(by: 60)
        case .goTo: overlay = .goTo("")
        case .nextMarker:
            if let m = replay.nextMarker() { follow(); say(m.label, .accent, at: now) } else { say("No marker after this point.", .muted, at: now) }
        case .previousMarker:
            if let m = replay.previousMarker() { follow(); say(m.label, .accent, at: now) } else { say("No marker before this point.", .muted, at: now) }
        case .start: replay.seek(to: 0); follow()
        case .end: replay.seek(to: replay.duration); follow()
        case .nextStage, .previousStage:
            let n = replay.recording.scenario.stages.count
            let cur = viewedStage ?? replay.session.stageIndex
            viewedStage = (cur + (action == .nextStage ? 1 : n - 1)) % n
            notesScroll = 0
        case .follow: follow()
        case .view:
            left = left == .both ? .notes : left == .notes ? .sketch : .both
            say(left == .both ? "Notes and sketch." : left == .notes ? "Notes only." : "Sketch only.", .muted, at: now)
        case .scrollUp: scrollNotes(-1)
        case .scrollDown: scrollNotes(1)
        case .pageUp: scrollNotes(-max(1, notesHeight - 1))
        case .pageDown: scrollNotes(max(1, notesHeight - 1))
        case .comment:
            replay.playing = false
            overlay = .comment("")
        case .scores: overlay = .scores(selected: 0, note: nil)
        case .export: return .exportReport
        case .help: overlay = .help(scroll: 0)
        case .quit: return .quit
        }
        return .none
    }

    mutating func seek(by dt: Double) {
        replay.seek(by: dt)
        notesScroll = nil
    }

    mutating func follow() { viewedStage = nil; notesScroll = nil }

    mutating func scrollNotes(_ d: Int) { notesScroll = max(0, (notesScroll ?? lastAutoScroll) + d) }
    var lastAutoScroll = 0

    mutating func handleOverlay(_ o: Overlay, _ key: Key, at now: Double) -> Outcome {
        switch o {
        case .help(let s):
            switch key {
            case .up: overlay = .help(scroll: max(0, s - 1))
            case .down: overlay = .help(scroll: s + 1)
            case .pageDown, .char(" "): overlay = .help(scroll: s + 10)
            case .pageUp: overlay = .help(scroll: max(0, s - 10))
            default: overlay = nil
            }
        case .goTo(var text):
            switch key {
            case .escape, .ctrl("c"), .ctrl("q"): overlay = nil
            case .enter:
                overlay = nil
                if let t = SessionText.parseTime(text) {
                    replay.seek(to: t)
                    follow()
                    if t > replay.duration { say("The recording ends at \(Report.clock(replay.duration)).", .muted, at: now) }
                } else {
                    say("Write a time like 12:30 (or 1:05:00).", .warning, at: now)
                }
            case .backspace: if !text.isEmpty { text.removeLast() }; overlay = .goTo(text)
            case .char(let c) where (c.isNumber || c == ":" || c == ".") && text.count < 12: text.append(c); overlay = .goTo(text)
            case .text(let t): text = String((text + t.filter { $0.isNumber || $0 == ":" || $0 == "." }).prefix(12)); overlay = .goTo(text)
            case .ctrl("u"): overlay = .goTo("")
            default: break
            }
        case .comment(var text):
            switch key {
            case .escape, .ctrl("c"), .ctrl("q"): overlay = nil
            case .enter:
                overlay = nil
                let before = replay.coach.comments.count
                replay.addComment(text)
                if replay.coach.comments.count > before {
                    say("Comment added at \(Report.clock(replay.time)).", .success, at: now)
                    return .saveCoach
                }
            case .backspace: if !text.isEmpty { text.removeLast() }; overlay = .comment(text)
            case .ctrl("u"): overlay = .comment("")
            case .char(let c) where text.count < CoachNotes.maxTextLength: text.append(c); overlay = .comment(text)
            case .text(let s): text += s.replacing("\n", with: " "); overlay = .comment(String(text.prefix(CoachNotes.maxTextLength)))
            default: break
            }
        case .scores(let sel, let note):
            let areas = replay.recording.scenario.rubric
            if areas.isEmpty { overlay = nil; say("This case has no rubric to score.", .warning, at: now); return .none }
            let sel = min(sel, areas.count - 1)
            if var n = note {
                switch key {
                case .escape: overlay = .scores(selected: sel, note: nil)
                case .enter:
                    replay.setScore(area: areas[sel].id, note: n)
                    overlay = .scores(selected: sel, note: nil)
                    return .saveCoach
                case .backspace: if !n.isEmpty { n.removeLast() }; overlay = .scores(selected: sel, note: n)
                case .ctrl("u"): overlay = .scores(selected: sel, note: "")
                case .char(let c) where n.count < CoachNotes.maxTextLength: n.append(c); overlay = .scores(selected: sel, note: n)
                case .text(let s): n += s.replacing("\n", with: " "); overlay = .scores(selected: sel, note: n)
                default: break
                }
                return .none
            }
            switch key {
            case .up, .char("k"): overlay = .scores(selected: max(0, sel - 1), note: nil)
            case .down, .char("j"), .tab: overlay = .scores(selected: min(areas.count - 1, sel + 1), note: nil)
            case .char(let c) where c >= "0" && c <= "4":
                replay.setScore(area: areas[sel].id, score: Int(String(c))!)
                return .saveCoach
            case .enter, .char("n"):
                overlay = .scores(selected: sel, note: replay.coach.score(for: areas[sel].id)?.note ?? "")
            case .escape, .char("q"), .char("s"), .ctrl("c"), .ctrl("q"): overlay = nil
            default: break
            }
        }
        return .none
    }

    mutating func say(_ text: String, _ role: Role, at now: Double) { message = (text, role); messageAt = now }

    /// The run loop's answer to `.saveCoach` and `.exportReport`.
    public mutating func saved(_ what: String, path: String?, error: String?, at now: Double) {
        if let e = error { say(e, .danger, at: now) } else if let p = path { say("\(what) \(p)", .success, at: now) }
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

    static func speedText(_ s: Double) -> String {
        s >= 1 ? "\(Int(s))×" : (s == 0.5 ? "½×" : "¼×")
    }

    // MARK: view

    public static let minimumSize = Size(width: 60, height: 18)

    static func glyph(_ k: ReplayMarker.Kind) -> Character {
        switch k {
        case .stage: return "S"
        case .followUp: return "F"
        case .hint: return "H"
        case .question: return "?"
        case .pause: return "P"
        case .resume: return "R"
        case .overrun: return "!"
        case .end: return "E"
        case .comment: return "C"
        }
    }

    static func role(_ k: ReplayMarker.Kind) -> Role {
        switch k {
        case .stage: return .accent
        case .followUp: return .highlight
        case .hint: return .warning
        case .question: return .quote
        case .pause, .resume: return .muted
        case .overrun: return .danger
        case .end: return .title
        case .comment: return .success
        }
    }

    /// Which marker wins a timeline cell that several share.
    static func priority(_ k: ReplayMarker.Kind) -> Int {
        switch k {
        case .comment: return 9
        case .followUp: return 8
        case .stage: return 7
        case .question: return 6
        case .hint: return 5
        case .overrun: return 4
        case .pause: return 3
        case .end: return 2
        case .resume: return 1
        }
    }

    public mutating func view(size: Size, glyphs: Glyphs) -> Frame {
        if size.width < Self.minimumSize.width || size.height < Self.minimumSize.height {
            return Widgets.tooSmall(size: size, minimum: Self.minimumSize)
        }
        var f = Frame(size: size)
        let all = Rect(size)
        let (header, rest1) = all.splitTop(1)
        let (clocks, rest2) = rest1.splitTop(1)
        let (rest3, status) = rest2.splitBottom(1)
        let (body, timeline) = rest3.splitBottom(3)
        drawHeader(&f, header)
        drawClocks(&f, clocks)
        let rightWidth = max(24, min(48, size.width * 2 / 5))
        let (leftSide, right) = body.splitLeft(body.width - rightWidth)
        let hasSketch = !replay.session.sketch.isEmpty
        switch left {
        case .both where hasSketch && leftSide.height >= 12:
            let (notes, sketch) = leftSide.splitBottom(leftSide.height * 2 / 5)
            drawNotes(&f, notes, glyphs)
            drawSketch(&f, sketch, glyphs)
        case .sketch: drawSketch(&f, leftSide, glyphs)
        default: drawNotes(&f, leftSide, glyphs)
        }
        drawMarkers(&f, right, glyphs)
        drawTimeline(&f, timeline, glyphs)
        Widgets.statusLine(status, items: Keymaps.replay.statusItems, message: message?.text,
                           messageStyle: Style(message?.role ?? .normal, bold: true), frame: &f)
        if let o = overlay { drawOverlay(o, &f, glyphs) }
        return f
    }

    func drawHeader(_ f: inout Frame, _ r: Rect) {
        let rec = replay.recording
        let title = " Replay · " + SafeText.visible(rec.scenario.title)
        let when = recordedAt.isEmpty ? "" : " · " + SafeText.visible(recordedAt)
        let state = replay.playing ? "▶ playing" : "❚❚ paused"
        let idle = replay.idleLimit.map { " · idle ≤\(Int($0))s" } ?? " · idle in full"
        Widgets.bar(r, left: [Span(title, Style(.header, bold: true)), Span(when + (rec.finished ? " · finished" : " · interrupted"), .role(.header))],
                    right: [Span(" \(state) \(ReplayScreen.speedText(replay.speed))\(idle) ", Style(.header, bold: true))], style: .role(.header), frame: &f)
    }

    func drawClocks(_ f: inout Frame, _ r: Rect) {
        let s = replay.session
        let t = replay.time
        var spans = [Span(" \(Report.clock(t)) / \(Report.clock(replay.duration)) ", Style(.key, bold: true))]
        if s.started {
            let i = s.stageIndex
            let left = s.stageLeft(at: t)
            spans.append(Span(" Stage \(i + 1)/\(s.scenario.stages.count) \(SafeText.visible(s.stage.title))", Style(.title, bold: true)))
            spans.append(Span(" · stage \(Report.clock(s.stageSpent(i, at: t))) of \(Report.clock(s.budget(i)))", .role(left < 0 ? .danger : .normal)))
            spans.append(Span(" · interview \(Report.clock(s.elapsed(at: t))) of \(Report.clock(s.totalBudget))", .role(.muted)))
            if s.paused { spans.append(Span("  PAUSED ", Style(.warning, bold: true, reverse: true))) }
            if s.ended { spans.append(Span("  ENDED ", Style(.title, bold: true, reverse: true))) }
        } else {
            spans.append(Span(" not started", .role(.muted)))
        }
        var x = r.x
        for sp in spans { x += f.put(sp.text, x: x, y: r.y, style: sp.style, clip: r) }
    }

    /// One screen row of wrapped notes.
    struct NotesRow { var line: Int; var start: Int; var text: Substring; var quote: Bool }

    mutating func drawNotes(_ f: inout Frame, _ r: Rect, _ g: Glyphs) {
        let s = replay.session
        let stage = viewedStage ?? s.stageIndex
        let doc = s.notes[stage]
        let following = viewedStage == nil
        let title = "Notes · \(stage + 1) \(SafeText.visible(s.scenario.stages[stage].title)) · \(doc.wordCount) words · " + (following ? "following" : "f follows")
        let inner = Widgets.pane(r, title: title, focused: following, glyphs: g, frame: &f)
        guard inner.width > 2, inner.height > 0 else { return }
        notesHeight = inner.height
        let width = inner.width - 1
        let recent = recentChanges(stage: stage)
        var rows: [NotesRow] = []
        for (l, line) in doc.lines.enumerated() {
            let safe = SafeText.sameLength(line)
            let quote = CoverageIndex.isQuote(line)
            for row in TextWrap.rows(safe, width: width) { rows.append(NotesRow(line: l, start: row.start, text: row.text, quote: quote)) }
        }
        if let last = recent.keys.max() { anchorLine = last }
        var scroll: Int
        if let manual = notesScroll {
            scroll = min(manual, max(0, rows.count - inner.height))
        } else {
            // keep the last changed line (else the end) in view, a little above the bottom
            let anchor = min(anchorLine ?? doc.lines.count - 1, doc.lines.count - 1)
            let lastRow = rows.lastIndex { $0.line == anchor } ?? rows.count - 1
            scroll = max(0, min(lastRow - inner.height + 2, rows.count - inner.height))
            lastAutoScroll = scroll
        }
        scroll = max(0, scroll)
        if doc.isEmpty {
            f.put(s.started ? "(nothing written in this stage yet)" : "(the interview has not started)", x: inner.x, y: inner.y, style: .role(.muted), clip: inner)
        }
        for k in 0..<inner.height {
            let i = scroll + k
            guard i < rows.count else { break }
            let row = rows[i]
            let range = recent[row.line]
            var x = inner.x
            let base: Style = row.quote ? Style(.quote, bold: true) : .normal
            var offset = row.start
            for ch in row.text {
                let hot = range?.contains(offset) ?? false
                x += f.put(String(ch), x: x, y: inner.y + k, style: hot ? Style(.highlight) : base, clip: inner)
                offset += 1
            }
        }
        Widgets.scrollbar(Rect(x: r.x, y: inner.y, width: r.width, height: inner.height), total: rows.count, visible: inner.height, offset: scroll, glyphs: g, frame: &f)
    }

    /// The sketch as it was at the play head, drawn by the sketch's own text renderer.
    mutating func drawSketch(_ f: inout Frame, _ r: Rect, _ g: Glyphs) {
        let sketch = replay.session.sketch
        let title = "Sketch · \(sketch.boxes.count) box\(sketch.boxes.count == 1 ? "" : "es") · \(sketch.arrows.count) arrow\(sketch.arrows.count == 1 ? "" : "s")"
        let inner = Widgets.pane(r, title: title, focused: false, glyphs: g, frame: &f)
        guard inner.width > 0, inner.height > 0 else { return }
        if sketch.isEmpty {
            f.put(replay.session.started ? "(no sketch yet)" : "(the interview has not started)", x: inner.x, y: inner.y, style: .role(.muted), clip: inner)
            return
        }
        let ascii = !g.isUnicode
        let lines: [String]
        if let c = sketchCache, c.stamp == sketch.stamp, c.ascii == ascii { lines = c.lines } else {
            lines = SketchExport.textLines(sketch, ascii: ascii).map(SafeText.sameLength)
            sketchCache = (sketch.stamp, ascii, lines)
        }
        for (k, line) in lines.prefix(inner.height).enumerated() { f.put(line, x: inner.x, y: inner.y + k, style: .normal, clip: inner) }
        let wide = lines.contains { DisplayWidth.of($0) > inner.width }
        if lines.count > inner.height || wide {
            let note = left == .both ? " cropped: v shows it alone " : " cropped "
            f.put(note, x: max(inner.x, inner.maxX - DisplayWidth.of(note)), y: r.maxY - 1, style: .role(.muted), clip: Rect(x: r.x, y: r.maxY - 1, width: r.width, height: 1))
        }
    }

    /// What was typed in the last `highlightWindow` seconds, cached per position.
    mutating func recentChanges(stage: Int) -> [Int: Range<Int>] {
        let before = replay.snapshots.count(atOrBefore: replay.time - highlightWindow)
        let key = [replay.applied, before, stage]
        if let c = recentCache, c.key == key { return c.value }
        let v = replay.recentChanges(stage: stage, window: highlightWindow)
        recentCache = (key, v)
        return v
    }

    func drawMarkers(_ f: inout Frame, _ r: Rect, _ g: Glyphs) {
        let markers = replay.markers
        let inner = Widgets.pane(r, title: "Markers · \(markers.count)", focused: false, glyphs: g, frame: &f)
        guard inner.height > 0, inner.width > 8 else { return }
        if markers.isEmpty {
            f.put("No markers.", x: inner.x, y: inner.y, style: .role(.muted), clip: inner)
            return
        }
        let current = markers.lastIndex { $0.at <= replay.time + 0.0005 }
        let top = max(0, min((current ?? 0) - inner.height / 2, markers.count - inner.height))
        for k in 0..<inner.height {
            let i = top + k
            guard i < markers.count else { break }
            let m = markers[i]
            let y = inner.y + k
            let isCurrent = i == current
            let row = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            if isCurrent { f.fill(row, with: Cell(scalar: 0x20, style: Style(.selection))) }
            var x = inner.x
            x += f.put(ReplayScreen.pad(Report.clock(m.at), 6) + " ", x: x, y: y, style: isCurrent ? Style(.selection) : .role(.muted), clip: row)
            x += f.put(String(ReplayScreen.glyph(m.kind)), x: x, y: y, style: isCurrent ? Style(.selection, bold: true) : Style(ReplayScreen.role(m.kind), bold: true), clip: row)
            f.put(" " + SafeText.visible(m.label), x: x, y: y, style: isCurrent ? Style(.selection) : .normal, clip: row)
        }
    }

    func drawTimeline(_ f: inout Frame, _ r: Rect, _ g: Glyphs) {
        guard r.height >= 3, r.width > 10 else { return }
        let x0 = r.x + 1, w = r.width - 2
        let d = max(replay.duration, 0.001)
        func col(_ t: Double) -> Int { min(w - 1, max(0, Int((t / d) * Double(w)))) }
        // stage spans
        let spanRoles: [Role] = [.accent, .quote]
        for x in 0..<w {
            let t = d * (Double(x) + 0.5) / Double(w)
            if let sp = replay.span(at: t) {
                f.put(String(sp.stage + 1), x: x0 + x, y: r.y, style: Style(spanRoles[sp.stage % 2], reverse: true))
            } else {
                f.put(" ", x: x0 + x, y: r.y, style: .role(.muted))
            }
        }
        // markers
        for x in 0..<w { f.put(g.horizontal, x: x0 + x, y: r.y + 1, style: .role(.border)) }
        var best = [Int: ReplayMarker.Kind]()
        for m in replay.markers {
            let c = col(m.at)
            if let b = best[c], ReplayScreen.priority(b) >= ReplayScreen.priority(m.kind) { continue }
            best[c] = m.kind
        }
        for (c, k) in best { f.put(String(ReplayScreen.glyph(k)), x: x0 + c, y: r.y + 1, style: Style(ReplayScreen.role(k), bold: true)) }
        // the play head
        let p = col(replay.time)
        f.restyle(Rect(x: x0 + p, y: r.y, width: 1, height: 2), Style(.highlight, bold: true))
        // labels
        let now = Report.clock(replay.time), end = Report.clock(replay.duration)
        f.put("0:00", x: x0, y: r.y + 2, style: .role(.muted))
        f.put(end, x: x0 + w - end.count, y: r.y + 2, style: .role(.muted))
        let nx = min(max(x0, x0 + p - now.count / 2), x0 + w - now.count)
        f.put(g.arrowUp + now, x: max(x0, nx - 1), y: r.y + 2, style: Style(.key, bold: true))
    }

    func drawOverlay(_ o: Overlay, _ f: inout Frame, _ g: Glyphs) {
        let b = f.bounds
        switch o {
        case .help(let scroll):
            var lines = HelpOverlay.keymapLines(Keymaps.replay)
            lines.append(StyledLine("Scoring dialog", Style(.title, bold: true)))
            for e in Keymaps.scoring {
                lines.append(StyledLine([Span("  " + e.keys, Style(.key, bold: true)), Span(String(repeating: " ", count: max(1, 24 - DisplayWidth.of(e.keys))) + e.help)], indent: 26))
            }
            lines.append(.blank)
            lines.append(StyledLine("Timeline: the top row is the stage at each moment; below it S stage, F follow-up, H hint, ? question, P pause, R resume, ! over budget, E end, C coach comment. Comments and scores are saved beside the recording as you make them; the candidate's file is never changed.", .role(.muted)))
            HelpOverlay.draw(lines: lines, scroll: scroll, in: b, glyphs: g, frame: &f)
        case .goTo(let text):
            field(&f, g, title: "Go to a time", prompt: "MM:SS or H:MM:SS (Enter goes, Esc cancels):", text: text)
        case .comment(let text):
            field(&f, g, title: "Comment at \(Report.clock(replay.time))", prompt: "Your comment (Enter saves, Esc cancels):", text: text)
        case .scores(let sel, let note):
            let areas = replay.recording.scenario.rubric
            let w = min(b.width - 4, 90)
            let h = min(b.height - 2, areas.count * 2 + 6)
            let inner = Widgets.dialog(in: b, width: w, height: h, title: "Coach's scores · 1–4, n note, Esc closes", glyphs: g, frame: &f)
            let auto = replay.report.rubric
            var y = inner.y
            for (i, a) in areas.enumerated() where y < inner.maxY - 2 {
                let isSel = i == sel
                let row = Rect(x: inner.x, y: y, width: inner.width, height: 1)
                if isSel { f.fill(row, with: Cell(scalar: 0x20, style: Style(.selection))) }
                let c = replay.coach.score(for: a.id)
                let coach = c.map { $0.score > 0 ? "\($0.score)/4 \(Report.ratingLabels[$0.score])" : "–" } ?? "–"
                let autoText = auto.first { $0.id == a.id }.map { "auto \($0.score)/4" } ?? ""
                var x = inner.x + 1
                x += f.put((isSel ? g.arrowRight + " " : "  ") + SafeText.visible(a.title), x: x, y: y, style: Style(isSel ? .selection : .normal, bold: true), clip: row)
                let right = "\(coach)   \(autoText)"
                f.put(right, x: inner.maxX - DisplayWidth.of(right) - 1, y: y, style: isSel ? Style(.selection) : Style(.key, bold: true), clip: row)
                _ = x
                let noteText = c?.note ?? ""
                f.put("    " + (noteText.isEmpty ? "no note" : SafeText.visible(noteText)), x: inner.x, y: y + 1, style: .role(.muted), clip: Rect(x: inner.x, y: y + 1, width: inner.width, height: 1))
                y += 2
            }
            if let n = note {
                let fieldRect = Rect(x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, height: 1)
                f.fill(fieldRect, with: Cell(scalar: 0x20, style: .role(.input)))
                var shown = "Note: " + SafeText.sameLength(n)
                while DisplayWidth.of(shown) > fieldRect.width - 1, !shown.isEmpty { shown.removeFirst() }
                f.put(shown, x: fieldRect.x, y: fieldRect.y, style: .role(.input), clip: fieldRect)
                f.cursor = Point(x: fieldRect.x + DisplayWidth.of(shown), y: fieldRect.y)
            } else {
                f.put("1 very weak · 2 weak · 3 strong · 4 very strong · 0 clears · Enter/n note", x: inner.x + 1, y: inner.maxY - 1, style: .role(.muted), clip: inner)
                f.cursor = nil
            }
        }
    }

    func field(_ f: inout Frame, _ g: Glyphs, title: String, prompt: String, text: String) {
        let b = f.bounds
        let w = min(b.width - 4, 76)
        let inner = Widgets.dialog(in: b, width: w, height: 6, title: title, glyphs: g, frame: &f)
        f.put(prompt, x: inner.x + 1, y: inner.y, style: .role(.muted), clip: inner)
        let fieldRect = Rect(x: inner.x + 1, y: inner.y + 2, width: inner.width - 2, height: 1)
        f.fill(fieldRect, with: Cell(scalar: 0x20, style: .role(.input)))
        var shown = SafeText.sameLength(text)
        while DisplayWidth.of(shown) > fieldRect.width - 1, !shown.isEmpty { shown.removeFirst() }
        f.put(shown, x: fieldRect.x, y: fieldRect.y, style: .role(.input), clip: fieldRect)
        f.cursor = Point(x: fieldRect.x + DisplayWidth.of(shown), y: fieldRect.y)
    }
}
