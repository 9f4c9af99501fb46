import InterviewKit
@testable import MockUI
import TerminalKit
import Testing
import TestSupport

/// The practice screen keeps its last frame and redraws only the regions whose inputs changed.
/// Whatever happens, what it shows must be exactly what a screen drawn afresh shows.
@Suite struct IncrementalDrawTests {
    /// Every cell as (text, style), and the cursor: cluster numbering may differ between frames.
    static func picture(_ f: Frame) -> [String] {
        var rows: [String] = []
        for y in 0..<f.size.height {
            var row = ""
            for x in 0..<f.size.width {
                let c = f[x, y]
                row += f.text(at: x, y) + "\u{1}\(c.style.role.rawValue)\(c.style.bold ? "b" : "")\(c.style.reverse ? "r" : "")\(c.style.underline ? "u" : "")\u{2}"
            }
            rows.append(row)
        }
        rows.append("cursor \(String(describing: f.cursor))")
        return rows
    }

    static func fresh(_ p: PracticeScreen, size: Size, at t: Double, glyphs: Glyphs) -> Frame {
        var q = p
        q.drawn = nil
        q.canvas = nil
        return q.view(size: size, at: t, glyphs: glyphs)
    }

    /// A seeded walk over the things a candidate does: typing (wide characters too), moving,
    /// changing panes and stages, hints, questions, help, the sketch, time passing, resizing.
    func walk(seed: UInt64, steps: Int, glyphs: Glyphs) throws {
        var rng = SplitMix64(seed: seed)
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 30, level: .senior), at: 0)
        var t = 0.0
        var size = Size(width: 120, height: 40)
        let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 60, height: 18), Size(width: 200, height: 60), Size(width: 30, height: 10)]
        let typed = ["latency", " ", "漢字", "é", "model ", "recall@k ", "\n", "AUC and NDCG ", "a/b test ",
                     "a long paragraph that wraps over several rows of the notes pane, so that typing in it moves words from one row to the next ",
                     "\n\n"]
        var previous = p.view(size: size, at: t, glyphs: glyphs)
        var chained = 0
        for step in 0..<steps {
            let r = Int(rng.next() % 100)
            switch r {
            case 0..<40: _ = p.handle(.text(typed[Int(rng.next() % UInt64(typed.count))]), at: t)
            case 40..<45: _ = p.handle(.backspace, at: t)
            case 45..<52: _ = p.handle([Key.left, .right, .up, .down, .home, .end, .pageUp, .pageDown][Int(rng.next() % 8)], at: t)
            case 52..<56: _ = p.handle(.tab, at: t)
            case 56..<58: _ = p.handle(.ctrl("n"), at: t)
            case 58..<59: _ = p.handle(.ctrl("p"), at: t)
            case 59..<61: _ = p.handle(.function(2), at: t)
            case 61..<62:
                _ = p.handle(.function(6), at: t); _ = p.handle(.text("how many users"), at: t); _ = p.handle(.enter, at: t)
            case 62..<63: _ = p.handle(.function(1), at: t)
            case 63..<64: _ = p.handle(.escape, at: t)
            case 64..<66: _ = p.handle(.function(4), at: t)
            case 66..<72: _ = p.handle([Key.char("b"), .char("a"), .char("t"), .enter, .escape, .char("m"), .char("u"), .char("r")][Int(rng.next() % 8)], at: t)
            case 72..<74: _ = p.handle(.mouse(x: Int(rng.next() % 120), y: Int(rng.next() % 40), kind: .press), at: t)
            case 74..<76:
                size = sizes[Int(rng.next() % UInt64(sizes.count))]
                p.resize(size)
            case 76..<78: _ = p.handle(.function(3), at: t)
            default:
                t += Double(rng.next() % 90)
                _ = p.tick(at: t)
            }
            let want = Self.fresh(p, size: size, at: t, glyphs: glyphs)
            let got = p.view(size: size, at: t, glyphs: glyphs)
            let a = Self.picture(got), b = Self.picture(want)
            if a != b {
                let row = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? -1
                Issue.record("seed \(seed) step \(step) (choice \(r)): row \(row) differs from a fresh frame")
                return
            }
            // The terminal redraws only the rows a frame says it wrote when it follows the one
            // before: every other row must be as it was.
            if got.lineage == previous.lineage && got.generation == previous.generation + 1 {
                chained += 1
                let before = Self.picture(previous)
                for y in 0..<got.size.height where !got.wasWritten(row: y) && a[y] != before[y] {
                    Issue.record("seed \(seed) step \(step) (choice \(r)): row \(y) changed but is not marked written")
                    return
                }
            }
            previous = got
        }
        #expect(chained > steps / 5, "many frames follow the one before (no overlay, no resize in between)")
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func incrementalFramesMatchFreshOnes(seed: UInt64) throws {
        try walk(seed: seed, steps: 400, glyphs: seed % 2 == 0 ? .ascii : .unicode)
    }

    /// The check above would pass if nothing were ever reused; this one shows reuse happens.
    @Test func aTypedKeyRedrawsOnlyTheNotesAndTheStageStrip() throws {
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
        let size = Size(width: 120, height: 40)
        _ = p.view(size: size, at: 0.5, glyphs: .unicode)
        let before = p.drawn
        _ = p.handle(.char("x"), at: 0.6)
        _ = p.view(size: size, at: 0.7, glyphs: .unicode)
        #expect(p.drawn?.prompt == before?.prompt)
        #expect(p.drawn?.sketch == before?.sketch)
        #expect(p.drawn?.header == before?.header)
        #expect(p.drawn?.notes != before?.notes)
    }

    /// Rows that an edit only clears (a wrapped paragraph growing shorter) must be marked
    /// written too, or the terminal would leave the old text on screen.
    @Test func rowsAnEditOnlyClearsAreMarkedWritten() throws {
        var p = PracticeScreen(scenario: try Fixtures.scenario("video-recommendation"), settings: Settings(minutes: 45, level: .senior), at: 0)
        let size = Size(width: 80, height: 24)
        _ = p.view(size: size, at: 0.1, glyphs: .unicode)
        _ = p.handle(.text(String(repeating: "wrapping words ", count: 12)), at: 0.2)
        var previous = p.view(size: size, at: 0.3, glyphs: .unicode)
        var cleared = 0
        for k in 0..<120 {
            _ = p.handle(.backspace, at: 0.4 + Double(k) * 0.001)
            let got = p.view(size: size, at: 0.4 + Double(k) * 0.001, glyphs: .unicode)
            #expect(got.lineage == previous.lineage && got.generation == previous.generation + 1)
            let a = Self.picture(got), b = Self.picture(previous)
            for y in 0..<size.height where a[y] != b[y] {
                #expect(got.wasWritten(row: y), "row \(y) changed after \(k + 1) Backspaces but is not marked written")
                if !got.lines[y].contains("wrapping") && previous.lines[y].contains("wrapping") { cleared += 1 }
            }
            previous = got
        }
        #expect(cleared > 0, "some row was emptied")
    }
}
