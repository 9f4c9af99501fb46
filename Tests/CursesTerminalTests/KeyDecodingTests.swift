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

    @Test func keyCodesDecode() {
        let table: [(Int32, Key?)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_SR, .shiftUp), (KEY_SF, .shiftDown), (KEY_SLEFT, .shiftLeft), (KEY_SRIGHT, .shiftRight),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace),
            (KEY_ENTER, .enter), (KEY_RESIZE, .resize),
            (mlsd_key_f(1), .function(1)), (mlsd_key_f(5), .function(5)), (mlsd_key_f(12), .function(12)),
            (mlsd_key_f(13), nil), (KEY_B2, nil),
        ]
        for (code, key) in table {
            #expect(KeyDecoder.decode(.code(code)) == key, "code \(code)")
        }
    }

    @Test func extendedKeyNamesDecode() {
        #expect(KeyDecoder.named("kLFT2") == .shiftLeft)
        #expect(KeyDecoder.named("kRIT2") == .shiftRight)
        #expect(KeyDecoder.named("kUP2") == .shiftUp)
        #expect(KeyDecoder.named("kDN2") == .shiftDown)
        #expect(KeyDecoder.named("kUP5") == .up)
        #expect(KeyDecoder.named("kLFT5") == .ctrlLeft)
        #expect(KeyDecoder.named("kRIT5") == .ctrlRight)
        #expect(KeyDecoder.named("kLFT3") == .ctrlLeft)
        #expect(KeyDecoder.named("kRIT7") == .ctrlRight)
        #expect(KeyDecoder.named("kRIT6") == .ctrlRight, "Ctrl-Shift-→ (no selection: a word move)")
        #expect(KeyDecoder.named("kHOM3") == .home)
        #expect(KeyDecoder.named("kxIN") == nil)
    }

    @Test func mouseEventsDecode() {
        #expect(KeyDecoder.mouse(x: 3, y: 4, buttons: UInt64(mlsd_button1_pressed())) == .mouse(x: 3, y: 4, kind: .press))
        #expect(KeyDecoder.mouse(x: 3, y: 4, buttons: UInt64(mlsd_button1_released())) == .mouse(x: 3, y: 4, kind: .release))
        #expect(KeyDecoder.mouse(x: 0, y: 0, buttons: UInt64(mlsd_button4_pressed())) == .mouse(x: 0, y: 0, kind: .wheelUp))
        #expect(KeyDecoder.mouse(x: 0, y: 0, buttons: UInt64(mlsd_button5_pressed())) == .mouse(x: 0, y: 0, kind: .wheelDown))
        #expect(KeyDecoder.mouse(x: 1, y: 1, buttons: UInt64(mlsd_report_mouse_position())) == .mouse(x: 1, y: 1, kind: .drag))
        #expect(KeyDecoder.mouse(x: 1, y: 1, buttons: 0) == nil)
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
        #expect(KeyDecoder.csi(parameters: "<0;3;4", final: 0x4D) == nil)
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

        let altUp = Script([.char(27), .code(KEY_UP)])
        #expect(r.read(timeoutMs: 100, next: altUp.next) == .up)

        let altBackspace = Script([.char(27), .char(127)])
        #expect(r.read(timeoutMs: 100, next: altBackspace.next) == .altBackspace)
        let altBackspaceCode = Script([.char(27), .code(KEY_BACKSPACE)])
        #expect(r.read(timeoutMs: 100, next: altBackspaceCode.next) == .altBackspace)
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

        let paste = Script(chars("hello world") + [.code(KEY_UP)] + chars("z"))
        #expect(r.read(timeoutMs: 50, next: paste.next) == .text("hello world"))
        #expect(paste.waits.dropFirst().allSatisfy { $0 == 0 })
        #expect(r.read(timeoutMs: 50, next: paste.next) == .up)          // the pushback
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
