import Foundation
import InterviewKit
import Testing
import TestSupport

/// The recorder and the session commands in the real program: killed with SIGKILL mid-typing,
/// shown, resumed; a folder that cannot be written; hostile files; the coach's console.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: Paths.binary), "build the program first (make test does)"))
struct RecordingEndToEndTests {
    let bin = Paths.binary

    /// Runs the program with the given data folder; returns status and output.
    func mlsd(_ args: String, data: String) throws -> (status: Int32, output: String, error: String) {
        try shellStatus("\(bin) \(args)", environment: ["XDG_DATA_HOME": data, "LANG": "C.UTF-8"])
    }

    /// Starts the program in tmux, writing its process id to a file first (exec keeps the pid).
    func start(_ args: String, data: String? = nil, width: Int = 100, height: Int = 30) throws -> (Tmux, Int32) {
        let pidFile = Paths.temporaryFolder("mlsd-pid") + "/pid"
        let env = data.map { ["XDG_DATA_HOME": $0] } ?? [:]
        let t = try Tmux("sh -c 'echo $$ > \(pidFile); exec \(bin) \(args)'", width: width, height: height, environment: env)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let s = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(s.trimmingCharacters(in: .whitespacesAndNewlines)) { return (t, pid) }
            usleep(20_000)
        }
        t.kill()
        throw ShellError(command: "pid file", status: 1, output: "")
    }

    /// Whether a process has ended (a zombie its parent has not reaped yet counts as ended).
    func gone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // the state is the first field after the parenthesised command name
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    func sessionFiles(_ data: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: data + "/mlsd/sessions")) ?? []).filter { $0.hasSuffix(".mlsd") }
    }

    @Test func killedWithSIGKILLMidTypingLosesNothingAndResumesWithItsClocks() throws {
        let (t, pid) = try start("practice --minutes 30")
        defer { t.kill() }
        try t.waitFor("Notes · Clarify requirements")
        // typed in pieces, each seen on screen before the next
        let pieces = ["Goal: watch time", " and retention,", " scale 100M DAU", " 漢字 café"]
        var typed = ""
        for p in pieces {
            try t.type(p)
            typed += p
            try t.waitFor(String(typed.suffix(12)))
        }
        try t.waitFor("0:02 / 30:00", timeout: 15)   // let the clock run, so that resuming has a time to go on from
        try t.keys("Enter")
        try t.type("latency budget 200")
        try t.waitFor("latency budget 200")
        kill(pid, SIGKILL)
        try t.waitUntil("the program died") { _ in gone(pid) }
        #expect(sessionFiles(t.dataHome).count == 1)

        // everything typed before the kill is in the recording
        let shown = try mlsd("show last", data: t.dataHome)
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.contains("  " + typed + "\n"), "\(shown.output)")
        #expect(shown.output.contains("  latency budget 200\n"))
        #expect(shown.output.contains("interrupted"))
        let listed = try mlsd("sessions", data: t.dataHome)
        #expect(listed.output.contains("video-recommendation"))
        #expect(listed.output.contains("interrupted"))

        // the next start offers it; resuming shows the notes and goes on
        let (t2, _) = try start("", data: t.dataHome)
        defer { t2.kill() }
        try t2.waitFor("an interrupted session was found")
        try t2.keys("r")
        try t2.waitFor("latency budget 200")
        let clockLine = try t2.waitFor("/ 30:00").split(separator: "\n").first { $0.contains("/ 30:00") } ?? ""
        #expect(!clockLine.contains(" 0:00 / 30:00") && !clockLine.contains(" 0:01 / 30:00"), "the clocks go on from where they stopped: \(clockLine)")
        try t2.type(" p99")
        try t2.waitFor("latency budget 200 p99")
        try t2.endInterview()
        try t2.waitUntil("the program ended") { _ in (try? self.mlsd("show last", data: t.dataHome).output.contains("finished")) == true }
        let after = try mlsd("show last", data: t.dataHome)
        #expect(after.output.contains("  latency budget 200 p99\n"))
        #expect(after.output.contains("  " + typed + "\n"))
        #expect(sessionFiles(t.dataHome).count == 1, "resuming adds to the same file")
    }

    @Test func practiceResumeContinuesTheNewestInterruptedSession() throws {
        let (t, pid) = try start("practice fraud-detection --minutes 30")
        defer { t.kill() }
        try t.waitFor("Notes ·")
        try t.type("class imbalance matters")
        try t.waitFor("class imbalance matters")
        kill(pid, SIGKILL)
        try t.waitUntil("the program died") { _ in gone(pid) }
        let (t2, _) = try start("practice --resume", data: t.dataHome)
        defer { t2.kill() }
        let screen = try t2.waitFor("class imbalance matters")
        #expect(screen.contains("Session resumed"))
        #expect(!screen.contains("an interrupted session was found"), "--resume does not ask")
    }

    @Test func anUnwritableFolderWarnsTheInterviewGoesOnAndTheRecorderCatchesUp() throws {
        let data = Paths.temporaryFolder("mlsd-e2e-blocked")
        let blocked = data + "/blocked"
        FileManager.default.createFile(atPath: blocked, contents: Data("not a folder".utf8))
        let (t, pid) = try start("practice --minutes 30", data: blocked)
        defer { t.kill() }
        try t.waitFor("Not recording")
        try t.type("typed while the folder is missing")
        try t.waitFor("typed while the folder is missing")
        try FileManager.default.removeItem(atPath: blocked)
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
        try t.waitUntil(timeout: 10, "the warning goes once the folder can be written") { !$0.contains("Not recording") }
        try t.type(" and after")
        try t.waitFor("missing and after")
        kill(pid, SIGKILL)
        try t.waitUntil("the program died") { _ in gone(pid) }
        let shown = try mlsd("show last", data: blocked)
        #expect(shown.output.contains("typed while the folder is missing and after"), "\(shown.output)\(shown.error)")
    }

    /// The file cannot grow (a file-size limit, standing in for a full disk): the recorder's next
    /// reserve fails, a warning shows, the interview goes on, and what was written stays readable.
    @Test func aFileThatCannotGrowWarnsAndKeepsWhatWasWritten() throws {
        let data = Paths.temporaryFolder("mlsd-e2e-limit")
        let pidFile = Paths.temporaryFolder("mlsd-pid") + "/pid"
        // 200 blocks of 512 bytes: room for the header (the case) and the first 64 KiB step only.
        let t = try Tmux("sh -c 'ulimit -f 200; echo $$ > \(pidFile); exec \(bin) practice --minutes 30'", environment: ["XDG_DATA_HOME": data])
        defer { t.kill() }
        try t.waitFor("Ctrl-N")
        try t.type("written before the limit")
        try t.waitFor("written before the limit")
        let pid = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        for _ in 0..<24 { try t.type(" " + String(repeating: "filler ", count: 300)) }   // about 50 KB, in pieces tmux takes
        try t.waitFor("Not recording")
        try t.type(" and the interview goes on")
        try t.waitFor("interview goes on")
        #expect(!gone(pid))
        kill(pid, SIGKILL)
        try t.waitUntil("the program died") { _ in gone(pid) }
        let shown = try mlsd("show last", data: data)
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.contains("written before the limit"), "\(shown.output)\(shown.error)")
        #expect(!shown.error.contains("line"), "no line of the file is damaged: \(shown.error)")
    }

    /// While one mlsd records a session, another neither resumes it nor offers it as interrupted.
    @Test func aSessionBeingRecordedIsNotResumedElsewhere() throws {
        let data = Paths.temporaryFolder("mlsd-e2e-busy")
        let (t, _) = try start("practice --minutes 30", data: data)
        defer { t.kill() }
        try t.waitFor("Ctrl-N")
        try t.type("in progress")
        try t.waitFor("in progress")
        let listed = try mlsd("sessions", data: data)
        #expect(listed.output.contains("recording"), "\(listed.output)")
        let second = try mlsd("practice --resume last", data: data)
        #expect(second.status == 5)
        #expect(second.error.contains("being recorded right now by another mlsd"), "\(second.error)")
    }

    @Test func noRecordAndRecordToAFile() throws {
        let data = Paths.temporaryFolder("mlsd-e2e-norec")
        let (t, _) = try start("practice --no-record", data: data)
        defer { t.kill() }
        try t.waitFor("Notes ·")
        try t.type("x")
        try t.waitFor("1 word")
        #expect(sessionFiles(data).isEmpty)
        let target = data + "/mine.mlsd"
        let (t2, pid2) = try start("practice --record \(target)", data: data)
        defer { t2.kill() }
        try t2.waitFor("Notes ·")
        try t2.type("into my own file")
        try t2.waitFor("into my own file")
        kill(pid2, SIGKILL)
        try t2.waitUntil("the program died") { _ in gone(pid2) }
        #expect(try mlsd("show \(target)", data: data).output.contains("into my own file"))
        let again = try mlsd("practice --record \(target)", data: data)
        #expect(again.status == 64, "a recording never replaces a file")
        #expect(again.error.contains("exists"))
    }

    @Test func hostileAndDamagedFilesGetErrorsNamingTheLine() throws {
        let data = Paths.temporaryFolder("mlsd-e2e-hostile")
        let s = try Fixtures.scenario("video-recommendation")
        var events = SessionScript.play(s, charsPerStage: 30)
        events.insert(Event(seq: 4, at: events[2].at, kind: .notesEdited(stage: 0, edit: .insert("evil\u{1b}]52;c;aGk=\u{07}\u{1b}[2J\u{9b}31m", at: TextPosition(line: 0, column: 0)))), at: 3)
        for k in 4..<events.count { events[k].seq += 1 }
        var text = SessionScript.file(s, events: events)
        var lines = text.split(separator: "\n").map(String.init)
        lines[10] = "[11,2.0,\"i\",0,0,0,\"cut"      // a corrupt line in the middle
        text = lines.joined(separator: "\n") + "\n"
        let damaged = data + "/damaged.mlsd"
        try text.write(toFile: damaged, atomically: true, encoding: .utf8)
        let shown = try mlsd("show \(damaged)", data: data)
        #expect(shown.status == 0)
        #expect(shown.error.contains("damaged.mlsd:11: "), "\(shown.error)")
        #expect(shown.output.contains("␛]52;c;aGk=␇␛[2J⟨U+009B⟩31m"), "\(shown.output)")
        #expect(!shown.output.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 || $0.value == 0x9b })
        let report = try mlsd("report \(damaged)", data: data)
        #expect(!report.output.unicodeScalars.contains { $0.value == 0x1b })
        let cast = try mlsd("export \(damaged) --format cast -o -", data: data)
        #expect(cast.status == 0)
        #expect(!cast.output.contains("\\u001b]"), "no OSC sequence in the cast")

        let hostile: [(String, String)] = [
            ("deep", "{\"format\":" + String(repeating: "[", count: 1_000_000)),
            ("binary", String(decoding: (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, as: UTF8.self)),
            ("numbers", lines[0] + "\n[1,1e308,\"i\",0,0,0,\"x\"]\n[2,0,\"i\",99999999999999999999,0,0,\"x\"]\n"),
            ("empty", ""),
        ]
        for (name, content) in hostile {
            let p = data + "/\(name).mlsd"
            try content.write(toFile: p, atomically: true, encoding: .utf8)
            let r = try mlsd("show \(p)", data: data)
            if name == "numbers" {
                #expect(r.status == 0)
                #expect(r.error.contains("\(name).mlsd:2: "))
                #expect(r.error.contains("\(name).mlsd:3: "))
            } else {
                #expect(r.status == 6, "\(name): \(r.status) \(r.error)")
                #expect(r.error.contains("\(name).mlsd:1: "), "\(name): \(r.error)")
            }
        }
        let huge = data + "/huge.mlsd"
        FileManager.default.createFile(atPath: huge, contents: nil)
        let fh = try #require(FileHandle(forWritingAtPath: huge))
        try fh.truncate(atOffset: UInt64(RecordingFormat.maxFileBytes + 1))
        try fh.close()
        let r = try mlsd("show \(huge)", data: data)
        #expect(r.status == 6)
        #expect(r.error.contains("bytes"))
        let missing = try mlsd("show nowhere", data: data)
        #expect(missing.status == 5)
        #expect(missing.error.contains("mlsd sessions"))
    }

    @Test func showAtAMomentAndTheReportAsJSON() throws {
        let data = Paths.temporaryFolder("mlsd-e2e-show")
        let s = try Fixtures.scenario("video-recommendation")
        let events = SessionScript.play(s, charsPerStage: 40)
        let path = data + "/s.mlsd"
        try SessionScript.file(s, events: events).write(toFile: path, atomically: true, encoding: .utf8)
        let stage2 = try #require(events.first { $0.kind == .stageEntered(stage: 1) })
        let before = try mlsd("show \(path) --at \(Report.clock(stage2.at - 2))", data: data)
        #expect(before.output.contains("Stage 1/7: Clarify requirements"))
        let after = try mlsd("show \(path) --at \(Report.clock(stage2.at + 2))", data: data)
        #expect(after.output.contains("Stage 2/7: Frame as an ML task"))
        #expect(after.output.contains("Follow-ups so far"))
        let bad = try mlsd("show \(path) --at soon", data: data)
        #expect(bad.status == 64)
        let json = try mlsd("report \(path) --format json", data: data)
        let v = try JSONParser.parse(json.output.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(v.object?["caseID"]?.string == "video-recommendation")
        #expect(v.object?["finished"] == .bool(true))
    }

    @Test func theCoachesConsoleSeeksCommentsScoresAndExports() throws {
        let data = Paths.temporaryFolder("mlsd-e2e-replay")
        let s = try Fixtures.scenario("video-recommendation")
        let events = SessionScript.play(s, charsPerStage: 40, text: "we need the daily active users and latency")
        let path = data + "/s.mlsd"
        let text = SessionScript.file(s, events: events)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (t, _) = try start("replay \(path)", data: data, width: 110, height: 32)
        defer { t.kill() }
        try t.waitFor("Replay · Video recommendations")
        try t.waitFor("0:00 / ")
        try t.keys("]")
        try t.waitFor("Question:")
        try t.keys("End")
        try t.waitFor("Stage 7/7")
        try t.keys("g")
        try t.waitFor("Go to a time")
        try t.type("1:00")
        try t.keys("Enter")
        try t.waitFor(" 1:00 / ")
        try t.keys("S-Right")
        try t.waitFor(" 2:00 / ")
        try t.keys("c")
        try t.waitFor("Comment at 2:00")
        try t.type("Good pace here")
        try t.keys("Enter")
        try t.waitFor("Coach: Good pace here")
        try t.keys("s")
        try t.waitFor("Coach's scores")
        try t.keys("4")
        try t.waitFor("4/4 very strong")
        try t.keys("Escape")
        try t.waitUntil("the dialog closed") { !$0.contains("Coach's scores") }
        try t.keys("e")
        try t.waitFor("Coach's report written")
        try t.keys("Space")
        try t.waitFor("▶ playing")
        try t.keys("q")
        let coach = try String(contentsOfFile: data + "/s.coach.json", encoding: .utf8)
        #expect(coach.contains("Good pace here"))
        let md = try String(contentsOfFile: data + "/s.coach.md", encoding: .utf8)
        #expect(md.contains("**2:00**"))
        #expect(md.contains("4/4 very strong"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text, "the candidate's recording is never changed")
    }
}
