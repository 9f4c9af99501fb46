import Foundation
import InterviewKit
import Testing
import TestSupport

/// Seeking and playing: any moment, reached forwards or backwards, is the same state as a fresh fold.
@Suite struct RecordingReplayTests {
    let scenario = Fixtures.tiny(followUps: [.frame: [FollowUp(id: "why", ask: "Why this label?", trigger: .enter)]])

    func recording(chars: Int = 80, end: Bool = true) throws -> Recording {
        // words that hit the tiny case's checklist signals, so that coverage counts are not all zero
        let events = SessionScript.play(scenario, charsPerStage: chars, end: end,
                                        text: "alpha clarify then beta frame and alpha data first model beta evaluation alpha serving beta monitoring")
        return try RecordingReader.parse(SessionScript.file(scenario, events: events), path: "r.mlsd")
    }

    func freshFold(_ r: Recording, at t: Double) -> Session {
        var s = Session(scenario: r.scenario, settings: r.settings)
        for e in r.events where e.at <= t { s.apply(e) }
        return s
    }

    @Test func seekingForwardAndBackwardGivesTheStateOfAFreshFold() throws {
        let r = try recording()
        var replay = try Replay(recording: r)
        var rng = SplitMix64(seed: 3)
        var times: [Double] = [0, r.duration, r.duration / 2, 0.001, r.duration - 0.001]
        for _ in 0..<120 { times.append(Double(rng.next() % UInt64(r.duration * 1000)) / 1000) }
        var backwards = 0
        for t in times {
            if t < replay.time { backwards += 1 }
            replay.seek(to: t)
            let fresh = freshFold(r, at: t)
            #expect(SessionDigest(replay.session, at: t) == SessionDigest(fresh, at: t), "at \(t)")
            #expect(replay.session.coverage == fresh.coverage, "coverage caught up in one go is the same as scanning every edit, at \(t)")
            if t == r.duration { #expect(fresh.coverage.counts.joined().reduce(0, +) > 5, "the script's words hit the checklist") }
        }
        #expect(backwards > 30, "the random walk went backwards often")
    }

    @Test func smallStepsForwardFoldOnlyTheNewEvents() throws {
        let r = try recording()
        var replay = try Replay(recording: r)
        var t = 0.0
        while t < r.duration {
            t += 0.7
            replay.seek(to: t)
            #expect(replay.applied == r.events.filter { $0.at <= min(t, r.duration) }.count)
        }
        #expect(SessionDigest(replay.session, at: r.duration) == SessionDigest(freshFold(r, at: r.duration), at: r.duration))
    }

    @Test func snapshotsGiveTheSameStateAtEveryEventCount() throws {
        let r = try recording(chars: 40)
        let snaps = try Snapshots(scenario: r.scenario, settings: r.settings, events: r.events, interval: 16)
        var s = Session(scenario: r.scenario, settings: r.settings)
        for k in 0...r.events.count {
            let t = k == 0 ? 0 : r.events[k - 1].at
            let snap = snaps.state(after: k)
            #expect(SessionDigest(snap, at: t) == SessionDigest(s, at: t), "after \(k) events")
            #expect(snap.coverage == s.coverage, "after \(k) events")
            if k < r.events.count { s.apply(r.events[k]) }
        }
    }

    @Test func playingMovesAtTheChosenSpeedAndStopsAtTheEnd() throws {
        let r = try recording()
        var replay = try Replay(recording: r, idleLimit: nil)
        replay.togglePlay()
        replay.advance(real: 2)
        #expect(abs(replay.time - 2) < 1e-9)
        replay.faster(); replay.faster()     // 4×
        #expect(replay.speed == 4)
        replay.advance(real: 1)
        #expect(abs(replay.time - 6) < 1e-9)
        for _ in 0..<10 { replay.faster() }
        #expect(replay.speed == 16)
        for _ in 0..<10 { replay.slower() }
        #expect(replay.speed == 0.25)
        replay.advance(real: 1e6)
        #expect(replay.time == r.duration)
        #expect(!replay.playing)
    }

    @Test func longIdleStretchesPlayAsTheLimit() throws {
        let r = try recording()
        // the script pauses for 120 s in stage 4: find that gap
        let gap = zip(r.events, r.events.dropFirst()).max { ($0.1.at - $0.0.at) < ($1.1.at - $1.0.at) }!
        #expect(gap.1.at - gap.0.at >= 100)
        var replay = try Replay(recording: r, idleLimit: 5)
        replay.seek(to: gap.0.at)
        replay.togglePlay()
        replay.advance(real: 5.5)
        #expect(replay.time > gap.1.at, "120 s of nothing played in about 5 s")
        var full = try Replay(recording: r, idleLimit: nil)
        full.seek(to: gap.0.at)
        full.togglePlay()
        full.advance(real: 5.5)
        #expect(abs(full.time - (gap.0.at + 5.5)) < 1e-6)
    }

    @Test func markersCoverStagesFollowUpsHintsQuestionsPausesAndComments() throws {
        let r = try recording()
        var replay = try Replay(recording: r)
        let kinds = Set(replay.markers.map(\.kind))
        #expect(kinds.isSuperset(of: [.stage, .followUp, .hint, .question, .pause, .resume, .end]))
        replay.seek(to: 10)
        replay.addComment("Good question about scale")
        #expect(replay.markers.contains { $0.kind == .comment && $0.at == 10 })
        replay.seek(to: 0)
        var visited: [Double] = []
        while let m = replay.nextMarker() { visited.append(m.at); #expect(replay.time == m.at) }
        #expect(visited == visited.sorted())
        #expect(visited.count == Set(replay.markers.map(\.at).filter { $0 > 0.0005 }).count)
        let last = replay.time
        let back = replay.previousMarker()
        #expect(back != nil && back!.at < last)
    }

    @Test func stageSpansFollowTheStageChanges() throws {
        let r = try recording()
        let replay = try Replay(recording: r)
        #expect(replay.stageSpans.map(\.stage) == Array(0..<scenario.stages.count))
        for (a, b) in zip(replay.stageSpans, replay.stageSpans.dropFirst()) { #expect(a.to == b.from) }
        #expect(replay.stageSpans.last?.to == r.duration)
    }

    @Test func whatWasTypedInTheLastSecondsIsFound() throws {
        // a hand-made recording: "hello " typed at 1 s, "world" at 20 s
        var events = [Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))]
        events.append(Event(seq: 3, at: 1, kind: .notesEdited(stage: 0, edit: .insert("hello ", at: TextPosition(line: 0, column: 0)))))
        events.append(Event(seq: 4, at: 20, kind: .notesEdited(stage: 0, edit: .insert("world", at: TextPosition(line: 0, column: 6)))))
        events.append(Event(seq: 5, at: 21, kind: .notesEdited(stage: 0, edit: .insert("\nnext", at: TextPosition(line: 0, column: 11)))))
        events.append(Event(seq: 6, at: 60, kind: .paused))
        let r = try RecordingReader.parse(SessionScript.file(scenario, events: events), path: "h.mlsd")
        var replay = try Replay(recording: r)
        replay.seek(to: 22)
        #expect(replay.recentChanges(stage: 0, window: 5) == [0: 6..<11, 1: 0..<4])
        replay.seek(to: 40)
        #expect(replay.recentChanges(stage: 0, window: 5).isEmpty)
    }

    @Test(arguments: [
        (["abc"], ["abXc"], [0: 2..<3]),
        (["a", "b"], ["a", "b", "c"], [2: 0..<1]),
        (["one two"], ["one", "two"], [0: 3..<3, 1: 0..<0]),
        (["same"], ["same"], [:]),
        (["abcdef"], ["abef"], [:]),
        (["x"], ["", "x"], [0: 0..<0]),
    ] as [([String], [String], [Int: Range<Int>])])
    func textChangesFindTheInsertedCharacters(old: [String], new: [String], expected: [Int: Range<Int>]) {
        #expect(TextChanges.changed(old: old, new: new) == expected.filter { !$0.value.isEmpty })
    }

    @Test func theReportOfAReplayIsTheReportOfTheLiveSession() throws {
        let events = SessionScript.play(scenario, charsPerStage: 50)
        var live = Session(scenario: scenario, settings: Settings(minutes: 45, level: .senior))
        for e in events { live.apply(e) }
        let r = try RecordingReader.parse(SessionScript.file(scenario, events: events), path: "x.mlsd")
        let replayed = try Replay(recording: r).report
        let original = Report(session: live, at: events.last!.at)
        #expect(replayed.rubric == original.rubric)
        #expect(replayed.stages.map(\.covered) == original.stages.map(\.covered))
        #expect(replayed.followUps.map(\.ask) == original.followUps.map(\.ask))
        #expect(abs(replayed.elapsed - original.elapsed) < 0.01)
    }

    @Test func aFoldThatWouldTakeForeverIsRefused() throws {
        // one enormous paragraph, then many single keystrokes into it: absurd amounts of scanning
        var events = [Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))]
        events.append(Event(seq: 3, at: 1, kind: .notesEdited(stage: 0, edit: .insert(String(repeating: "word ", count: 2_000), at: TextPosition(line: 0, column: 0)))))
        for k in 0..<1000 { events.append(Event(seq: 4 + k, at: 2, kind: .notesEdited(stage: 0, edit: .insert("x", at: TextPosition(line: 0, column: 0))))) }
        #expect(throws: Snapshots.TooMuchWork.self) {
            _ = try Snapshots(scenario: scenario, settings: Settings(minutes: 45, level: .senior), events: events, workLimit: 5_000_000)
        }
        // the same session is fine within the real limit
        #expect(throws: Never.self) { _ = try Snapshots(scenario: scenario, settings: Settings(minutes: 45, level: .senior), events: events) }
    }

    @Test func coachNotesSurviveASaveAndNeverTouchTheRecording() throws {
        let dir = Paths.temporaryFolder("mlsd-coach")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.mlsd"
        let text = SessionScript.file(scenario, events: SessionScript.play(scenario, charsPerStage: 20))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try RecordingReader.read(path: path)
        var replay = try Replay(recording: r)
        replay.seek(to: 30)
        replay.addComment("Asked about scale early: good")
        replay.seek(to: 5)
        replay.addComment("Slow start")
        replay.setScore(area: "nav", score: 3, note: "clear questions")
        try replay.coach.save(forRecording: path)
        #expect(CoachNotes.path(for: path) == dir + "/s.coach.json")
        let back = try #require(try CoachNotes.load(forRecording: path))
        #expect(back == replay.coach)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let md = back.markdown(report: replay.report, recording: r)
        let slow = try #require(md.range(of: "Slow start")), scale = try #require(md.range(of: "Asked about scale"))
        #expect(slow.lowerBound < scale.lowerBound, "comments in time order")
        #expect(md.contains("| Navigation | 3/4 strong | clear questions |"))
        #expect(md.contains("## Time per stage"), "the automatic report is beside it")
    }

    @Test func aHostileCoachFileGetsAnError() throws {
        let dir = Paths.temporaryFolder("mlsd-coach-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try String(repeating: "[", count: 100_000).write(toFile: dir + "/s.coach.json", atomically: true, encoding: .utf8)
        #expect(throws: RecordingError.self) { _ = try CoachNotes.load(forRecording: dir + "/s.mlsd") }
    }
}
