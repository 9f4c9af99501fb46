import Testing
@testable import CursesTerminal
#if canImport(Glibc)
import Glibc
#endif

extension CursesTerminalTests {
    /// Reads what is waiting in a non-blocking pipe.
    func drainPipe(_ fd: Int32) -> String {
        var out: [UInt8] = []
        var b = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &b, b.count)
            if n <= 0 { break }
            out += b[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func standardErrorIsHeldWhileTheScreenIsOursAndShownAfter() throws {
        // Standard error made a pipe that the test reads, in place of the test's own.
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        let testsOwn = dup(2)
        dup2(ends[1], 2)
        defer { dup2(testsOwn, 2); close(testsOwn); close(ends[0]); close(ends[1]) }

        CursesTerminal.captureStandardError(always: true)
        let said = "a warning while the screen is drawn\n"
        _ = write(2, said, said.utf8.count)
        let during = drainPipe(ends[0])
        CursesTerminal.releaseStandardError()
        let after = drainPipe(ends[0])
        let later = "standard error is its own again\n"
        _ = write(2, later, later.utf8.count)
        let last = drainPipe(ends[0])

        #expect(during == "", "nothing reaches the terminal while the screen is the program's")
        #expect(after == said, "what was written is shown once the terminal is back")
        #expect(last == later)
        CursesTerminal.releaseStandardError()   // again: nothing more
        #expect(drainPipe(ends[0]) == "")
    }
}
