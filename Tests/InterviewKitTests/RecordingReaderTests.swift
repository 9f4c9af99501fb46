import Foundation
import InterviewKit
import Testing
import TestSupport

/// Reading session files back: a cut last line, corrupt lines and hostile files.
@Suite struct RecordingReaderTests {
    /// The check made at every start reads only the end of the newest file.
    @Test func theStartUpCheckTellsAFinishedSessionFromAnInterruptedOne() throws {
        let s = try Fixtures.scenario("video-recommendation")
        let dir = Paths.temporaryFolder("mlsd-ends")
        let done = dir + "/done.mlsd", cut = dir + "/cut.mlsd", broken = dir + "/broken.mlsd"
        try SessionScript.file(s, events: SessionScript.play(s, end: true)).write(toFile: done, atomically: true, encoding: .utf8)
        let interrupted = SessionScript.file(s, events: SessionScript.play(s, end: false))
        try interrupted.write(toFile: cut, atomically: true, encoding: .utf8)
        try (interrupted + "[99,1.0,\"ended").write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(RecordingReader.endsFinished(path: done))
        #expect(!RecordingReader.endsFinished(path: cut))
        #expect(!RecordingReader.endsFinished(path: broken))   // a cut last line is not an end
        #expect(!RecordingReader.endsFinished(path: dir + "/absent.mlsd"))
        #expect(try RecordingReader.summary(path: done).finished)
        #expect(try !RecordingReader.summary(path: cut).finished)
    }

    let scenario = Fixtures.tiny()
    var events: [Event] { SessionScript.roundTripped(SessionScript.play(scenario, charsPerStage: 30)) }
    var file: String { SessionScript.file(scenario, events: events) }

    func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func aCutLastLineIsDroppedAndEverythingBeforeItKept() throws {
        let text = file
        // cut in the middle of the last event line (no newline after it)
        let cut = String(text.dropLast(6))
        let r = try RecordingReader.parse(cut, path: "cut.mlsd")
        #expect(r.tail == .cut)
        #expect(r.issues.isEmpty)
        #expect(r.events == Array(events.dropLast()))
        #expect(r.completeLength == cut.utf8.count - (lines(cut).last!.utf8.count))
        #expect(r.warnings.contains { $0.contains("cut short") })
    }

    @Test func aWholeLastLineWithoutItsNewlineIsKept() throws {
        let r = try RecordingReader.parse(String(file.dropLast()), path: "x.mlsd")
        #expect(r.tail == .unterminated)
        #expect(r.events == events)
    }

    @Test func aCorruptLineIsReportedByNumberAndTheLinesAroundItKept() throws {
        var ls = lines(file)
        ls[5] = "[6,0.5,\"i\",0,0,0"          // cut in the middle, then the file goes on
        ls[9] = "garbage \u{1b}[31m"
        let r = try RecordingReader.parse(ls.joined(separator: "\n"), path: "c.mlsd")
        #expect(r.issues.map(\.line) == [6, 10])
        #expect(r.events.count == events.count - 2)
        #expect(r.events.first == events.first)
        #expect(r.events.last == events.last)
        #expect(r.warnings.first?.hasPrefix("c.mlsd:6: ") == true)
        #expect(!r.warnings.joined().contains("\u{1b}"), "a warning never echoes a control character")
    }

    @Test(arguments: [
        // (event line, why it is refused)
        ("[5,1.0,\"i\",99,0,0,\"x\"]", "stage 99"),
        ("[5,1.0,\"i\",0,-1,0,\"x\"]", "whole number"),
        ("[5,1e300,\"i\",0,0,0,\"x\"]", "time"),
        ("[5,-3,\"i\",0,0,0,\"x\"]", "time"),
        ("[1e300,1.0,\"i\",0,0,0,\"x\"]", "sequence"),
        ("[5,1.0,\"hintShown\",{\"stage\":0,\"level\":99}]", "hint 99"),
        ("[5,1.0,\"started\",{\"minutes\":9223372036854775807,\"level\":\"senior\"}]", "fields"),
        ("[5,1.0,\"started\",{\"minutes\":100000,\"level\":\"senior\"}]", "minutes"),
        ("[5,1.0,\"followUpAsked\",{\"stage\":0,\"id\":\"nope\"}]", "nope"),
        ("[5,1.0,\"stageEntered\",{\"stage\":-1}]", "stage -1"),
        ("[5,1.0,\"i\",0,0,0,\"x\",\"extra\"]", "7 fields"),
        ("{\"seq\":5}", "array"),
    ])
    func absurdNumbersAreRefusedLineByLine(line: String, why: String) throws {
        var ls = lines(file)
        ls.insert(line, at: 4)
        let r = try RecordingReader.parse(ls.joined(separator: "\n"), path: "a.mlsd")
        #expect(r.issues.count == 1)
        #expect(r.issues.first?.line == 5)
        #expect(r.issues.first?.message.contains(why) == true, "\(r.issues.first?.message ?? "")")
        #expect(r.events.count == events.count)
    }

