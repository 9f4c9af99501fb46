import InterviewKit
@testable import MockUI
import TerminalKit
import Testing
import TestSupport

/// The notes editor's screen-row starts, kept from key to key, against an editor that works
/// them out afresh: typing on in one line takes a shortcut that re-wraps that line only.
@Suite struct RowStartsTests {
    @Test(arguments: [1, 2, 3])
    func rowStartsKeptWhileTypingMatchAFreshEditor(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var doc = TextDocument((0..<10).map { "paragraph \($0) " + String(repeating: "word ", count: $0 * 3) }.joined(separator: "\n"))
        var ed = NotesEditor()
        let widths = [24, 24, 24, 24, 17]   // now and then another width (a resize)
        let pieces = ["a", "é", "中", " ", "word ", "e\u{301}", "long-unbroken-token-that-wraps"]
        for step in 0..<600 {
            let line = doc.clamp(ed.cursor).line
            let edit: TextEdit
            switch Int.random(in: 0..<12, using: &rng) {
            case 0:   // the cursor goes to another paragraph
                let l = Int.random(in: 0..<doc.lines.count, using: &rng)
                ed.cursor = TextPosition(line: l, column: Int.random(in: 0...doc.lines[l].count, using: &rng))
                continue
            case 1: edit = .insert("\n", at: ed.cursor)
            case 2, 3:
                let c = doc.clamp(ed.cursor)
                guard c.column > 0 else { continue }
                edit = .delete(from: TextPosition(line: c.line, column: c.column - 1), to: c)
            default: edit = .insert(pieces.randomElement(using: &rng)!, at: ed.cursor)
            }
            _ = doc.apply(edit)
            ed.didApply(edit)
            let width = widths.randomElement(using: &rng)!
            var fresh = NotesEditor()
            fresh.cursor = ed.cursor
            for l in [0, line, doc.lines.count / 2, doc.lines.count] {
                let kept = ed.rowStart(doc, line: l, width: width), afresh = fresh.rowStart(doc, line: l, width: width)
                #expect(kept == afresh, "seed \(seed) step \(step): line \(l) starts at row \(kept), afresh \(afresh)")
            }
            #expect(ed.rowStarts == fresh.rowStarts, "seed \(seed) step \(step)")
        }
    }
}
