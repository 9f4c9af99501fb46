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

    /// Typing into several lines in turn, asking for other lines between keys and changing the
    /// width now and then: every answer is what wrapping that revision afresh gives, whether it
    /// came from the entry kept for the line typed in last or from the table.
    @Test(arguments: [5, 6, 7] as [UInt64])
    func typingInTurnsAlwaysGivesTheRowsOfEachRevision(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var cache = WrapCache()
        var lines = ["", "model latency ", "recall at k and ndcg ", "x"]
        var revisions = [1, 2, 3, 4]
        var next = 5
        var width = 12
        let pieces = ["a", " ", "word ", "x", "averyveryverylongword", "é"]
        for step in 0..<800 {
            if rng.next() % 97 == 0 { width = 1 + Int(rng.next() % 40) }
            let l = Int(rng.next() % UInt64(lines.count))
            if rng.next() % 3 == 0 {
                // a look at a line without changing it
                let got = cache.rows(lines[l], revision: revisions[l], width: width)
                #expect(got == TextWrap.rows(lines[l], width: width), "step \(step)")
                continue
            }
            let old = revisions[l]
            if rng.next() % 4 == 0, !lines[l].isEmpty { lines[l].removeLast() } else { lines[l] += pieces[Int(rng.next() % UInt64(pieces.count))] }
            revisions[l] = next
            next += 1
            let got = cache.rows(lines[l], revision: revisions[l], width: width, replacing: old)
            #expect(got == TextWrap.rows(lines[l], width: width), "step \(step)")
            #expect(cache.rows(lines[l], revision: revisions[l], width: width) == got)
        }
    }
}