    @Test func eventsOfAnUnknownKindAreSkippedAndCounted() throws {
        var ls = lines(file)
        ls.insert("[5,1.0,\"teleported\",{\"to\":\"mars\"}]", at: 4)
        let r = try RecordingReader.parse(ls.joined(separator: "\n"), path: "u.mlsd")
        #expect(r.issues.isEmpty)
        #expect(r.unknownKinds == 1)
    }

    @Test func anEventOutOfOrderIsSkipped() throws {
        var ls = lines(file)
        ls.insert("[1,0.5,\"i\",0,0,0,\"x\"]", at: 6)
        let r = try RecordingReader.parse(ls.joined(separator: "\n"), path: "o.mlsd")
        #expect(r.issues.map(\.line) == [7])
        #expect(r.issues.first?.message.contains("not after") == true)
    }

    @Test func aHugeLineIsRefusedWithoutReadingIt() throws {
        var ls = lines(file)
        ls.insert("[5,1.0,\"i\",0,0,0,\"" + String(repeating: "a", count: RecordingFormat.maxEventBytes) + "\"]", at: 3)
        let r = try RecordingReader.parse(ls.joined(separator: "\n"), path: "h.mlsd")
        #expect(r.issues.map(\.line) == [4])
        #expect(r.issues.first?.message.contains("bytes") == true)
    }

    @Test func deepNestingInAnEventIsAnIssueNotACrash() throws {
        var ls = lines(file)
        ls.insert("[5,1.0,\"x\"," + String(repeating: "[", count: 200_000) + "]", at: 3)
        let r = try RecordingReader.parse(ls.joined(separator: "\n"), path: "d.mlsd")
        #expect(r.issues.map(\.line) == [4])
    }

    @Test(arguments: [
        ("", "empty"),
        ("not json at all\n", "not an mlsd session"),
        ("{\"format\":\"something-else\"}\n", "format"),
        ("{\"format\":\"mlsd-session\",\"version\":99}\n", "newer"),
        ("[1,0,\"i\",0,0,0,\"x\"]\n", "header"),
        ("{\"format\":\"mlsd-session\",\"version\":1,\"settings\":{\"minutes\":45,\"level\":\"senior\"},\"scenario\":{\"id\":1}}\n", "scenario"),
        ("{\"format\":\"mlsd-session\",\"version\":1,\"settings\":{\"minutes\":-5,\"level\":\"senior\"},\"scenario\":{}}\n", "settings"),
        (String(repeating: "{\"a\":", count: 10_000) + "\n", "nested"),
        ("{\"format\":\"mlsd-se", "stopped before its header"),
    ])
    func aFileThatIsNotASessionGetsAnErrorWithItsLine(text: String, says: String) {
        do {
            _ = try RecordingReader.parse(text, path: "bad.mlsd")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.description.contains(says), "\(error.description)")
            #expect(error.description.hasPrefix("bad.mlsd:1: "))
        }
    }

    @Test func anEmbeddedScenarioWithoutStagesIsRefused() throws {
        var s = scenario
        s.stages = []
        let h = RecordingFormat.Header(program: "x", created: Date(), settings: Settings(minutes: 45, level: .senior), scenario: s)
        #expect(throws: RecordingError.self) { try RecordingReader.parse(h.line + "\n", path: "s.mlsd") }
    }

    @Test func aFileOfMostlyGarbageIsRefused() {
        let text = lines(file)[0] + "\n" + String(repeating: "garbage\n", count: RecordingReader.maxIssues + 5)
        #expect(throws: RecordingError.self) { try RecordingReader.parse(text, path: "g.mlsd") }
    }

    @Test func randomBytesNeverCrashTheReader() {
        var rng = SplitMix64(seed: 42)
        let head = Array(lines(file)[0].utf8) + [0x0A]
        for round in 0..<200 {
            var bytes = head
            let n = Int(rng.next() % 400)
            for _ in 0..<n {
                let r = rng.next()
                // mostly JSON-ish bytes, some invalid UTF-8 and controls
                let pool: [UInt8] = Array("[]{}\",:0123456789.-eE\\utrfaln \n".utf8) + [0xC0, 0xFF, 0xE2, 0x80, 0x1B]
                bytes.append(pool[Int(r % UInt64(pool.count))])
            }
            let result = bytes.withUnsafeBufferPointer { try? RecordingReader.parse($0, path: "r\(round).mlsd") }
            if let r = result { #expect(r.events.count <= n) }
        }
    }

    @Test func theSummaryReadsOnlyTheHeaderAndTheEnd() throws {
        let dir = Paths.temporaryFolder("mlsd-summary")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let done = dir + "/done.mlsd", cut = dir + "/cut.mlsd"
        try file.write(toFile: done, atomically: true, encoding: .utf8)
        try String(SessionScript.file(scenario, events: Array(events.dropLast())).dropLast(3)).write(toFile: cut, atomically: true, encoding: .utf8)
        let a = try RecordingReader.summary(path: done), b = try RecordingReader.summary(path: cut)
        #expect(a.finished)
        #expect(!b.finished)
        #expect(a.duration == events.last!.at)
        #expect(b.duration == events[events.count - 3].at)
        #expect(a.header.scenario.id == "tiny")
    }
}
