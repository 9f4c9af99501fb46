import InterviewKit
import MockUI
import TerminalKit
import Testing
import TestSupport

/// The coach's console: keys move the play head, the notes show as they were, coach data is asked for.
@Suite struct ReplayScreenTests {
    let scenario = Fixtures.tiny(followUps: [.frame: [FollowUp(id: "why", ask: "Why this label?", trigger: .enter)]])
    let size = Size(width: 100, height: 30)

    func screen(_ events: [Event]? = nil) throws -> ReplayScreen {
        let ev = events ?? SessionScript.play(scenario, charsPerStage: 60)
        let r = try RecordingReader.parse(SessionScript.file(scenario, events: ev), path: "/tmp/x.mlsd")
        return ReplayScreen(replay: try Replay(recording: r), recordedAt: "2026-11-21 08:30")
    }

    @Test func spacePlaysAndTimeMovesTheHead() throws {
        var s = try screen()
        #expect(s.handle(.char(" "), at: 0) == .none)
        #expect(s.replay.playing)
        s.tick(at: 0.5)
        s.tick(at: 2.0)
        #expect(abs(s.replay.time - 2.0) < 1e-6)
        _ = s.handle(.char("+"), at: 2)
        s.tick(at: 3.0)
        #expect(abs(s.replay.time - 4.0) < 1e-6, "2× speed")
        _ = s.handle(.char(" "), at: 3)
        s.tick(at: 10)
        #expect(abs(s.replay.time - 4.0) < 1e-6, "paused")
    }

    @Test(arguments: [
        (Key.right, 5.0), (.left, -5.0), (.shiftRight, 60.0), (.shiftLeft, -60.0), (.char(">"), 60.0), (.char("l"), 5.0),
    ])
    func arrowsSeek(key: Key, by: Double) throws {
        var s = try screen()
        let start = min(100, s.replay.duration / 2)
        _ = s.handle(.char("g"), at: 0)
        for ch in Report.clock(start) { _ = s.handle(.char(ch), at: 0) }
        _ = s.handle(.enter, at: 0)
        let t0 = s.replay.time
        #expect(abs(t0 - start.rounded(.down)) < 1e-6)
        _ = s.handle(key, at: 0)
        #expect(abs(s.replay.time - min(max(0, t0 + by), s.replay.duration)) < 1e-6)
    }

    @Test func bracketsJumpBetweenMarkers() throws {
        var s = try screen()
        _ = s.handle(.char("]"), at: 0)
        let first = s.replay.time
        #expect(s.replay.markers.contains { $0.at == first })
        _ = s.handle(.char("]"), at: 0)
        #expect(s.replay.time > first)
        _ = s.handle(.char("["), at: 0)
        #expect(s.replay.time == first)
    }

    @Test func aCommentIsTakenAtTheCurrentTimeAndAsksToBeSaved() throws {
        var s = try screen()
        _ = s.handle(.right, at: 0)
        _ = s.handle(.char("c"), at: 0)
        for ch in "Good scoping" { _ = s.handle(.char(ch), at: 0) }
        #expect(s.handle(.enter, at: 0) == .saveCoach)
        #expect(s.replay.coach.comments == [CoachNotes.Comment(at: 5, stage: 0, text: "Good scoping")])
        let f = s.view(size: size, glyphs: .unicode)
        #expect(f.text.contains("Coach: Good scoping"))
    }

    @Test func scoresAreSetOnTheFourPointScaleWithANote() throws {
        var s = try screen()
        _ = s.handle(.char("s"), at: 0)
        #expect(s.view(size: size, glyphs: .unicode).text.contains("Coach's scores"))
        #expect(s.handle(.char("3"), at: 0) == .saveCoach)
        _ = s.handle(.char("n"), at: 0)
        for ch in "clear" { _ = s.handle(.char(ch), at: 0) }
        #expect(s.handle(.enter, at: 0) == .saveCoach)
        #expect(s.replay.coach.scores == [CoachNotes.Score(area: "nav", score: 3, note: "clear")])
        _ = s.handle(.escape, at: 0)
        #expect(s.overlay == nil)
        #expect(s.handle(.char("e"), at: 0) == .exportReport)
        #expect(s.handle(.char("q"), at: 0) == .quit)
    }

