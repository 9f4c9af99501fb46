import TerminalKit
import Testing
import TestSupport
import TextWidth

/// The scalar-by-scalar path for text made of `DisplayWidth.isSimple` scalars against the
/// character-by-character one it stands in for.
@Suite struct SimpleTextTests {
    static let simpleRanges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF, 0x2500...0x25FC]

    @Test func everySimpleScalarIsACharacterOfItsOwnAndOneColumnWide() throws {
        for r in Self.simpleRanges {
            for v in r {
                let s = try #require(Unicode.Scalar(v))
                #expect(DisplayWidth.isSimple(v))
                #expect(DisplayWidth.of(Character(s)) == 1, "U+\(String(v, radix: 16))")
                for text in ["a\(s)", "\(s)a", "\(s)\(s)", "é\(s)", "\(s)─"] {
                    #expect(text.count == 2, "U+\(String(v, radix: 16)) joins a neighbour in \(text.debugDescription)")
                }
            }
        }
        for v: UInt32 in [0x0D, 0x7F, 0x9F, 0x300, 0x200D, 0xFE0F, 0x1100, 0x1F1EB, 0x25FD, 0x2614] { #expect(!DisplayWidth.isSimple(v)) }
    }

    static let pieces = ["a", "·", "é", "─", "→", "—", "‘", "中", "e\u{301}", "👍🏽", "\u{1F1EB}\u{1F1F7}", "\r\n", "\t", "ä",
                         "\u{200D}", "\u{FE0F}", "☂", "☂\u{FE0F}", " ", "│", "…"]

    @Test func widthsAndFramesAgreeWithTheCharacterPath() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<1500 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            let byCharacter = text.reduce(0) { $0 + DisplayWidth.of($1) }
            #expect(DisplayWidth.of(text) == byCharacter, "\(text.debugDescription)")
            // Drawn whole, or one character at a time (which a simple character takes through its
            // own path only when it is alone): the same cells, clipped or not.
            for clip in [nil, Rect(x: 2, y: 0, width: 7, height: 1)] {
                var whole = Frame(size: Size(width: 30, height: 1), fill: .blank)
                var each = whole
                let used = whole.put(text, x: 1, y: 0, clip: clip)
                var x = 1
                for ch in text { x += each.put(String(ch), x: x, y: 0, clip: clip) }
                if clip == nil { #expect(used == byCharacter) }
                #expect(whole.lines == each.lines, "\(text.debugDescription) clip \(String(describing: clip))")
            }
        }
    }
}
