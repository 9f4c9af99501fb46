import InterviewKit
import TerminalKit

/// The whole program's screens and how one leads to the next; pure: the run loop performs effects.
public struct MockApp: Sendable {
    public enum Screen: Sendable {
        case home(HomeScreen), practice(PracticeScreen), report(ReportScreen)
        /// Stands in while a screen is taken out to be changed, so that its storage is not shared
        /// with a second copy (which would copy the notes and caches on every key). Never drawn.
        case changing
    }
    public private(set) var screen: Screen
    let library: [Scenario]
    public var glyphs: Glyphs

    public init(screen: Screen, library: [Scenario], glyphs: Glyphs) {
        self.screen = screen; self.library = library; self.glyphs = glyphs
    }

    /// Something the run loop must do after an input.
    public enum Effect: Sendable {
        /// A session began: start recording it.
        case sessionStarted(Scenario, Settings)
        /// Events to record.
        case record([Event])
        /// The interview ended: save this report and tell `reportSaved`.
        case saveReport(Report, Session)
        /// The candidate exported the sketch: write it and tell `sketchExported`.
        case exportSketch(SketchExportRequest)
        case quit
    }

    public enum Input: Sendable { case key(Key), tick, resize(Size) }

    public mutating func update(_ input: Input, at now: Double) -> [Effect] {
        var effects: [Effect] = []
        var current = Screen.changing
        swap(&current, &screen)   // moves the screen out without copying it
        switch consume current {
        case .changing: return []
        case .home(var h):
            guard case .key(let k) = input else { screen = .home(h); return [] }
            switch h.handle(k) {
            case .none: screen = .home(h)
            case .quit: screen = .home(h); effects.append(.quit)
            case .start(let id, let settings):
                guard let s = library.first(where: { $0.id == id }) else { screen = .home(h); return [] }
                let p = PracticeScreen(scenario: s, settings: settings, at: now)
                effects.append(.sessionStarted(s, settings))
                effects.append(.record(p.initialEvents))
                screen = .practice(p)
            }
        case .practice(var p):
            var out: PracticeScreen.Outcome
            switch input {
            case .key(let k): out = p.handle(k, at: now)
            case .tick: out = p.tick(at: now)
            case .resize(let s): p.resize(s); out = .init()
            }
            if !out.events.isEmpty { effects.append(.record(out.events)) }
            if let x = out.sketchExport { effects.append(.exportSketch(x)) }
            if out.ended {
                let r = Report(session: p.session, at: now - p.origin)
                effects.append(.saveReport(r, p.session))
                screen = .report(ReportScreen(report: r))
            } else {
                screen = .practice(p)
            }
        case .report(var r):
            guard case .key(let k) = input else { screen = .report(r); return [] }
            if r.handle(k) == .quit { effects.append(.quit) }
            screen = .report(r)
        }
        return effects
    }

    /// The run loop wrote (or failed to write) a sketch export.
    public mutating func sketchExported(path: String?, error: String?, at now: Double) {
        if case .practice(var p) = screen { p.sketchExported(path: path, error: error, at: now); screen = .practice(p) }
    }

    public mutating func reportSaved(path: String?, error: String?) {
        if case .report(var r) = screen { r.savedPath = path; r.saveError = error; screen = .report(r) }
    }

    public mutating func view(size: Size, at now: Double) -> Frame {
        var current = Screen.changing
        swap(&current, &screen)
        switch consume current {
        case .changing: return Frame(size: size)
        case .home(var h): let f = h.view(size: size, glyphs: glyphs); screen = .home(h); return f
        case .practice(var p): let f = p.view(size: size, at: now, glyphs: glyphs); screen = .practice(p); return f
        case .report(var r): let f = r.view(size: size, glyphs: glyphs); screen = .report(r); return f
        }
    }

    /// Shows (or, with nil, clears) the recorder's warning on the practice screen's status line.
    public mutating func setRecorderWarning(_ warning: String?) {
        if case .practice(var p) = screen, p.recorderWarning != warning { p.recorderWarning = warning; screen = .practice(p) }
    }

    /// The live session, if an interview is on screen.
    public var session: Session? {
        if case .practice(let p) = screen { return p.session }
        return nil
    }
}
