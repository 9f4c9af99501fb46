import CNcursesw
import Testing
import TerminalKit
@testable import CursesTerminal

/// A scripted raw-key source: nil entries (and the end) are timeouts; records the waits asked for.
final class Script {
    var keys: [RawKey?]
    var waits: [Int] = []
    init(_ keys: [RawKey?]) { self.keys = keys }
    func next(_ timeout: Int) -> RawKey? {
        waits.append(timeout)
        return keys.isEmpty ? nil : keys.removeFirst()
    }
}

func chars(_ s: String) -> [RawKey?] { s.unicodeScalars.map { .char($0.value) } }

extension CursesTerminalTests {
    @Test func charactersDecode() {
        #expect(KeyDecoder.char(0x61) == .char("a"))
        #expect(KeyDecoder.char(0x20) == .char(" "))
        #expect(KeyDecoder.char(0xE9) == .char("é"))
        #expect(KeyDecoder.char(0x6F22) == .char("漢"))
        #expect(KeyDecoder.char(1) == .ctrl("a"))
        #expect(KeyDecoder.char(3) == .ctrl("c"))
        #expect(KeyDecoder.char(17) == .ctrl("q"))
        #expect(KeyDecoder.char(19) == .ctrl("s"))
        #expect(KeyDecoder.char(26) == .ctrl("z"))
        #expect(KeyDecoder.char(9) == .tab)
        #expect(KeyDecoder.char(13) == .enter)
        #expect(KeyDecoder.char(10) == .enter)
        #expect(KeyDecoder.char(8) == .backspace)
        #expect(KeyDecoder.char(127) == .backspace)
        #expect(KeyDecoder.char(27) == .escape)
        #expect(KeyDecoder.char(0x85) == nil)       // C1 control
        #expect(KeyDecoder.char(0xD800) == nil)     // surrogate
    }

