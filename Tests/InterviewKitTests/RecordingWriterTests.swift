import Foundation
import InterviewKit
import Testing
import TestSupport

/// The recorder: one write per event, fsync at markers and every 2 s, and a full disk or an
/// unwritable folder that never stops the interview nor damages what was written.
@Suite struct RecordingWriterTests {
    let scenario = Fixtures.tiny()
    var header: RecordingFormat.Header {
        RecordingFormat.Header(program: "mlsd test", created: Date(timeIntervalSince1970: 0), settings: Settings(minutes: 45, level: .senior), scenario: scenario)
    }

    func recorder(_ sink: FaultySink) -> Recorder {
        Recorder(path: "/mem/s.mlsd", header: header, opener: { .success(sink) })
    }

    func typing(_ n: Int, from seq: Int = 3, at t0: Double = 1) -> [Event] {
        (0..<n).map { Event(seq: seq + $0, at: t0 + Double($0) * 0.1, kind: .notesEdited(stage: 0, edit: .insert("a", at: TextPosition(line: 0, column: $0)))) }
    }

    func start(_ r: Recorder) {
        r.record([Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))], at: 0)
    }

    /// Typed characters take a shortcut straight to bytes; the line must be the one `line` writes.
    @Test func theTypingShortcutWritesExactlyTheUsualLine() {
        let texts = ["a", "é", "漢字", "with space", "", "quote\"", "back\\slash", "tab\t", "\u{1b}[31m", "emoji 👍🏽"]
        let times = [0, 0.0004, 0.0005, 1.001, 59.999, 3600.25, 10799.9995, 9.2e15]
        var seq = 1
        for t in texts {
            for at in times {
                for (line, column) in [(0, 0), (12, 345), (7, 1), (Int.max, Int.max), (Int.min, -1)] {
                    let e = Event(seq: seq, at: at, kind: .notesEdited(stage: seq % 7, edit: .insert(t, at: TextPosition(line: line, column: column))))
                    seq = (seq * 7 + 3) % 1_000_003
                    var bytes: [UInt8] = []
                    if RecordingFormat.typedLine(e, into: &bytes) {
                        #expect(String(decoding: bytes, as: UTF8.self) == RecordingFormat.line(e) + "\n")
                    } else {
                        // only text that needs escaping or is not ASCII goes the long way
                        #expect(t.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F })
                    }
                }
            }
        }
    }

    @Test func eachEventReachesTheKernelInItsOwnWrite() {
        let sink = FaultySink()
        let r = recorder(sink)
        start(r)
        #expect(sink.appends == 3, "the header, then one write per event")
        for (k, e) in typing(10).enumerated() {
            r.record([e], at: 1 + Double(k) * 0.1)
            #expect(sink.appends == 4 + k)
            #expect(sink.text.hasSuffix(RecordingFormat.line(e) + "\n"), "the event is in the file as soon as it is recorded")
        }
        #expect(r.eventsWritten == 12)
    }

    @Test func itSyncsAtStageChangesAndAtLeastEveryTwoSeconds() {
        let sink = FaultySink()
        let r = recorder(sink)
        start(r)
        #expect(sink.syncs == 1, "starting enters a stage: a marker")
        // typing for 1.9 s: no sync yet
        for (k, e) in typing(20, at: 0.05).enumerated() where Double(k) * 0.1 + 0.05 < 1.95 { r.record([e], at: e.at) }
        #expect(sink.syncs == 1)
        r.tick(at: 2.0)
        #expect(sink.syncs == 2, "written data is synced within 2 s")
        r.tick(at: 3.0)
        #expect(sink.syncs == 2, "nothing new: no sync")
        r.record([Event(seq: 100, at: 3.1, kind: .stageEntered(stage: 1))], at: 3.1)
        #expect(sink.syncs == 3, "a stage change is synced at once")
        r.record(typing(1, from: 101, at: 3.2), at: 3.2)
        r.tick(at: 4.0)
        #expect(sink.syncs == 3)
        r.tick(at: 5.2)
        #expect(sink.syncs == 4)
    }

    @Test func aFullDiskWarnsRetriesAndLeavesOnlyWholeLines() throws {
        let sink = FaultySink()
        let r = recorder(sink)
        start(r)
        let before = sink.text
        sink.full = (partial: 5, errno: 28)   // half a line gets through, then ENOSPC
        let events = typing(30)
        r.record(Array(events[0..<10]), at: 1)
        #expect(r.warning?.contains("No space left on device") == true, "\(r.warning ?? "nil")")
        #expect(r.warning?.contains("10 events held") == true)
        #expect(sink.text == before, "the half-written line was taken back")
        // more typing while the disk is full: held in memory, no write attempted before the retry time
        let attempts = sink.appends
        r.record(Array(events[10..<20]), at: 1.5)
        r.tick(at: 2.0)
        #expect(sink.appends == attempts)
        // the disk has room again
        sink.full = nil
        r.tick(at: 3.1)
        #expect(r.warning == nil)
        r.record(Array(events[20..<30]), at: 3.2)
        let back = try RecordingReader.parse(sink.text, path: "s.mlsd")
        #expect(back.issues.isEmpty)
        #expect(back.events.count == 32)
        #expect(back.events.suffix(30).map(\.seq) == events.map(\.seq))
    }

    @Test func aCutLineThatCannotBeTakenBackIsEndedSoOnlyItIsLost() throws {
        final class StuckSink: RecordingSink {
            let inner = FaultySink()
            func append(_ b: UnsafeRawBufferPointer) -> Int { inner.append(b) }
            func sync() -> Int32 { 0 }
            func truncate(_ length: Int) -> Int32 { 5 }   // EIO: the cut stays
            func close() {}
        }
        let sink = StuckSink()
        let r = Recorder(path: "/mem/s.mlsd", header: header, opener: { .success(sink) })
        start(r)
        sink.inner.full = (partial: 7, errno: 28)
        let events = typing(3)
        r.record([events[0]], at: 1)
        sink.inner.full = nil
        r.record([events[1], events[2]], at: 4)
        let back = try RecordingReader.parse(sink.inner.text, path: "s.mlsd")
        #expect(back.events.map(\.seq) == [1, 2, 3, 4, 5], "the event whose write was cut is written again, whole")
        #expect(back.issues.map(\.line) == [4], "only the cut fragment is a bad line")
    }

    @Test func anUnwritableFolderIsRetriedUntilItCanBeWritten() throws {
        let base = Paths.temporaryFolder("mlsd-unwritable")
        defer { try? FileManager.default.removeItem(atPath: base) }
        // A file where the folder should be: nothing can be created under it (even as root).
        let blocker = base + "/data"
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let path = blocker + "/mlsd/sessions/s.mlsd"
        let r = Recorder(path: path, header: header)
        start(r)
        #expect(r.warning?.contains("Not a directory") == true, "\(r.warning ?? "nil")")
        r.record(typing(5), at: 1)
        #expect(r.waiting == 7)
        try FileManager.default.removeItem(atPath: blocker)
        r.tick(at: 1.5)
        #expect(r.warning != nil, "not retried before the retry interval")
        r.tick(at: 2.5)
        #expect(r.warning == nil)
        let back = try RecordingReader.read(path: path)
        #expect(back.events.map(\.seq) == [1, 2, 3, 4, 5, 6, 7])
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o600, "a recording is private to its user")
        #expect(r.close(at: 3) == nil)
    }

    @Test func aRecordingNeverReplacesAnExistingFile() throws {
        let dir = Paths.temporaryFolder("mlsd-exists")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.mlsd"
        try "precious".write(toFile: path, atomically: true, encoding: .utf8)
        let r = Recorder(path: path, header: header)
        start(r)
        #expect(r.warning?.contains("File exists") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    }

    @Test func closingReportsEventsThatCouldNotBeWritten() {
        let sink = FaultySink()
        let r = recorder(sink)
        start(r)
        sink.full = (partial: 0, errno: 28)
        r.record(typing(3), at: 1)
        #expect(r.close(at: 2)?.contains("3 events could not be written") == true)
    }

    @Test func resumingAppendsAfterACutLastLine() throws {
        let dir = Paths.temporaryFolder("mlsd-resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.mlsd"
        let events = SessionScript.play(scenario, charsPerStage: 20, end: false)
        let text = SessionScript.file(scenario, events: events)
        try String(text.dropLast(4)).write(toFile: path, atomically: true, encoding: .utf8)
        let first = try RecordingReader.read(path: path)
        #expect(first.tail == .cut)
        var engine = Engine(scenario: first.scenario, settings: first.settings, events: first.events)
        let r = Recorder(resuming: first)
        let more = engine.handle(.edit(.insert("resumed", at: engine.session.notes[engine.session.stageIndex].end)), at: first.duration + 1)
            + engine.handle(.end, at: first.duration + 2)
        r.record(more, at: 10)
        r.close(at: 11)
        let back = try RecordingReader.read(path: path)
        #expect(back.issues.isEmpty)
        #expect(back.tail == .none)
        #expect(back.events == first.events + SessionScript.roundTripped(more))
        #expect(back.finished)
    }

    @Test func resumingAfterAWholeUnterminatedLineEndsItFirst() throws {
        let dir = Paths.temporaryFolder("mlsd-resume2")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.mlsd"
        let events = SessionScript.play(scenario, charsPerStage: 10, end: false)
        try String(SessionScript.file(scenario, events: events).dropLast()).write(toFile: path, atomically: true, encoding: .utf8)
        let first = try RecordingReader.read(path: path)
        #expect(first.tail == .unterminated)
        let r = Recorder(resuming: first)
        r.record([Event(seq: events.count + 1, at: first.duration + 1, kind: .ended)], at: 1)
        r.close(at: 2)
        let back = try RecordingReader.read(path: path)
        #expect(back.issues.isEmpty)
        #expect(back.events.count == events.count + 1)
    }
}
