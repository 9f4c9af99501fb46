import CursesTerminal
import FoundationEssentials
import Glibc
import InterviewKit
import MockUI
import TerminalKit

/// The run loop: reads keys and the clock, feeds the app, performs its effects, presents frames.
enum App {
    enum Start { case home(ScenarioLibrary), practice(Scenario, Settings), resume(Recording) }

    static func run(start: Start, display: Display, recording: RecordingChoice = RecordingChoice()) throws {
        let instead = "Run it directly in a terminal, or use `mlsd scenarios …` / `mlsd keys` for plain output."
        try TerminalSetup.requireTerminal(needs: "this", instead: instead)
        // An interrupted session is offered before anything else (plain text, one key).
        let start = offerResume(start, recording: recording, store: SessionStore())
        let (term, glyphs) = try TerminalSetup.open(display, needs: "this", instead: instead, mouse: true)
        let stopwatch = Stopwatch()
        func now() -> Double { stopwatch.seconds() }

        var library: [Scenario] = []
        let screen: MockApp.Screen
        switch start {
        case .home(let lib):
            library = lib.scenarios
            screen = .home(HomeScreen(scenarios: lib.scenarios, selected: "video-recommendation"))
        case .practice(let s, let settings):
            library = [s]
            screen = .practice(PracticeScreen(scenario: s, settings: settings, at: now()))
        case .resume(let r):
            library = [r.scenario]
            let engine = Engine(scenario: r.scenario, settings: r.settings, events: r.events)
            screen = .practice(PracticeScreen(engine: engine, origin: now() - r.duration))
        }
        var app = MockApp(screen: screen, library: library, glyphs: glyphs)
        let store = SessionStore()
        let rec = SessionRecording(choice: recording, store: store)
        var reportPath: String?
        var exitSignal: Int32?

        func perform(_ effects: [MockApp.Effect]) -> Bool {
            var quit = false
            for e in effects {
                switch e {
                case .sessionStarted(let s, let settings): rec.start(s, settings, at: now())
                case .record(let events): rec.record(events, at: now())
                case .saveReport(let r, _):
                    let st = rec.stem ?? store.stem(for: r.caseID)
                    rec.stem = st
                    do {
                        reportPath = try store.saveReport(r, stem: st)
                        app.reportSaved(path: reportPath, error: nil)
                    } catch {
                        app.reportSaved(path: nil, error: "Could not save the report in \(store.folder): \(error)")
                    }
                case .exportSketch(let x):
                    let st = rec.stem ?? store.stem(for: app.session?.scenario.id ?? "sketch")
                    rec.stem = st
                    let path = "\(store.folder)/\(st)-sketch.\(x.fileExtension)"
                    do {
                        try FileBytes.makeFolders(store.folder)
                        try FileBytes.writeAtomically(path, text: x.contents)
                        app.sketchExported(path: path, error: nil, at: now())
                    } catch {
                        app.sketchExported(path: nil, error: "Could not write \(path): \(error)", at: now())
                    }
                case .quit: quit = true
                }
            }
            return quit
        }
        var warning: String?
        var size = term.size
        _ = app.update(.resize(size), at: now())
        term.present(app.view(size: size, at: now()))
        // The first frame goes out before the recorder opens its file, writes the case into it
        // and syncs the first stage marker; the events carry their own times.
        if case .practice(let s, let settings) = start, case .practice(let p) = app.screen {
            _ = perform([.sessionStarted(s, settings), .record(p.initialEvents)])
        }
        if case .resume(let r) = start { rec.resume(r) }
        // What the first frame did not need, made before the first key rather than on it.
        app.session?.signals.prepare()
        var lastSecond = -1
        // When the loop last ticked (it never sleeps longer than a second between ticks).
        var lastActive = now()
        loop: while true {
            if let sig = CursesTerminal.pendingSignal { exitSignal = sig; break }
            // Wake at the next whole second (the clocks show seconds) unless a key comes first: an
            // idle screen wakes once a second, not five times.
            let wait = Int(((Double(lastSecond + 1) - now()) * 1000).rounded(.up))
            let first = term.readKey(timeoutMs: min(1000, max(10, wait)))
            // The loop never sleeps longer than a second: a longer gap is time the program did
            // not run (stopped from outside, the machine asleep). The clock is paused as of the
            // moment it last ran, so that time does not count.
            let woke = now()
            if woke - lastActive > Stopwatch.stoppedAfter {
                if perform(app.update(.stopping, at: lastActive)) { break loop }
                rec.tick(at: woke)
            }
            var keys: [Key] = first.map { [$0] } ?? []
            if first != nil {
                // Drain what is already waiting (a paste, held keys) before drawing once.
                while keys.count < 4096, keys.last != .suspend, let k = term.readKey(timeoutMs: 0) { keys.append(k) }
            }
            var changed = !keys.isEmpty
            for k in keys {
                let t = now()
                if k == .resize {
                    size = term.size
                    if perform(app.update(.resize(size), at: t)) { break loop }
                    continue
                }
                if k == .suspend {
                    // The pause is recorded (and synced) before the program stops.
                    if perform(app.update(.stopping, at: t)) { break loop }
                    rec.tick(at: t)
                    term.suspend()
                    size = term.size
                    if perform(app.update(.resize(size), at: now())) { break loop }
                    changed = true
                    continue
                }
                if perform(app.update(.key(k), at: t)) { break loop }
            }
            let t = now()
            lastActive = t
            if perform(app.update(.tick, at: t)) { break loop }
            rec.tick(at: t)
            if rec.warning != warning { warning = rec.warning; app.setRecorderWarning(warning); changed = true }
            if Int(t) != lastSecond { lastSecond = Int(t); changed = true }
            if changed {
                size = term.size
                term.present(app.view(size: size, at: t))
            }
        }
        // Leaving: an interview cut short by a signal still gets its report.
        if let s = app.session, exitSignal != nil {
            let r = Report(session: s, at: s.lastEventAt)
            reportPath = try? store.saveReport(r, stem: rec.stem ?? store.stem(for: r.caseID))
        }
        let lost = rec.close(at: now())
        term.restore()
        if let m = lost { printError("mlsd: " + m) }
        if let p = rec.path, lost == nil { print("Session recorded: \(p)") }
        if let p = reportPath { print("Report saved: \(p)") }
        if let sig = exitSignal {
            if let p = reportPath { _ = p }
            exit(128 + sig)
        }
    }
}