    /// The keys as terminals send them (xterm, VTE, tmux, the Linux console; cursor keys in
    /// both modes), through the reader.
    @Test func keysAsTerminalsSendThem() {
        let table: [(String, Key)] = [
            ("\u{1B}[A", .up), ("\u{1B}OA", .up), ("\u{1B}[B", .down), ("\u{1B}OB", .down),
            ("\u{1B}[C", .right), ("\u{1B}OC", .right), ("\u{1B}[D", .left), ("\u{1B}OD", .left),
            ("\u{1B}[1;2A", .shiftUp), ("\u{1B}[1;2B", .shiftDown), ("\u{1B}[1;2D", .shiftLeft), ("\u{1B}[1;2C", .shiftRight),
            ("\u{1B}[1;5D", .ctrlLeft), ("\u{1B}[1;5C", .ctrlRight), ("\u{1B}[1;3D", .ctrlLeft), ("\u{1B}[1;3A", .up),
            ("\u{1B}[H", .home), ("\u{1B}OH", .home), ("\u{1B}[1~", .home), ("\u{1B}[7~", .home),
            ("\u{1B}[F", .end), ("\u{1B}OF", .end), ("\u{1B}[4~", .end), ("\u{1B}[8~", .end),
            ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[3~", .delete), ("\u{1B}[2~", .insert),
            ("\u{1B}[Z", .backTab), ("\u{1B}OM", .enter), ("\u{7F}", .backspace), ("\r", .enter), ("\t", .tab),
            ("\u{1B}OP", .function(1)), ("\u{1B}OS", .function(4)), ("\u{1B}[11~", .function(1)),
            ("\u{1B}[15~", .function(5)), ("\u{1B}[17~", .function(6)), ("\u{1B}[21~", .function(10)),
            ("\u{1B}[24~", .function(12)), ("\u{1B}[1;2P", .function(1)),
        ]
        for (bytes, key) in table {
            var r = KeyReader()
            let s = Script(chars(bytes))
            #expect(r.read(timeoutMs: 100, next: s.next) == key, "\(bytes.debugDescription)")
            #expect(r.read(timeoutMs: 100, next: s.next) == nil, "nothing left of \(bytes.debugDescription)")
        }
        #expect(KeyDecoder.decode(.resize) == .resize)
    }

    @Test func mouseReportsDecode() {
        let table: [(String, Key?)] = [
            // SGR (1006): button;column;row, 1-based; M press or drag, m release
            ("\u{1B}[<0;4;5M", .mouse(x: 3, y: 4, kind: .press)),
            ("\u{1B}[<0;4;5m", .mouse(x: 3, y: 4, kind: .release)),
            ("\u{1B}[<2;1;1M", .mouse(x: 0, y: 0, kind: .press)),
            ("\u{1B}[<32;200;60M", .mouse(x: 199, y: 59, kind: .drag)),
            ("\u{1B}[<35;9;9M", nil),                                  // moving, no button
            ("\u{1B}[<64;2;3M", .mouse(x: 1, y: 2, kind: .wheelUp)),
            ("\u{1B}[<65;2;3M", .mouse(x: 1, y: 2, kind: .wheelDown)),
            ("\u{1B}[<66;2;3M", nil),                                  // sideways
            ("\u{1B}[<16;4;5M", .mouse(x: 3, y: 4, kind: .press)),     // Ctrl-click
            ("\u{1B}[<0;0;5M", nil), ("\u{1B}[<0;4M", nil),
            // the oldest form: ESC [ M and three bytes, each 32 more than its value
            ("\u{1B}[M\u{20}\u{24}\u{25}", .mouse(x: 3, y: 4, kind: .press)),
            ("\u{1B}[M\u{23}\u{24}\u{25}", .mouse(x: 3, y: 4, kind: .release)),
            ("\u{1B}[M\u{40}\u{24}\u{25}", .mouse(x: 3, y: 4, kind: .drag)),
            ("\u{1B}[M\u{60}\u{21}\u{21}", .mouse(x: 0, y: 0, kind: .wheelUp)),
            ("\u{1B}[M\u{61}\u{21}\u{21}", .mouse(x: 0, y: 0, kind: .wheelDown)),
        ]
        for (bytes, key) in table {
            var r = KeyReader()
            let s = Script(chars(bytes))
            #expect(r.read(timeoutMs: 100, next: s.next) == key, "\(bytes.debugDescription)")
        }
        // A report cut short waits no longer than the escape delay for each missing byte.
        var r = KeyReader()
        let cut = Script(chars("\u{1B}[M\u{20}"))
        #expect(r.read(timeoutMs: 100, next: cut.next) == nil)
        #expect(cut.waits.dropFirst().allSatisfy { $0 == r.escapeTimeoutMs })
    }

    @Test func escapeSequencesDecode() {
        #expect(KeyDecoder.csi(parameters: "", final: 0x41) == .up)
        #expect(KeyDecoder.csi(parameters: "1;2", final: 0x41) == .shiftUp)
        #expect(KeyDecoder.csi(parameters: "1;2", final: 0x44) == .shiftLeft)
        #expect(KeyDecoder.csi(parameters: "1;5", final: 0x43) == .ctrlRight)
        #expect(KeyDecoder.csi(parameters: "1;5", final: 0x44) == .ctrlLeft)
        #expect(KeyDecoder.csi(parameters: "1;3", final: 0x44) == .ctrlLeft, "Alt-← moves by word too")
        #expect(KeyDecoder.csi(parameters: "1;5", final: 0x41) == .up)
        #expect(KeyDecoder.csi(parameters: "", final: 0x5A) == .backTab)
        #expect(KeyDecoder.csi(parameters: "3", final: 0x7E) == .delete)
        #expect(KeyDecoder.csi(parameters: "5", final: 0x7E) == .pageUp)
        #expect(KeyDecoder.csi(parameters: "15", final: 0x7E) == .function(5))
        #expect(KeyDecoder.csi(parameters: "24", final: 0x7E) == .function(12))
        #expect(KeyDecoder.csi(parameters: "200", final: 0x7E) == nil)
        #expect(KeyDecoder.csi(parameters: "<0;3;4", final: 0x4D) == nil, "a mouse report is not a key")
        #expect(KeyDecoder.ss3(final: 0x50) == .function(1))
        #expect(KeyDecoder.ss3(final: 0x48) == .home)
    }

    @Test func readerHandlesEscapeAndAlt() {
        var r = KeyReader()
        let lone = Script([.char(27)])
        #expect(r.read(timeoutMs: 100, next: lone.next) == .escape)
        #expect(lone.waits == [100, 25])

        let alt = Script(chars("\u{1B}x"))
        #expect(r.read(timeoutMs: 100, next: alt.next) == .alt("x"))

        let shiftUp = Script(chars("\u{1B}[1;2A"))
        #expect(r.read(timeoutMs: 100, next: shiftUp.next) == .shiftUp)

        let f1 = Script(chars("\u{1B}OP"))
        #expect(r.read(timeoutMs: 100, next: f1.next) == .function(1))

        let altBracket = Script(chars("\u{1B}["))
        #expect(r.read(timeoutMs: 100, next: altBracket.next) == .alt("["))

        let twice = Script(chars("\u{1B}\u{1B}"))
        #expect(r.read(timeoutMs: 100, next: twice.next) == .escape)
        #expect(r.read(timeoutMs: 100, next: twice.next) == .escape)

        let altUp = Script(chars("\u{1B}\u{1B}[A"))   // Alt-↑ in the ESC-prefix form: ESC, then ↑
        #expect(r.read(timeoutMs: 100, next: altUp.next) == .escape)
        #expect(r.read(timeoutMs: 100, next: altUp.next) == .up)

        let altBackspace = Script([.char(27), .char(127)])
        #expect(r.read(timeoutMs: 100, next: altBackspace.next) == .altBackspace)
        let altBackspaceH = Script([.char(27), .char(8)])
        #expect(r.read(timeoutMs: 100, next: altBackspaceH.next) == .altBackspace)

        let altO = Script(chars("\u{1B}Oz"))
        #expect(r.read(timeoutMs: 100, next: altO.next) == .alt("O"))
        #expect(r.read(timeoutMs: 100, next: altO.next) == .char("z"))
    }

    /// The notes pane's control keys reach the program as keys (the terminal is in raw mode, so
    /// Ctrl-Z is no suspend signal; the end-to-end test checks that in a real terminal).
    @Test func theNotesControlKeysArriveAsKeys() {
        var r = KeyReader()
        let s = Script([.char(26), .char(25), .char(23), .char(1), .char(5)])
        let keys = (0..<5).map { _ in r.read(timeoutMs: 100, next: s.next) }
        #expect(keys == [.ctrl("z"), .ctrl("y"), .ctrl("w"), .ctrl("a"), .ctrl("e")])
        let altF = Script(chars("\u{1B}f\u{1B}b\u{1B}d"))
        #expect((0..<3).map { _ in r.read(timeoutMs: 100, next: altF.next) } == [.alt("f"), .alt("b"), .alt("d")])
    }

    @Test func readerCoalescesPastes() {
        var r = KeyReader()
        let one = Script(chars("a"))
        #expect(r.read(timeoutMs: 50, next: one.next) == .char("a"))
        #expect(one.waits == [50, 0])

        let paste = Script(chars("hello world") + [.resize] + chars("z"))
        #expect(r.read(timeoutMs: 50, next: paste.next) == .text("hello world"))
        #expect(paste.waits.dropFirst().allSatisfy { $0 == 0 })
        #expect(r.read(timeoutMs: 50, next: paste.next) == .resize)      // the pushback
        #expect(r.read(timeoutMs: 50, next: paste.next) == .char("z"))

        let lines = Script(chars("ab\rcd"))
        #expect(r.read(timeoutMs: 50, next: lines.next) == .text("ab"))
        #expect(r.read(timeoutMs: 50, next: lines.next) == .enter)
        #expect(r.read(timeoutMs: 50, next: lines.next) == .text("cd"))

        let accent = Script(chars("e\u{301}"))
        #expect(r.read(timeoutMs: 50, next: accent.next) == .char("e\u{301}"))

        var small = KeyReader()
        small.maxPaste = 3
        let long = Script(chars("abcdefg"))
        #expect(small.read(timeoutMs: 50, next: long.next) == .text("abc"))
        #expect(small.read(timeoutMs: 50, next: long.next) == .text("def"))
        #expect(small.read(timeoutMs: 50, next: long.next) == .char("g"))

        let ctrl = Script([.char(17)])
        #expect(r.read(timeoutMs: 50, next: ctrl.next) == .ctrl("q"))
        #expect(r.read(timeoutMs: 50, next: Script([]).next) == nil)
    }
}
