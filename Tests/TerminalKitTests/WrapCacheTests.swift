@testable import TerminalKit
import Testing
import TestSupport

/// Typing re-wraps a long paragraph from the edited row on; the result must always be what
/// wrapping the whole line afresh gives.
@Suite struct WrapCacheTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func rewrappingAfterAnEditEqualsWrappingAfresh(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let words = ["a", "model", "latency", "recall", "x", "feature-store", "averyveryverylongwordthatneedsbreaking", " ", "  "]
        for _ in 0..<300 {
            let width = 1 + Int(rng.next() % 60)
            var line = ""
            for _ in 0..<Int(rng.next() % 80) { line += words[Int(rng.next() % UInt64(words.count))] + " " }
            let before = TextWrap.rows(line, width: width)
            // an edit somewhere: insert, delete or replace a few characters
            var chars = Array(line)
            let at = chars.isEmpty ? 0 : Int(rng.next() % UInt64(chars.count + 1))
            switch rng.next() % 3 {
            case 0: chars.insert(contentsOf: Array(words[Int(rng.next() % UInt64(words.count))]), at: at)
            case 1: if at < chars.count { chars.removeSubrange(at..<min(chars.count, at + 1 + Int(rng.next() % 5))) }
            default: chars.append(contentsOf: "q")
            }
            let after = String(chars)
            guard !after.isEmpty else { continue }
            let got = TextWrap.rewrap(after, width: width, previous: line, old: before)
            let want = TextWrap.rows(after, width: width)
            #expect(got == want, "width \(width): \(line.debugDescription) → \(after.debugDescription)")
            if got != want { return }
        }
    }

    @Test func theCacheDropsALinesOldRevisionAndReusesItsRows() {
        var cache = WrapCache()
        let line = String(repeating: "word ", count: 200)
        let a = cache.rows(line, revision: 1, width: 30)
        let b = cache.rows(line + "x", revision: 2, width: 30, replacing: 1)
        #expect(b == TextWrap.rows(line + "x", width: 30))
        #expect(a.count == b.count || a.count + 1 == b.count)
        // revision 1 was dropped: asking for it wraps again (same answer, from scratch)
        #expect(cache.rows(line, revision: 1, width: 30) == a)
    }
}
