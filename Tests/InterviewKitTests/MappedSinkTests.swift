import Foundation
@testable import InterviewKit
import Testing
import TestSupport

/// The session file written through a memory map: every event is in the file as soon as it is
/// recorded, a recorder that is never closed (killed) leaves a file every reader takes whole,
/// and resuming, cutting and closing leave exactly the lines and nothing else.
@Suite struct MappedSinkTests {
    let scenario = Fixtures.tiny()
    var header: RecordingFormat.Header {
        RecordingFormat.Header(program: "mlsd test", created: Date(timeIntervalSince1970: 0), settings: Settings(minutes: 45, level: .senior), scenario: scenario)
    }

    func path() -> String { Paths.temporaryFolder("mlsd-mapped") + "/sessions/s.mlsd" }

    func start(_ r: Recorder) {
        r.record([Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))], at: 0)
    }

    func typing(_ n: Int, from seq: Int, at t0: Double) -> [Event] {
        (0..<n).map { Event(seq: seq + $0, at: t0 + Double($0) * 0.01, kind: .notesEdited(stage: 0, edit: .insert($0 % 9 == 8 ? " " : "a", at: TextPosition(line: 0, column: $0)))) }
    }

    func bytes(_ p: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: p))) }

    @Test func theRecorderWritesThroughAMap() throws {
        let p = path()
        let r = Recorder(path: p, header: header)
        start(r)
        #expect(r.problem == nil)
        // The file is reserved ahead: its size is a whole step while the session goes on.
        #expect(try bytes(p).count == MappedSink.step)
        r.close(at: 1)
    }

    /// A recorder that is never closed, as under kill -9: every event is in the file, followed by
    /// zero bytes, and every reader takes the file whole, without a complaint.
    @Test func aSessionStoppedWithoutClosingIsReadWhole() throws {
        let p = path()
        var r: Recorder? = Recorder(path: p, header: header)
        start(r!)
        let events = typing(9000, from: 3, at: 1)   // several reserve steps
        for (k, e) in events.enumerated() { r!.record([e], at: 1 + Double(k) * 0.01) }
        r = nil   // dropped, never closed
        let raw = try bytes(p)
        #expect(raw.count % MappedSink.step == 0 && raw.count > 3 * MappedSink.step)
        #expect(raw.last == 0, "the reserve after the last event is zero bytes")
        let rec = try RecordingReader.read(path: p)
        #expect(rec.events.count == events.count + 2)
        #expect(rec.issues.isEmpty && rec.tail == .none)
        #expect(rec.events.last == events.last)
        #expect(!RecordingReader.endsFinished(path: p))
        let sum = try RecordingReader.summary(path: p)
        #expect(sum.duration == events.last!.at && !sum.finished)
        let fd = open(p, O_RDONLY)
        defer { close(fd) }
        #expect(RecordingReader.dataEnd(fd: fd) == rec.completeLength)
    }

    @Test func resumingCutsTheReserveAndAddsAfterTheLastEvent() throws {
        let p = path()
        var r: Recorder? = Recorder(path: p, header: header)
        start(r!)
        for e in typing(500, from: 3, at: 1) { r!.record([e], at: e.at) }
        r = nil
        let before = try RecordingReader.read(path: p)
        let resumed = Recorder(resuming: before)
        let more = typing(300, from: 503, at: 10)
        for e in more { resumed.record([e], at: e.at) }
        resumed.record([Event(seq: 803, at: 20, kind: .ended)], at: 20)
        resumed.close(at: 20)
        let raw = try bytes(p)
        #expect(!raw.contains(0), "no zero byte is left inside or after the lines")
        let after = try RecordingReader.read(path: p)
        #expect(after.events.count == 803 && after.issues.isEmpty && after.tail == .none)
        #expect(RecordingReader.endsFinished(path: p))
    }

    /// A line cut short (the disk gave out in the middle of one, or an older writer was killed in
    /// a write) is taken off before the resumed session adds to the file.
    @Test func aCutLastLineIsTakenOffOnResuming() throws {
        let p = path()
        let r = Recorder(path: p, header: header)
        start(r)
        for e in typing(20, from: 3, at: 1) { r.record([e], at: e.at) }
        r.close(at: 2)
        let h = try #require(FileHandle(forWritingAtPath: p))
        h.seekToEndOfFile()
        h.write(Data("[23,2.5,\"i\",0,0,2".utf8))
        try h.close()
        let before = try RecordingReader.read(path: p)
        #expect(before.tail == .cut)
        let resumed = Recorder(resuming: before)
        resumed.record(typing(5, from: 23, at: 3), at: 3)
        resumed.close(at: 4)
        let after = try RecordingReader.read(path: p)
        #expect(after.events.count == 2 + 20 + 5 && after.issues.isEmpty && after.tail == .none)
    }

    @Test func closingLeavesExactlyTheLines() throws {
        let p = path()
        let r = Recorder(path: p, header: header)
        start(r)
        let events = typing(3000, from: 3, at: 1)
        for e in events { r.record([e], at: e.at) }
        r.close(at: 40)
        let expected = ([header.line] + ([Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))] + events).map(RecordingFormat.line))
            .joined(separator: "\n") + "\n"
        #expect(String(decoding: try bytes(p), as: UTF8.self) == expected)
    }

    @Test func aFileThatExistsIsNeverReplaced() throws {
        let p = path()
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: p))
        guard case .failure(let e) = MappedSink.create(p) else { Issue.record("created over an existing file"); return }
        #expect(e.errno == EEXIST)
        #expect(String(decoding: try bytes(p), as: UTF8.self) == "mine")
    }

    /// A session being recorded is locked: no second program resumes it (cutting its reserve
    /// would pull pages from under the first) and it is not offered as interrupted.
    @Test func aSessionBeingRecordedIsLocked() throws {
        let p = path()
        var r: Recorder? = Recorder(path: p, header: header)
        start(r!)
        #expect(RecordingReader.inUse(path: p))
        guard case .failure(let e) = MappedSink.reopen(p) else { Issue.record("reopened a file being recorded"); return }
        #expect(e.errno == EWOULDBLOCK)
        r = nil   // the program ends (here: the recorder is dropped, as when it is killed)
        #expect(!RecordingReader.inUse(path: p))
        guard case .success(let s) = MappedSink.reopen(p) else { Issue.record("cannot reopen after the recorder went"); return }
        s.close()
    }

    /// Where a file is not mapped (a file system that cannot reserve blocks for good), the same
    /// file is written with write(2) at offsets the sink keeps: appends, cuts and resumes.
    @Test func theWriteFallbackAppendsCutsAndResumes() throws {
        let p = path()
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("head\n".utf8).write(to: URL(fileURLWithPath: p))
        let fd = open(p, O_RDWR)
        let sink = FileSink(fd: fd, path: p)
        func put(_ t: String) -> Int { Array(t.utf8).withUnsafeBytes { sink.append($0) } }
        #expect(put("one\n") == 4)
        #expect(put("half") == 4)
        #expect(sink.truncate(9) == 0)
        #expect(put("two\n") == 4)
        sink.close()
        #expect(String(decoding: try bytes(p), as: UTF8.self) == "head\none\ntwo\n")
        #expect(MappedSink.reservingFileSystems.contains(0xEF53), "ext4 is mapped")
    }
}
