import TerminalKit
import Testing
import TestSupport

@Suite struct LinesTests {
    static let samples = [
        "", "\n", "\n\n", "one", "one\n", "one\ntwo", "\none\n\ntwo\n", "a\r\nb\nc", "\r\n", "x\r\r\ny\n\rz",
        "é\n中文\n\u{301}after a combining mark", "emoji 👩‍👩‍👧\nflag 🇫🇷\n", "tab\there\n  indented",
    ]

    @Test(arguments: samples)
    func linesAreWhatSplittingAtNewlinesGives(_ text: String) {
        #expect(text.lineSlices() == text.split(separator: "\n", omittingEmptySubsequences: false))
        let sub = text.dropFirst()
        #expect(sub.lineSlices() == sub.split(separator: "\n", omittingEmptySubsequences: false))
    }

    @Test func randomTextsSplitTheSameWay() {
        var rng = SplitMix64(seed: 11)
        let pieces = ["a", "é", "中", "\n", "\r", "\r\n", " ", "\u{301}", "👍🏽"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(text.lineSlices() == text.split(separator: "\n", omittingEmptySubsequences: false), "\(Array(text.unicodeScalars))")
        }
    }
}
