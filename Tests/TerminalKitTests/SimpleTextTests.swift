@testable import TerminalKit
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

    /// Random text of simple characters (and spaces; sometimes all ASCII): wrapped byte by byte
    /// or scalar by scalar as it would be character by character, at every width.
    @Test func simpleTextWrapsAsTheCharacterPathDoes() {
        var rng = SplitMix64(seed: 11)
        let simple = ["a", "b", "·", "é", "─", "→", "—", "‘", " ", " ", "…", "Ω", "wxyz"]
        let ascii = ["a", "b", " ", " ", "wxyz", "."]
        for k in 0..<1500 {
            let pool = k % 3 == 0 ? ascii : simple
            let text = (0..<Int.random(in: 1...30, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
            for width in 1...12 {
                // The ASCII path too, for text that takes it.
                #expect(TextWrap.rows(text, width: width) == TextWrap.graphemeRows(text, width: width), "\(text.debugDescription) at \(width)")
            }
        }
    }

    /// Styled lines of several spans, simple or not: every character comes out once, in its
    /// span's style, in order, each row no wider than the width.
    @Test func styledWrappingKeepsEveryCharacterInItsStyle() {
        var rng = SplitMix64(seed: 12)
        let styles: [Style] = [.normal, .role(.accent), Style(.warning, bold: true)]
        for _ in 0..<800 {
            // (No joiner alone: one at the start of a span would join the last character of the
            // span before, which styled text does not do.)
            let pool = Bool.random(using: &rng) ? ["a", "·", "é", " ", "—", "bc "] : Self.pieces.filter { $0 != "\u{200D}" && $0 != "\u{FE0F}" }
            var spans: [Span] = []
            var expected: [(Character, Style)] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let t = (0..<Int.random(in: 1...8, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
                let st = styles.randomElement(using: &rng)!
                spans.append(Span(t, st))
            }
            let plain = spans.map(\.text).joined()
            // Per character of the whole paragraph (a character may span two spans' texts).
            var offset = 0
            var styleAt: [Style] = []
            for sp in spans { for _ in sp.text.unicodeScalars { styleAt.append(sp.style) } }
            for ch in plain { expected.append((ch, styleAt[offset])); offset += ch.unicodeScalars.count }
            let indent = Int.random(in: 0...3, using: &rng)
            for width in [3, 5, 9, 40] {
                let rows = StyledText.wrap([StyledLine(spans, indent: indent)], width: width)
                var got: [(Character, Style)] = []
                for (i, row) in rows.enumerated() {
                    var spansOfRow = row
                    if i > 0 && min(indent, max(0, width - 8)) > 0 { spansOfRow.removeFirst() }
                    for sp in spansOfRow { for ch in sp.text { got.append((ch, sp.style)) } }
                    // (A space at the edge stays at the end of its row, one column beyond.)
                    #expect(row.reduce(0) { $0 + DisplayWidth.of($1.text) } <= max(width, 2) + 1, "\(plain.debugDescription) at \(width)")
                }
                #expect(got.map(\.0) == expected.map(\.0), "\(plain.debugDescription) at \(width)")
                if got.map(\.0) == expected.map(\.0) {
                    #expect(got.map(\.1) == expected.map(\.1), "styles of \(plain.debugDescription) at \(width) in \(spans.map(\.text))")
                }
            }
        }
    }
}
