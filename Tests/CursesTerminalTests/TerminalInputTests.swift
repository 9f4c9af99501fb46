import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import CursesTerminal

/// The keyboard bytes through a pipe: decoding, waiting, waking and hanging up.
@Suite struct TerminalInputTests {
    /// A pipe: what is written to `w` is read from `r`.
    final class Pipe {
        var r: Int32 = -1, w: Int32 = -1
        init() {
            var fds: [Int32] = [-1, -1]
            _ = pipe(&fds)
            r = fds[0]; w = fds[1]
        }
        func send(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { write(w, $0.baseAddress!, $0.count) } }
        func send(_ s: String) { send(Array(s.utf8)) }
        func hangUp() { if w >= 0 { close(w); w = -1 } }
        deinit { close(r); if w >= 0 { close(w) } }
    }

    func drain(_ input: inout TerminalInput) -> [UInt32] {
        var out: [UInt32] = []
        while case .scalar(let v)? = input.next(timeoutMs: 0) { out.append(v) }
        return out
    }

    @Test func decodesUTF8AndReplacesWhatIsNot() {
        let p = Pipe()
        var input = TerminalInput(fd: p.r)
        p.send("aé漢😀\u{1B}[A")
        #expect(drain(&input) == [0x61, 0xE9, 0x6F22, 0x1F600, 0x1B, 0x5B, 0x41])
        // a stray continuation byte, an overlong form, a surrogate, a byte that never leads
        p.send([0x80, 0x61, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF, 0x62])
        #expect(input.next(timeoutMs: 100) == .scalar(0xFFFD))
        #expect([0xFFFD] + drain(&input) == [0xFFFD, 0x61, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0x62])
    }

    @Test func aCharacterSplitAcrossReadsIsWaitedFor() {
        let p = Pipe()
        var input = TerminalInput(fd: p.r)
        p.send([0xE6, 0xBC])   // the first two bytes of 漢
        let w = p.w
        let t = Thread { usleep(5_000); var b: UInt8 = 0xA2; _ = write(w, &b, 1) }
        t.start()
        #expect(input.next(timeoutMs: 1000) == .scalar(0x6F22))
        // and a cut character whose rest never comes is U+FFFD once the short wait ends
        p.send([0xE6, 0xBC])
        #expect(input.next(timeoutMs: 1000) == .scalar(0xFFFD))
        #expect(input.next(timeoutMs: 0) == .scalar(0xFFFD))
    }

    @Test func aBurstIsOneReadAndNothingWaitingCostsNoCall() {
        let p = Pipe()
        var input = TerminalInput(fd: p.r, capacity: 16)
        #expect(input.next(timeoutMs: 0) == nil)
        p.send("hello")
        #expect(input.next(timeoutMs: 100) == .scalar(0x68))
        #expect(!input.mayHaveMore)   // the read did not fill the buffer
        #expect(drain(&input) == Array("ello".unicodeScalars.map(\.value)))
        // More than the buffer holds arrives over several reads, all of it, in order.
        let long = String(repeating: "abcdefghij", count: 10)
        p.send(long)
        var got: [UInt32] = []
        while case .scalar(let v)? = input.next(timeoutMs: 50) { got.append(v) }
        #expect(got == Array(long.unicodeScalars.map(\.value)))
    }

    @Test func theWakePipeEndsAWait() {
        let p = Pipe(), wake = Pipe()
        var input = TerminalInput(fd: p.r)
        wake.send([1, 1, 1])
        #expect(input.next(timeoutMs: 5_000, wake: wake.r) == .wake)
        // drained: the next wait times out instead of waking again
        #expect(input.next(timeoutMs: 10, wake: wake.r) == nil)
        #expect(!input.hungUp)
    }

    @Test func endOfFileIsAHangUp() {
        let p = Pipe()
        var input = TerminalInput(fd: p.r)
        p.send("q")
        p.hangUp()
        #expect(input.next(timeoutMs: 100) == .scalar(0x71))
        #expect(input.next(timeoutMs: 100) == nil)
        #expect(input.hungUp)
        #expect(input.next(timeoutMs: 100) == nil, "no busy loop: it stays hung up and asks no more")
    }

    @Test func noDescriptorReadsNothing() {
        var input = TerminalInput(fd: -1)
        #expect(input.next(timeoutMs: 10) == nil)
        #expect(!input.hungUp)
    }
}
