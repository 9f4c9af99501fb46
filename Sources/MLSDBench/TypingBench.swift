import CursesTerminal
import Foundation
import InterviewKit
import MockUI
import TerminalKit

/// (b) in-process: CPU per character typed into notes holding 20,000 words at 200×60: the
/// engine, the fold, the frame, and ncurses' diff on a headless screen. The bytes a real
/// terminal receives are measured by scripts/termbench.py against nano.
func typingBenchmarks() throws -> [Figure] {
    guard let dir = ScenarioLibrary.bundledFolder(executablePath: CommandLine.arguments[0]),
          let s = ScenarioLibrary.load(folders: [dir]).scenario(id: "video-recommendation") else { return [] }
    let size = Size(width: 200, height: 60)
    var app = MockApp(screen: .practice(PracticeScreen(scenario: s, settings: Settings(minutes: 180, level: .senior), at: 0)),
                      library: [s], glyphs: .unicode)
    let vocab = "model feature ranking latency embedding candidate retrieval label training serving".split(separator: " ")
    var paragraphs: [String] = []
    for p in 0..<200 { paragraphs.append((0..<100).map { String(vocab[($0 * 7 + p) % vocab.count]) }.joined(separator: " ") + ".") }
    _ = app.update(.resize(size), at: 0)
    _ = app.update(.key(.text(paragraphs.joined(separator: "\n"))), at: 1)
    _ = app.view(size: size, at: 1)
    let n = 2000
    var t = 2.0
    let modelCPU = cpuTime {
        for i in 0..<n {
            t += 0.01
            _ = app.update(.key(.char(Character(UnicodeScalar(97 + i % 26)!))), at: t)
            _ = app.update(.tick, at: t)
            _ = app.view(size: size, at: t)
        }
    }
    var figures = [Figure(name: "key → events → state → frame, 20,000 words, 200×60", value: modelCPU / Double(n) * 1e6, unit: "µs",
                          target: "part of (b)", ok: nil)]
    if let term = try? CursesTerminal(headlessSize: size) {
        term.present(app.view(size: size, at: t))
        let full = cpuTime {
            for i in 0..<n {
                t += 0.01
                _ = app.update(.key(.char(Character(UnicodeScalar(97 + i % 26)!))), at: t)
                _ = app.update(.tick, at: t)
                term.present(app.view(size: size, at: t))
            }
        }
        term.restore()
        figures.append(Figure(name: "the same plus ncurses present (headless)", value: full / Double(n) * 1e6, unit: "µs",
                              target: "≤ nano (30–55 µs here)", ok: full / Double(n) < 55e-6))
    }
    return figures
}
