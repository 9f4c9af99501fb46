import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A terminal that goes away without a SIGHUP reaching the program (it is not the program's
/// controlling terminal, as under some terminal multiplexers and remote shells): its input
/// reaches end of file. The program must leave as on SIGHUP, with the interview's report,
/// not spin on the dead input.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: Paths.binary), "build the program first (make test does)"))
struct HangUpEndToEndTests {
    @Test func aTerminalThatGoesAwayEndsTheInterviewWithItsReport() throws {
        // A new pseudo-terminal, by hand: glibc's posix_openpt and friends are hidden from Swift
        // (they need _XOPEN_SOURCE). Linux's ioctl numbers: TIOCSPTLCK unlocks, TIOCGPTN names.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)   // the child must not hold it open
        try #require(master >= 0)
        var unlock: Int32 = 0, number: UInt32 = 0
        try #require(ioctl(master, 0x4004_5431, &unlock) == 0 && ioctl(master, 0x8004_5430, &number) == 0)
        let slave = "/dev/pts/\(number)"
        var closed = false
        defer { if !closed { close(master) } }
        var ws = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &ws)

        let data = Paths.temporaryFolder("mlsd-hangup")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // O_NOCTTY in a new session: the terminal never becomes the program's controlling
        // terminal, so closing it sends no SIGHUP.
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, slave, O_RDWR | O_NOCTTY, 0) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none); sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        // POSIX_SPAWN_SETSID is 0x80 in glibc (not imported either)
        posix_spawnattr_setflags(&attr, Int16(0x80 | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let env = ["TERM=xterm-256color", "LANG=C.UTF-8", "XDG_DATA_HOME=\(data)", "XDG_CACHE_HOME=\(data)/cache",
                   "HOME=\(data)", "PATH=/usr/bin:/bin"]
        let argv = [Paths.binary, "practice"]
        let cArgs = argv.map { strdup($0) } + [nil], cEnv = env.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, argv[0], &actions, &attr, cArgs, cEnv) == 0)

        // Wait for the first frame, type a line, then close the terminal.
        var screen = ""
        func read(until needle: String, seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            var buf = [UInt8](repeating: 0, count: 65536)
            while Date() < deadline {
                var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&p, 1, 50) > 0 {
                    let n = Glibc.read(master, &buf, buf.count)
                    if n > 0 { screen += String(decoding: buf[..<n], as: UTF8.self) }
                }
                if screen.contains(needle) { return true }
            }
            return false
        }
        #expect(read(until: "Stage 1/7", seconds: 20), "first frame; got: \(screen.suffix(300))")
        _ = "typed before the hang-up".withCString { write(master, $0, strlen($0)) }
        #expect(read(until: "hang-up", seconds: 10))
        close(master)
        closed = true

        // It leaves by itself, as on SIGHUP (129), well before the time runs out.
        let deadline = Date().addingTimeInterval(10)
        var status: Int32 = 0
        var done = false
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { done = true; break }
            usleep(20_000)
        }
        if !done { kill(pid, SIGKILL); _ = waitpid(pid, &status, 0) }
        #expect(done, "still running 10 s after its terminal went away")
        #expect((status & 0x7f) == 0 && (status >> 8) & 0xff == 129)
        let sessions = (try? FileManager.default.contentsOfDirectory(atPath: data + "/mlsd/sessions")) ?? []
        let report = sessions.first { $0.hasSuffix(".md") }
        #expect(report != nil, "the interrupted interview got its report: \(sessions)")
        if let r = report {
            let text = try String(contentsOfFile: data + "/mlsd/sessions/" + r, encoding: .utf8)
            #expect(text.contains("Video"), "it is the interview's report")
        }
    }
}
