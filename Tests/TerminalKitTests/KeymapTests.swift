import Testing
import TerminalKit

/// Dispatch by the key table: plain ASCII characters are found without hashing, every other
/// key through the table, and both must give what the bindings say, first binding first.
@Suite struct KeymapTests {
    enum Act: Equatable, Sendable { case quit, other, ctrlQ, newline, accent, left, enter }

    let map = Keymap<Act>(title: "t", groups: [
        ("a", [Binding([.char("q")], .quit, "quit"), Binding([.ctrl("q")], .ctrlQ, "ctrl")]),
        ("b", [Binding([.char("q"), .char("\n")], .other, "later q"), Binding([.char("é")], .accent, "accent"),
               Binding([.left], .left, "left"), Binding([.enter], .enter, "enter"),
               Binding([.enter, .char("é")], .other, "later enter and é")]),
    ])

    @Test func plainCharactersFindTheirFirstBinding() {
        #expect(map.action(for: .char("q")) == .quit)
        #expect(map.action(for: .char("z")) == nil)
        #expect(map.action(for: .char("Q")) == nil)
        #expect(map.action(for: .char(" ")) == nil)
    }

    @Test func otherKeysGoThroughTheTable() {
        #expect(map.action(for: .ctrl("q")) == .ctrlQ)
        #expect(map.action(for: .char("é")) == .accent)
        #expect(map.action(for: .char("\n")) == .other)
        #expect(map.action(for: .enter) == .enter)
        // Ctrl-← acts as ← where the table does not name it; a paste is never a binding.
        #expect(map.action(for: .ctrlLeft) == .left)
        #expect(map.action(for: .text("q")) == nil)
    }

    @Test func crLfIsNotTheLineFeedKey() {
        // "\r\n" is one Character whose asciiValue is that of "\n"; it is a key of its own.
        #expect(Character("\r\n").asciiValue == 0x0A)
        #expect(map.action(for: .char("\r\n")) == nil)
    }

    @Test func everyPrintableASCIICharacterAgreesWithTheBindings() {
        let letters = Keymap<Int>(title: "t", groups: [("g", (0..<40).map { i in
            Binding([.char(Character(Unicode.Scalar(UInt8(0x21 + (i * 7) % 94))))], i, "\(i)")
        })])
        for b in 0x20..<0x7F {
            let c = Character(Unicode.Scalar(UInt8(b)))
            let first = (0..<40).first { 0x21 + ($0 * 7) % 94 == b }
            #expect(letters.action(for: .char(c)) == first, "\(c)")
        }
    }
}
