import InterviewKit
import TerminalKit

/// The whole program's screens and how one leads to the next; pure: the run loop performs effects.
public struct MockApp: Sendable {
    public enum Screen: Sendable {
        case home(HomeScreen), practice(PracticeScreen), report(ReportScreen)
    }
    // Exactly one of these is set: the screen on show. They are kept apart, not as an enum's
    // payload, so that an input changes the screen in place: a payload taken out of an enum is
    // a copy (every reference in it retained), and each array the copy then changed was copied
    // again (the notes, the frame, the caches), on every key.
    private var home: HomeScreen?
    private var practice: PracticeScreen?
    private var report: ReportScreen?
    let library: [Scenario]
    public var glyphs: Glyphs

    /// The screen on show (a copy: for reading).
    public var screen: Screen {
        if let p = practice { return .practice(p) }
        if let r = report { return .report(r) }
        return .home(home!)
    }

    public init(screen: Screen, library: [Scenario], glyphs: Glyphs) {
        self.library = library; self.glyphs = glyphs
        show(screen)
    }

    private mutating func show(_ s: Screen) {
        home = nil; practice = nil; report = nil
        switch s {
        case .home(let h): home = h
        case .practice(let p): practice = p
        case .report(let r): report = r
        }
    }

    /// Something the run loop must do after an input.
    /// (The large payloads are boxed, `indirect`: an effect, made and destroyed on every key,
    /// is then a tag and one reference, and so is the code that destroys it.)
    public enum Effect: Sendable {
        /// A session began: start recording it.
        indirect case sessionStarted(Scenario, Settings)
        /// Events to record.
        case record([Event])
        /// The interview ended: save this report and tell `reportSaved`.
        indirect case saveReport(Report, Session)
        /// The candidate exported the sketch: write it and tell `sketchExported`.
        indirect case exportSketch(SketchExportRequest)
        case quit
    }

    public enum Input: Sendable {
        case key(Key), tick, resize(Size)
        /// The program is about to be stopped (after `Key.suspend`, before `Terminal.suspend()`).
        case stopping
    }

    /// The longest run of characters read at once that is taken as typed keys, not a paste.
    static let typedRun = 32

    public mutating func update(_ input: Input, at now: Double) -> [Effect] {
        // Characters that arrive together (a fast typist, a held key, a slow link) come as one
        // `.text`. Where typing is not text (the sketch's commands, a dialog, a menu) a short
        // run is the keys it is, one after another, each of which may change where the next one
        // goes; a longer one is a paste, which there means nothing and is let go, as before,
        // rather than run as dozens of commands.
        if case .key(.text(let s)) = input, !(practice?.acceptsText ?? false) {
            guard s.count <= MockApp.typedRun else { return [] }
            var effects: [Effect] = []
            for ch in s {
                effects += update(.key(.char(ch)), at: now)
                if effects.contains(where: { if case .quit = $0 { return true }; return false }) { break }
            }
            return effects
        }
        var effects: [Effect] = []
        if practice != nil {
            let out: PracticeScreen.Outcome
            switch input {
            case .key(let k): out = practice!.handle(k, at: now)
            case .tick: out = practice!.tick(at: now)
            case .resize(let s): practice!.resize(s); out = .init()
            case .stopping: out = practice!.stopping(at: now)
            }
            if !out.events.isEmpty { effects.append(.record(out.events)) }
            if let x = out.sketchExport { effects.append(.exportSketch(x)) }
            if out.ended {
                let session = practice!.session
                let r = Report(session: session, at: now - practice!.origin)
                effects.append(.saveReport(r, session))
                show(.report(ReportScreen(report: r)))
            }
        } else if report != nil {
            guard case .key(let k) = input else { return [] }
            if report!.handle(k) == .quit { effects.append(.quit) }
        } else {
            guard case .key(let k) = input else { return [] }
            switch home!.handle(k) {
            case .none: break
            case .quit: effects.append(.quit)
            case .start(let id, let settings):
                guard let s = library.first(where: { $0.id == id }) else { return [] }
                let p = PracticeScreen(scenario: s, settings: settings, at: now)
                effects.append(.sessionStarted(s, settings))
                effects.append(.record(p.initialEvents))
                show(.practice(p))
            }
        }
        return effects
    }

    /// The run loop wrote (or failed to write) a sketch export.
    public mutating func sketchExported(path: String?, error: String?, at now: Double) {
        if practice != nil { practice!.sketchExported(path: path, error: error, at: now) }
    }

    public mutating func reportSaved(path: String?, error: String?) {
        if report != nil { report!.savedPath = path; report!.saveError = error }
    }

    public mutating func view(size: Size, at now: Double) -> Frame {
        if practice != nil { return practice!.view(size: size, at: now, glyphs: glyphs) }
        if report != nil { return report!.view(size: size, glyphs: glyphs) }
        return home!.view(size: size, glyphs: glyphs)
    }

    /// Shows (or, with nil, clears) the recorder's warning on the practice screen's status line.
    public mutating func setRecorderWarning(_ warning: String?) {
        if practice != nil, practice!.recorderWarning != warning { practice!.recorderWarning = warning }
    }

    /// The live session, if an interview is on screen.
    public var session: Session? { practice?.session }
}
