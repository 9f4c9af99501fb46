import ArgumentParser
import InterviewKit

/// What `mlsd` and `mlsd practice …` start: the home screen or a new timed mock, with the
/// options both take. ArgumentParser's commands produce one (`Launch(home:)`,
/// `Launch(practice:)`); so does `Launch.quick`, which reads the everyday command lines itself.
///
/// Why two parsers: ArgumentParser builds its command tree by reflection, which costs about
/// 2 ms of a 10 ms start before the first frame. `quick` accepts only command lines it reads
/// exactly as ArgumentParser would (a test checks this on thousands of them) and returns nil
/// for anything else — help, `--record`, `--resume`, a repeated or malformed option, an
/// out-of-range value — so those go through ArgumentParser, with its messages.
struct Launch: Equatable {
    enum Start: Equatable {
        case home
        case practice(id: String?, minutes: Int?, level: Level)
    }
    var start: Start
    var cases = CaseFolders()
    var display = Display()
    var recording = true
    var recordTo: String?
}

extension Launch {
    init(home h: Home) {
        self.init(start: .home, cases: h.library.cases, display: h.display.chosen, recording: !h.recording.off, recordTo: h.recording.path)
    }

    init(practice p: Practice) {
        self.init(start: .practice(id: p.id, minutes: p.minutes, level: p.level), cases: p.library.cases,
                  display: p.display.chosen, recording: !p.recording.off, recordTo: p.recording.path)
    }

    func run() throws {
        let rec = RecordingChoice(enabled: recording, path: recordTo)
        switch start {
        case .home:
            let lib = cases.library()
            if lib.scenarios.isEmpty {
                reportSkipped(lib)
                printError("mlsd: no cases found in \(lib.folders.joined(separator: ", ")); pass --scenarios DIR")
                throw ExitStatus.unknownCase.code
            }
            try App.run(start: .home(lib), display: display, recording: rec)
        case .practice(let id, let minutes, let level):
            let s = try cases.scenario(id ?? "video-recommendation")
            try App.run(start: .practice(s, Settings(minutes: minutes ?? s.minutes, level: level)), display: display, recording: rec)
        }
    }

    /// The command line (without the program's name) when it is one of the everyday forms:
    /// `mlsd [OPTIONS]` or `mlsd practice [ID] [OPTIONS]`, each option at most once, in the
    /// `--name value` form. Nil means "let ArgumentParser read it".
    static func quick(_ args: [String]) -> Launch? {
        var rest = args[...]
        var launch: Launch
        if rest.first == "practice" {
            rest = rest.dropFirst()
            launch = Launch(start: .practice(id: nil, minutes: nil, level: .senior))
        } else {
            launch = Launch(start: .home)
        }
        var seen: [String] = []   // a handful of options: a list costs less than a set's first use
        var id: String?, minutes: Int?, level: Level?
        let practice = launch.start != .home
        while let a = rest.popFirst() {
            guard a.hasPrefix("-") else {
                // One case id, for practice only; "help" is left to ArgumentParser.
                guard practice, id == nil, !a.isEmpty, a != "help" else { return nil }
                id = a
                continue
            }
            guard !seen.contains(a) else { return nil }
            seen.append(a)
            switch a {
            case "--ascii": launch.display.ascii = true
            case "--no-color": launch.display.noColor = true
            case "--no-mouse": launch.display.noMouse = true
            case "--no-record": launch.recording = false
            case "--scenarios":
                guard let dir = rest.popFirst(), !dir.isEmpty, !dir.hasPrefix("-") else { return nil }
                launch.cases.extra = [dir]
            case "--minutes" where practice:
                guard let v = rest.popFirst(), !v.isEmpty, v.count <= 3, v.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                      let m = Int(v), (10...180).contains(m) else { return nil }
                minutes = m
            case "--level" where practice:
                guard let v = rest.popFirst(), let l = Level(rawValue: v) else { return nil }
                level = l
            default: return nil
            }
        }
        if practice { launch.start = .practice(id: id, minutes: minutes, level: level ?? .senior) }
        return launch
    }
}
