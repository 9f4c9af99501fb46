import Foundation
import InterviewKit

/// Sessions played through the engine with a scripted clock, for the recording and replay tests.
public enum SessionScript {
    /// A deterministic session: in each stage, `charsPerStage` characters typed one key at a time
    /// (with Enter, Backspace and a paste now and then), clock ticks, a hint, a clarifying question,
    /// a pause with a long idle stretch, and the end (unless `end` is false). Returns the events.
    public static func play(_ scenario: Scenario, minutes: Int = 45, charsPerStage: Int = 120, seed: UInt64 = 7,
                            end: Bool = true, text: String? = nil) -> [Event] {
        var rng = SplitMix64(seed: seed)
        var e = Engine(scenario: scenario, settings: Settings(minutes: minutes, level: .senior))
        var out = e.handle(.start, at: 0)
        var t = 0.0
        let words = (text ?? "we need the daily active users and the latency budget then a two tower model with a simple baseline and an online a/b test on watch time")
            .split(separator: " ").map(String.init)
        for i in 0..<scenario.stages.count {
            if i > 0 { t += 1; out += e.handle(.nextStage, at: t) }
            if i == 0 { t += 2; out += e.handle(.askClarification("How many daily active users, and what latency?"), at: t) }
            if i == 2 { t += 1; out += e.handle(.revealHint, at: t) }
            var typed = 0
            var w = 0
            while typed < charsPerStage {
                let word = words[w % words.count] + " "
                w += 1
                if rng.next() % 17 == 0 {
                    // a paste
                    t += 0.3
                    out += e.handle(.edit(.insert(word + word, at: e.session.notes[i].end)), at: t)
                    typed += word.count * 2
                    continue
                }
                for ch in word {
                    t += 0.05 + Double(rng.next() % 200) / 1000
                    out += e.handle(.edit(.insert(String(ch), at: e.session.notes[i].end)), at: t)
                    typed += 1
                }
                if rng.next() % 9 == 0 {
                    t += 0.2
                    let end = e.session.notes[i].end
                    if end.column > 0 { out += e.handle(.edit(.delete(from: TextPosition(line: end.line, column: end.column - 1), to: end)), at: t) }
                }
                if rng.next() % 11 == 0 { t += 0.2; out += e.handle(.edit(.insert("\n", at: e.session.notes[i].end)), at: t) }
                if rng.next() % 5 == 0 { t += 1; out += e.handle(.tick, at: t) }
            }
            if i == 3 {
                t += 1; out += e.handle(.togglePause, at: t)
                t += 120; out += e.handle(.togglePause, at: t)   // a long idle stretch
            }
            t += 30; out += e.handle(.tick, at: t)
        }
        if end { t += 1; out += e.handle(.end, at: t) }
        return out
    }

    /// The session file text for events (what a recorder writes).
    public static func file(_ scenario: Scenario, events: [Event], minutes: Int = 45) -> String {
        let h = RecordingFormat.Header(program: "mlsd test", created: Date(timeIntervalSince1970: 1_700_000_000),
                                       settings: Settings(minutes: minutes, level: .senior), scenario: scenario)
        return h.line + "\n" + events.map { RecordingFormat.line($0) + "\n" }.joined()
    }

    /// Events as they come back from the file (times rounded to milliseconds).
    public static func roundTripped(_ events: [Event]) -> [Event] {
        events.map { Event(seq: $0.seq, at: (($0.at * 1000).rounded()) / 1000, kind: $0.kind) }
    }
}

/// What tests compare of two session states: everything a view or the report reads.
public struct SessionDigest: Equatable, CustomStringConvertible {
    public var notes: [[String]]
    public var stage: Int
    public var paused: Bool
    public var ended: Bool
    public var asked: [AskedFollowUp]
    public var clarifications: [Clarification]
    public var hints: [Int]
    public var elapsed: Double
    public var stageSpent: [Double]
    public var covered: [Int]
    public var events: Int

    public init(_ s: Session, at t: Double) {
        notes = s.notes.map(\.lines)
        stage = s.stageIndex
        paused = s.paused
        ended = s.ended
        asked = s.asked
        clarifications = s.clarifications
        hints = s.hintsShown
        elapsed = s.elapsed(at: t)
        stageSpent = s.scenario.stages.indices.map { s.stageSpent($0, at: t) }
        covered = s.scenario.stages.indices.map { s.coverageCount(stage: $0).covered }
        events = s.eventCount
    }

    public var description: String { "stage \(stage), \(events) events, elapsed \(elapsed), notes \(notes.map { $0.joined(separator: "⏎").prefix(40) })" }
}

/// A sink in memory that can be told to fail, standing in for a full disk or a broken one.
public final class FaultySink: RecordingSink {
    public private(set) var bytes: [UInt8] = []
    public private(set) var appends = 0
    public private(set) var syncs = 0
    /// While set, writes fail: `partial` bytes of the next write reach the file, then ENOSPC.
    public var full: (partial: Int, errno: Int32)?
    public var failSync = false
    public init() {}

    public func append(_ b: UnsafeRawBufferPointer) -> Int {
        appends += 1
        if let f = full {
            let n = min(f.partial, b.count)
            bytes.append(contentsOf: b.prefix(n))
            return n > 0 ? n : -Int(f.errno)
        }
        bytes.append(contentsOf: b)
        return b.count
    }
    public func sync() -> Int32 { syncs += 1; return failSync ? 5 : 0 }
    public func truncate(_ length: Int) -> Int32 {
        if length <= bytes.count { bytes.removeLast(bytes.count - length) }
        return 0
    }
    public func close() {}
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
