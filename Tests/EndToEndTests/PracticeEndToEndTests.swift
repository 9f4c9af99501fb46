import Foundation
import Testing
import TestSupport

/// The built program in a real terminal (tmux on a private socket): what only a terminal shows.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: Paths.binary), "build the program first (make test does)"))
struct PracticeEndToEndTests {
    let bin = Paths.binary

    /// The program's process: the child of the pane's shell.
    func programPID(_ t: Tmux) throws -> Int32 {
        guard let pane = t.panePID() else { throw ShellError(command: "pane_pid", status: 1, output: "") }
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let out = try? shell("pgrep -P \(pane) -x mlsd"), let pid = Int32(out.split(separator: "\n").first ?? "") { return pid }
            usleep(50_000)
        }
        throw ShellError(command: "pgrep -P \(pane)", status: 1, output: t.screen())
    }

    @Test func startTypeChangeStageAndEndWithConfirmation() throws {
        let t = try Tmux("sh -c '\(bin) practice; echo exit=$?; sleep 30'", width: 100, height: 30)
        try t.waitFor("Stage 1/7")
        try t.waitFor("Notes · Clarify requirements")
        try t.type("Business goal: watch time. 漢字 notes")
        try t.waitFor("Business goal: watch time. 漢字 notes")
        try t.keys("C-n")
        try t.waitFor("Stage 2/7")
        try t.type("frame text")
        try t.waitFor("frame text")
        try t.keys("C-q")
        try t.waitFor("End the interview?")
        try t.keys("n")
        try t.waitUntil("dialog closed") { !$0.contains("End the interview?") }
        try t.keys("F10")
        try t.waitFor("End the interview?")
        try t.keys("y")
        try t.waitFor("your report")
        try t.waitFor("Time per stage")
        try t.keys("q")
        let after = try t.waitFor("exit=0")
        #expect(after.contains("Report saved:"))
        let files = try FileManager.default.contentsOfDirectory(atPath: t.dataHome + "/mlsd/sessions").filter { $0.hasSuffix(".md") }
        #expect(files.count == 1)
        let md = try String(contentsOfFile: t.dataHome + "/mlsd/sessions/" + files[0], encoding: .utf8)
        #expect(md.contains("## Time per stage"))
    }

    /// The terminal is sent only what changed, and scrolled rows are moved with a scroll region:
    /// after typing that scrolls the notes many times, the screen must be what drawing it whole
    /// gives (a resize makes the program draw it whole).
    @Test func typingThatScrollsLeavesTheScreenAsAFullRedrawWould() throws {
        let t = try Tmux("sh -c '\(bin) practice --minutes 180; sleep 30'", width: 120, height: 30)
        try t.waitFor("Stage 1/7")
        for i in 1...24 {
            let mark = "n" + String(100 + i).dropFirst() + "z"   // one word, so that it never wraps
            try t.type("\(mark) of the answer: 漢字 the two tower model retrieves candidates within budget; ")
            try t.waitFor(mark)
        }
        let typed = t.screen()
        try t.resize(width: 119, height: 30)
        try t.waitUntil("redrawn at 119 columns") { $0 != typed }
        try t.resize(width: 120, height: 30)
        let whole = try t.waitUntil("drawn whole at 120 columns") { s in
            s.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().elementsEqual(
                typed.split(separator: "\n", omittingEmptySubsequences: false).dropFirst())
        }
        // The header (line 1) holds the clocks, which may have moved on.
        #expect(Array(whole.split(separator: "\n", omittingEmptySubsequences: false).dropFirst())
                == Array(typed.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()))
        #expect(typed.contains("n24z of the answer"))
    }

    @Test func resizeRedrawsAndATinyTerminalAsksForRoom() throws {
        let t = try Tmux("sh -c '\(bin) practice; sleep 30'", width: 100, height: 30)
        try t.waitFor("Stage 1/7")
        try t.type("still here after resizing")
        try t.waitFor("still here after resizing")
        try t.resize(width: 40, height: 10)
        try t.waitFor("Enlarge the terminal")
        try t.resize(width: 1, height: 1)
        usleep(200_000)
        try t.resize(width: 120, height: 40)
        let s = try t.waitFor("still here after resizing")
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 39)
        #expect(lines.contains { $0.contains("F1 help") }, "the status line is drawn at the new bottom")
        try t.resize(width: 80, height: 24)
        try t.waitUntil("80×24 layout") { s in s.split(separator: "\n").contains { $0.hasPrefix("└") && $0.count == 80 } }
    }

    @Test(arguments: [("TERM", 15, 143), ("HUP", 1, 129)] as [(String, Int32, Int)])
    func theTerminalIsRestoredAfterASignal(name: String, signal: Int32, status: Int) throws {
        let t = try Tmux("sh -c '\(bin) practice; echo exit=$?; stty -a | tr \" ;\" \"\\n\\n\" | grep -x -e echo -e -echo -e icanon -e -icanon | tr \"\\n\" \" \"; echo; tput cnorm >/dev/null; echo done; sleep 30'", width: 100, height: 30)
        try t.waitFor("Stage 1/7")
        try t.type("typed before the signal")
        try t.waitFor("typed before the signal")
        let pid = try programPID(t)
        kill(pid, signal)
        let s = try t.waitFor("done")
        #expect(s.contains("exit=\(status)"))
        #expect(s.contains("icanon") && !s.contains("-icanon"), "canonical mode restored")
        #expect(s.split(separator: " ").contains("echo") || s.contains(" echo") || s.contains("echo icanon"), "echo restored")
        #expect(!s.contains("-echo"))
        #expect(!s.contains("Stage 1/7"), "the normal screen is back")
        #expect(s.contains("Report saved:"), "an interrupted interview still gets its report")
    }

    /// A fault in the program (a Swift trap is SIGILL on x86-64, SIGTRAP on ARM; a bad access
    /// SIGSEGV): the terminal is put back before the program ends as the signal ends it, and
    /// the user is told that the interview is kept.
    @Test(arguments: [("SEGV", 11, 139), ("ILL", 4, 132), ("TRAP", 5, 133), ("ABRT", 6, 134)] as [(String, Int32, Int)])
    func theTerminalIsPutBackAfterAFault(name: String, signal: Int32, status: Int) throws {
        let t = try Tmux("sh -c '\(bin) practice; echo exit=$?; stty -a | tr \" ;\" \"\\n\\n\" | grep -x -e echo -e -echo -e icanon -e -icanon | tr \"\\n\" \" \"; echo; echo done; sleep 30'", width: 100, height: 30)
        try t.waitFor("Stage 1/7")
        try t.type("typed before the fault")
        try t.waitFor("typed before the fault")
        try t.waitUntil("mouse reports on") { _ in mouseModes(t) == "11" }
        let pid = try programPID(t)
        kill(pid, signal)
        let s = try t.waitFor("done")
        #expect(s.contains("exit=\(status)"), "the program ends as the signal ends it")
        #expect(s.contains("icanon") && !s.contains("-icanon"), "canonical mode restored")
        #expect(!s.contains("-echo"), "echo restored")
        #expect(!s.contains("Stage 1/7"), "the normal screen is back")
        #expect(s.contains("the terminal has been put back"), "the user is told what happened")
        #expect(s.contains("mlsd practice --resume"), "and how to go on")
        #expect(mouseModes(t) == "00", "mouse reports are off")
        #expect((try? t.run(["display-message", "-p", "-t", "0", "#{cursor_flag}"]))?.hasPrefix("1") == true, "the cursor is shown")

        // The interview is kept, up to the last key: --resume continues it.
        let again = try Tmux("\(bin) practice --resume", width: 100, height: 30,
                             environment: ["XDG_DATA_HOME": t.dataHome, "XDG_CACHE_HOME": t.dataHome + "/cache"])
        try again.waitFor("typed before the fault")
    }

    /// A tmux format for the pane (`#{alternate_on}`, `#{pane_tty}` …).
    func paneFormat(_ t: Tmux, _ format: String) -> String {
        (try? t.run(["display-message", "-p", "-t", "0", format]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    }

    /// The process state letter from /proc (T: stopped).
    func processState(_ pid: Int32) -> String {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return "?" }
        return String(stat[stat.index(close, offsetBy: 2)])
    }

    /// `kill -TSTP` stops the program with the terminal put back; SIGCONT brings the screen
    /// back whole, with keys raw again, also after a stop from outside during which the
    /// terminal's modes were changed (as a shell does when it takes the terminal back).
    @Test func aStopPutsTheTerminalBackAndGoingOnRedraws() throws {
        let t = try Tmux("sh -c '\(bin) practice; echo exit=$?; sleep 30'", width: 100, height: 30)
        try t.waitFor("Stage 1/7")
        try t.type("typed before the stop")
        try t.waitFor("typed before the stop")
        let pid = try programPID(t)
        let tty = paneFormat(t, "#{pane_tty}")
        func modes() -> String { (try? shell("stty -F \(tty) -a")) ?? "" }

        /// The overall clock in the header ("1:35 / 45:00"), in seconds.
        func clock(_ screen: String) -> Int? {
            guard let r = screen.range(of: #"(\d+):(\d\d) / \d+:\d\d"#, options: .regularExpression) else { return nil }
            let p = screen[r].split(separator: " ")[0].split(separator: ":")
            return Int(p[0])! * 60 + Int(p[1])!
        }
        try t.waitUntil("the clock has run a second") { s in (clock(s) ?? 0) >= 1 }
        kill(pid, SIGTSTP)
        try t.waitUntil("stopped, at the normal screen") { _ in processState(pid) == "T" && paneFormat(t, "#{alternate_on}") == "0" }
        #expect(modes().contains(" icanon") && !modes().contains("-icanon"), "canonical mode while stopped")
        #expect(!modes().contains("-echo "), "echo while stopped")
        #expect(mouseModes(t) == "00", "no mouse reports while stopped")
        usleep(3_000_000)

        kill(pid, SIGCONT)
        try t.waitUntil("the screen is back") { s in paneFormat(t, "#{alternate_on}") == "1" && s.contains("Stage 1/7") }
        // The clock was paused as the program stopped: the time away is not counted.
        let back = try t.waitFor("Paused while mlsd was stopped. F3 resumes.")
        #expect(back.contains("PAUSED"))
        let stoppedAt = try #require(clock(back))
        usleep(1_500_000)
        #expect(clock(t.screen()) == stoppedAt, "the clock stands still while paused")
        #expect(stoppedAt <= 3, "the 3 s stopped did not count (clock \(stoppedAt) s)")
        try t.keys("F3")   // resume
        try t.waitUntil("resumed, the notes as they were") { s in !s.contains("PAUSED") && s.contains("typed before the stop") }
        try t.type(" and after")
        try t.waitFor("typed before the stop and after")
        #expect(modes().contains("-icanon"), "raw again")
        try t.waitUntil("mouse reports on again") { _ in mouseModes(t) == "11" }

        // Stopped from outside (no warning, so nothing could be paused first), and the terminal
        // made canonical meanwhile: going on makes it raw, and the 3 s away are not counted.
        let before = try #require(clock(t.screen()))
        kill(pid, SIGSTOP)
        try t.waitUntil("stopped") { _ in processState(pid) == "T" }
        _ = try shell("stty -F \(tty) sane")
        usleep(3_000_000)
        kill(pid, SIGCONT)
        let again = try t.waitFor("Paused while mlsd was stopped. F3 resumes.")
        #expect(try #require(clock(again)) <= before + 1, "the clock did not count the stop (\(before) s before)")
        try t.keys("F3")
        try t.waitUntil("resumed") { s in !s.contains("PAUSED") }
        try t.type("!")
        try t.waitFor("and after!")
        #expect(modes().contains("-icanon") && modes().contains("-echo "), "raw again, without a newline typed")
        try t.endInterview()
        try t.waitFor("exit=0")
    }

    /// The terminal's mouse modes as tmux sees them for the pane: button events (1002) in SGR form.
    func mouseModes(_ t: Tmux) -> String {
        (try? t.run(["display-message", "-p", "-t", "0", "#{mouse_button_flag}#{mouse_sgr_flag}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    }

    @Test func theMouseIsOnWhileTheScreenIsAndOffAfter() throws {
        let t = try Tmux("sh -c '\(bin) practice; echo exit=$?; sleep 30'", width: 100, height: 30)
        try t.waitFor("Stage 1/7")
        try t.waitUntil("mouse reports on") { _ in mouseModes(t) == "11" }
        // A click on the sketch pane (SGR report, 1-based cells) gives it the focus…
        try t.type("\u{1B}[<0;5;22M\u{1B}[<0;5;22m")
        try t.waitFor("b box")
        // …and the wheel over the interviewer's pane scrolls it.
        let before = t.screen()
        try t.type(String(repeating: "\u{1B}[<65;5;6M", count: 3))
        try t.waitUntil("the prompt scrolled") { $0 != before && !$0.contains("Before you design anything") }
        try t.endInterview()
        try t.waitFor("exit=0")
        #expect(mouseModes(t) == "00", "mouse reports are off again at the shell")

        let off = try Tmux("sh -c '\(bin) practice --no-mouse; echo exit=$?; sleep 30'", width: 100, height: 30)
        try off.waitFor("Stage 1/7")
        usleep(200_000)
        #expect(mouseModes(off) == "00", "--no-mouse asks for no reports")
        try off.endInterview()
        try off.waitFor("exit=0")
    }

    @Test func ctrlCInTheConfirmationLoopStillEndsCleanly() throws {
        let t = try Tmux("sh -c '\(bin) practice; echo exit=$?; sleep 30'", width: 90, height: 26)
        try t.waitFor("Stage 1/7")
        try t.endInterview(with: "C-c")
        try t.waitFor("exit=0")
    }

    @Test func theHomeScreenListsTheCasesAndEnterStartsOne() throws {
        let t = try Tmux("sh -c '\(bin); echo exit=$?; sleep 30'", width: 100, height: 30)
        try t.waitFor("Choose a case")
        try t.waitFor("Video recommendations")
        try t.keys("Right")
        try t.waitFor("[60 min]")
        try t.keys("Tab")
        try t.waitFor("[staff]")
        try t.keys("F1")
        try t.waitFor("Help")
        try t.keys("Escape")
        try t.waitFor("▶ Video recommendations")
        try t.keys("Enter")
        let s = try t.waitFor("Stage 1/7")
        #expect(s.contains("/ 1:00:00"))
        try t.endInterview()
        try t.waitFor("exit=0")
    }

    @Test func noColorMeansNoColourCodes() throws {
        let t = try Tmux("sh -c '\(bin) practice; sleep 30'", width: 100, height: 30, environment: ["NO_COLOR": "1"])
        try t.waitFor("Stage 1/7")
        let raw = try t.run(["capture-pane", "-p", "-e", "-t", "0"])
        let colour = try Regex("\\[(?:[0-9;]*;)?(?:3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(?:;|m)")
        #expect(raw.firstMatch(of: colour) == nil, "no colour sequences (only the default colour and attributes)")
        #expect(raw.contains("\u{1B}["), "attributes such as reverse and bold are still used")
        let coloured = try Tmux("sh -c '\(bin) practice; sleep 30'", width: 100, height: 30)
        try coloured.waitFor("Stage 1/7")
        let raw2 = try coloured.run(["capture-pane", "-p", "-e", "-t", "0"])
        #expect(raw2.firstMatch(of: colour) != nil, "colours are used without NO_COLOR: \(raw2.prefix(300).debugDescription)")
    }

    @Test func aCLocaleStillPlacesWideCharactersRight() throws {
        let t = try Tmux("sh -c '\(bin) practice; sleep 30'", width: 100, height: 30, environment: ["LANG": "C", "LC_ALL": "C"])
        try t.waitFor("Stage 1/7")
        try t.type("漢字 after")
        let s = try t.waitFor("漢字 after")
        #expect(s.contains("┌"), "Unicode borders under a C.UTF-8 fallback")
    }
}

/// The program without a terminal, and bad input: clear messages and distinct statuses.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: Paths.binary), "build the program first"))
struct CommandLineTests {
    let bin = Paths.binary

    @Test func practiceWithoutATerminalSaysSoAndExits2() throws {
        let r = try shellStatus("\(bin) practice < /dev/null > /dev/null")
        #expect(r.status == 2)
        #expect(r.error.contains("needs a terminal"))
    }

    @Test func anUnknownCaseListsTheValidIdsAndExits3() throws {
        let r = try shellStatus("\(bin) practice no-such-case")
        #expect(r.status == 3)
        #expect(r.error.contains("no case `no-such-case`"))
        #expect(r.error.contains("video-recommendation"))
    }

    @Test func aWrongFlagIsAUsageError() throws {
        let r = try shellStatus("\(bin) practice --minutes 5")
        #expect(r.status == 64)
        #expect(r.error.contains("--minutes"))
        let r2 = try shellStatus("\(bin) practice --level intern")
        #expect(r2.status == 64)
    }

    @Test func validateReportsEveryProblemWithItsPlaceAndExits1() throws {
        let dir = Paths.temporaryFolder()
        try "id: Bad\ntitle: x\nsumary: y\n".write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let r = try shellStatus("\(bin) scenarios validate \(dir)/bad.yaml")
        #expect(r.status == 1)
        #expect(r.output.contains("\(dir)/bad.yaml:1:5: error:"))
        #expect(r.output.contains("\(dir)/bad.yaml:3:1: error: unknown key `sumary`"))
        let ok = try shellStatus("\(bin) scenarios validate")
        #expect(ok.status == 0, "\(ok.output)\(ok.error)")
    }

    @Test func aBrokenCaseFileIsNamedWhenPractised() throws {
        let dir = Paths.temporaryFolder()
        try "id: broken\ntitle: [oops\n".write(toFile: dir + "/broken.yaml", atomically: true, encoding: .utf8)
        let r = try shellStatus("\(bin) practice broken --scenarios \(dir) < /dev/null")
        #expect(r.status == 1)
        #expect(r.error.contains("broken.yaml:"))
    }

    @Test func scenariosListShowAndNew() throws {
        let list = try shell("\(bin) scenarios list")
        #expect(list.contains("video-recommendation"))
        let show = try shell("\(bin) scenarios show video-recommendation")
        #expect(show.contains("Stage 7/7: Monitoring"))
        let dir = Paths.temporaryFolder()
        _ = try shell("\(bin) scenarios new my-case -o \(dir)/my-case.yaml")
        #expect(try shellStatus("\(bin) scenarios validate \(dir)/my-case.yaml").status == 0)
        #expect(try shellStatus("\(bin) scenarios new my-case -o \(dir)/my-case.yaml").status == 5, "refuses to overwrite")
    }

    @Test func keysPrintsTheSameTableAsHelp() throws {
        let k = try shell("\(bin) keys")
        #expect(k.contains("end the interview"))
        #expect(k.contains("F6, Ctrl-O, Alt-a"))
    }

    @Test func anInstalledBinaryFindsItsCasesFromAnyFolder() throws {
        let prefix = Paths.temporaryFolder("mlsd-prefix")
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: prefix + "/share/mlsd", withIntermediateDirectories: true)
        // Copied by cp, not in this process: a parallel test spawning a child while this process
        // holds the new binary open for writing would make exec fail with "text file busy".
        try shell("cp '\(bin)' '\(prefix)/bin/mlsd' && cp -R '\(Paths.scenarios)' '\(prefix)/share/mlsd/Scenarios'")
        // Without the helper that reads YAML, and nothing cached: one clear message.
        let cache = Paths.temporaryFolder("mlsd-cache")
        let missing = try shellStatus("cd / && XDG_CACHE_HOME=\(cache) \(prefix)/bin/mlsd scenarios list")
        #expect(missing.status == 3)
        #expect(missing.error.contains("case files: cannot read case files: the program `mlsd-yaml` that reads them is missing (looked for \(prefix)/bin/mlsd-yaml and \(prefix)/bin/../libexec/mlsd/mlsd-yaml)"), "\(missing.error)")
        #expect(missing.error.components(separatedBy: "mlsd-yaml` that reads").count == 2, "said once: \(missing.error)")
        // Where `make install` puts it.
        try shell("mkdir -p '\(prefix)/libexec/mlsd' && cp '\(Paths.helper(besides: bin))' '\(prefix)/libexec/mlsd/mlsd-yaml'")
        let out = try shell("cd / && XDG_CACHE_HOME=\(cache) \(prefix)/bin/mlsd scenarios list")
        #expect(out.contains("video-recommendation"))
        // Read once, then kept: without the helper, the kept cases still start.
        try shell("rm '\(prefix)/libexec/mlsd/mlsd-yaml'")
        let kept = try shell("cd / && XDG_CACHE_HOME=\(cache) \(prefix)/bin/mlsd scenarios list")
        #expect(kept.contains("video-recommendation"))
    }
}
