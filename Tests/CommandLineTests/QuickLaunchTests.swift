import ArgumentParser
import InterviewKit
@testable import mlsd
import TestSupport
import Testing

/// `Launch.quick` reads the everyday command lines without ArgumentParser. It must read each
/// one exactly as ArgumentParser would, and leave everything else to it.
struct QuickLaunchTests {
    /// What ArgumentParser makes of a command line: a launch, or nil for anything that is not
    /// a plain home or practice start (another command, help, an error, --resume).
    private func viaArgumentParser(_ args: [String]) -> Launch? {
        guard let cmd = try? MLSD.parseAsRoot(args) else { return nil }
        if let h = cmd as? Home { return Launch(home: h) }
        if let p = cmd as? Practice, !p.resume { return Launch(practice: p) }
        return nil
    }

    @Test func theEverydayCommandLinesAreReadQuickly() {
        let cases: [([String], Launch)] = [
            ([], Launch(start: .home)),
            (["--no-color", "--ascii"], Launch(start: .home, display: Display(ascii: true, noColor: true))),
            (["practice"], Launch(start: .practice(id: nil, minutes: nil, level: .senior))),
            (["practice", "fraud-detection", "--minutes", "30", "--level", "staff"],
             Launch(start: .practice(id: "fraud-detection", minutes: 30, level: .staff))),
            (["practice", "--level", "mid", "ad-click-prediction", "--no-record", "--no-mouse"],
             Launch(start: .practice(id: "ad-click-prediction", minutes: nil, level: .mid), display: Display(noMouse: true), recording: false)),
            (["practice", "--scenarios", "/tmp/cases", "my-case"],
             Launch(start: .practice(id: "my-case", minutes: nil, level: .senior), cases: CaseFolders(extra: ["/tmp/cases"]))),
        ]
        for (args, expected) in cases {
            #expect(Launch.quick(args) == expected, "\(args)")
            #expect(viaArgumentParser(args) == expected, "\(args)")
        }
    }

    @Test func everythingElseIsLeftToArgumentParser() {
        for args in [["--help"], ["-h"], ["--version"], ["practice", "--help"], ["help"], ["practice", "help"],
                     ["practice", "--resume"], ["practice", "--record", "x.mlsd"], ["practice", "--minutes", "5"],
                     ["practice", "--minutes", "thirty"], ["practice", "--minutes=30"], ["practice", "--level", "junior"],
                     ["practice", "a", "b"], ["practice", "--minutes", "30", "--minutes", "40"], ["practice", "--"],
                     ["practice", ""], ["scenarios", "list"], ["keys"], ["home"], ["--minutes", "30"], ["fraud-detection"],
                     ["--ascii", "practice"], ["practice", "--scenarios"], ["practice", "--level"]] {
            #expect(Launch.quick(args) == nil, "\(args)")
        }
    }

    /// Thousands of command lines built from the options that matter, with good and bad values
    /// and now and then a stray token: whenever the quick reader accepts one, ArgumentParser
    /// accepts it too and reads the same launch.
    @Test func theQuickReaderAgreesWithArgumentParser() {
        let pieces: [[[String]]] = [
            [["--minutes", "30"], ["--minutes", "10"], ["--minutes", "180"], ["--minutes", "181"], ["--minutes", "9"],
             ["--minutes", "030"], ["--minutes", "-5"], ["--minutes"], ["--minutes=45"]],
            [["--level", "staff"], ["--level", "mid"], ["--level", "senior"], ["--level", "Staff"], ["--level"]],
            [["--no-record"], ["--ascii"], ["--no-color"], ["--no-mouse"]],
            [["--scenarios", "/tmp"], ["--scenarios", "cases"], ["--scenarios", "-x"]],
            [["fraud-detection"], ["video-recommendation"], ["help"], [""]],
            [["--resume"], ["--record"], ["-h"], ["--"], ["-x"], ["practice"], ["keys"]],
        ]
        var rng = SplitMix64(seed: 7)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        var quick = 0
        for _ in 0..<1500 {
            var args: [String] = rng.next() % 4 == 0 ? [] : ["practice"]
            for _ in 0..<Int(rng.next() % 5) {
                // Stray tokens (the last group) are rarer than options.
                let group = rng.next() % 10 == 0 ? pieces.count - 1 : Int(rng.next() % UInt64(pieces.count - 1))
                args += pick(pieces[group])
            }
            guard let q = Launch.quick(args) else { continue }
            quick += 1
            #expect(viaArgumentParser(args) == q, "\(args)")
        }
        #expect(quick > 300, "the sample should hold many quick command lines")
    }
}