    @Test func theNotesShowWhatWasTypedWithTheLastSecondsHighlighted() throws {
        var events = [Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))]
        events.append(Event(seq: 3, at: 1, kind: .notesEdited(stage: 0, edit: .insert("old words ", at: TextPosition(line: 0, column: 0)))))
        events.append(Event(seq: 4, at: 30, kind: .notesEdited(stage: 0, edit: .insert("fresh", at: TextPosition(line: 0, column: 10)))))
        var s = try screen(events)
        _ = s.handle(.end, at: 0)
        let f = s.view(size: size, glyphs: .unicode)
        let lines = f.lines
        let y = try #require(lines.firstIndex { $0.contains("old words fresh") })
        // one cell per character on this row (no wide characters)
        let fx = lines[y].distance(from: lines[y].startIndex, to: try #require(lines[y].range(of: "fresh")).lowerBound)
        let ox = lines[y].distance(from: lines[y].startIndex, to: try #require(lines[y].range(of: "old")).lowerBound)
        #expect(f[fx, y].style.role == .highlight)
        #expect(f[fx + 4, y].style.role == .highlight)
        #expect(f[ox, y].style.role != .highlight)
        // the clocks line and the timeline
        #expect(f.text.contains("0:30 / 0:30"))
        #expect(f.text.contains("Stage 1/7 Clarify requirements"))
    }

    @Test func controlCharactersInTheNotesAreShownAsPlaceholders() throws {
        var events = [Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))]
        events.append(Event(seq: 3, at: 1, kind: .notesEdited(stage: 0, edit: .insert("a\u{1b}]52;c;eHh4\u{07}b\u{9b}2Jc\u{202e}d", at: TextPosition(line: 0, column: 0)))))
        events.append(Event(seq: 4, at: 2, kind: .clarificationAsked(stage: 0, question: "q\u{1b}[2J", fact: nil)))
        var s = try screen(events)
        _ = s.handle(.end, at: 0)
        let f = s.view(size: size, glyphs: .unicode)
        #expect(f.text.contains("a␛]52;c;eHh4␇b"))
        #expect(f.text.contains("Question: q⟨U+001B⟩[2J") || f.text.contains("Question: q␛[2J"))
        for c in f.cells { #expect(!(c.scalar < 0x20 || (c.scalar >= 0x7F && c.scalar < 0xA0) || c.scalar == 0x202E)) }
        for cl in f.clusters { #expect(!cl.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E }) }
    }

    @Test func everyReplayKeyIsInTheHelpAndInMlsdKeys() throws {
        var s = try screen()
        _ = s.handle(.function(1), at: 0)
        let all = Keymaps.allText
        for g in Keymaps.replay.groups { for b in g.bindings { #expect(all.contains(b.help)) } }
        let help = s.view(size: Size(width: 100, height: 60), glyphs: .unicode).text
        #expect(help.contains("Replay") || help.contains("Play"))
        #expect(help.contains("play or pause"))
    }

    @Test(arguments: [Size(width: 100, height: 30), Size(width: 80, height: 24), Size(width: 60, height: 18)])
    func replayConsoleGolden(size: Size) throws {
        var s = try screen()
        _ = s.handle(.char("g"), at: 0)
        for ch in "1:00" { _ = s.handle(.char(ch), at: 0) }
        _ = s.handle(.enter, at: 0)
        let f = s.view(size: size, glyphs: .unicode)
        if let m = Golden.mismatch(f.text, name: "replay-\(size.width)x\(size.height)") { Issue.record(Comment(rawValue: m)) }
    }

    @Test func aTinyTerminalAsksForRoom() throws {
        var s = try screen()
        #expect(s.view(size: Size(width: 40, height: 10), glyphs: .unicode).text.contains("Enlarge the terminal"))
    }
}

/// The console shows the sketch as it was at the play head.
@Suite struct ReplaySketchTests {
    @Test func theSketchIsDrawnBesideTheNotesAndAlone() throws {
        let scenario = Fixtures.tiny()
        var e = Engine(scenario: scenario, settings: Settings(minutes: 45, level: .senior))
        var events = e.handle(.start, at: 0)
        events += e.handle(.edit(.insert("notes here", at: TextPosition(line: 0, column: 0))), at: 1)
        events += e.handle(.sketch(.addBox(label: "Candidate gen", kind: .service, at: SketchPoint(x: 1, y: 1))), at: 10)
        let r = try RecordingReader.parse(SessionScript.file(scenario, events: events), path: "/tmp/s.mlsd")
        var s = ReplayScreen(replay: try Replay(recording: r))
        _ = s.handle(.char("g"), at: 0)
        _ = s.handle(.text("0:05"), at: 0)
        _ = s.handle(.enter, at: 0)
        #expect(!s.view(size: Size(width: 100, height: 30), glyphs: .unicode).text.contains("Candidate gen"), "not drawn yet at 0:05")
        _ = s.handle(.end, at: 0)
        let both = s.view(size: Size(width: 100, height: 30), glyphs: .unicode).text
        #expect(both.contains("Candidate gen") && both.contains("notes here"))
        _ = s.handle(.char("v"), at: 0)
        _ = s.handle(.char("v"), at: 0)
        let alone = s.view(size: Size(width: 100, height: 30), glyphs: .ascii).text
        #expect(alone.contains("Candidate gen") && !alone.contains("notes here"))
    }
}
