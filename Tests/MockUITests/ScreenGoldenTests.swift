import InterviewKit
import MockUI
import TerminalKit
import Testing
import TestSupport

/// The screens as text, at 80×24, 120×40 and the smallest size, with wide characters.
@Suite struct ScreenGoldenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 60, height: 18)]

    /// A practice screen part-way through: a question asked, a hint shown, notes with wide characters.
    func practice() throws -> PracticeScreen {
        let s = try Fixtures.scenario("video-recommendation")
        var p = PracticeScreen(scenario: s, settings: Settings(minutes: 45, level: .senior), at: 0)
        _ = p.handle(.text("Goal: long-term watch time and retention, not clicks. 漢字のメモ and café notes."), at: 10)
        _ = p.handle(.enter, at: 11)
        _ = p.handle(.text("Scale: how many DAU? Latency budget around 200 ms."), at: 12)
        _ = p.handle(.function(6), at: 20)
        _ = p.handle(.text("How many daily active users are there?"), at: 21)
        _ = p.handle(.enter, at: 22)
        _ = p.handle(.function(2), at: 30)
        _ = p.tick(at: 95)
        return p
    }

    func check(_ f: Frame, _ name: String) {
        if let m = Golden.mismatch(f.text, name: name) { Issue.record(Comment(rawValue: m)) }
    }

    @Test(arguments: sizes)
    func practiceScreen(size: Size) throws {
        var p = try practice()
        check(p.view(size: size, at: 95, glyphs: .unicode), "practice-\(size.width)x\(size.height)")
    }

    @Test func practiceScreenInASCII() throws {
        var p = try practice()
        let f = p.view(size: Size(width: 80, height: 24), at: 95, glyphs: .ascii)
        check(f, "practice-80x24-ascii")
        #expect(!f.text.contains("┌"))
    }

    @Test(arguments: sizes)
    func homeScreen(size: Size) {
        var h = HomeScreen(scenarios: Fixtures.allScenarios().filter { ["video-recommendation", "fraud-detection", "visual-search"].contains($0.id) })
        _ = h.handle(.down)
        check(h.view(size: size, glyphs: .unicode), "home-\(size.width)x\(size.height)")
    }

    @Test func helpOverlayComesFromTheKeyTable() throws {
        var p = try practice()
        _ = p.handle(.function(1), at: 100)
        let f = p.view(size: Size(width: 80, height: 24), at: 100, glyphs: .unicode)
        check(f, "help-80x24")
        for b in Keymaps.practice.groups.flatMap(\.bindings).prefix(4) { #expect(f.text.contains(b.help)) }
    }

    @Test(arguments: sizes)
    func reportScreen(size: Size) throws {
        var p = try practice()
        _ = p.handle(.ctrl("n"), at: 120)
        _ = p.handle(.text("Rank by expected watch time with a two-tower retrieval and a ranker."), at: 130)
        _ = p.handle(.ctrl("q"), at: 200)
        let out = p.handle(.char("y"), at: 201)
        #expect(out.ended)
        var r = ReportScreen(report: Report(session: p.session, at: 201))
        r.savedPath = "/home/you/.local/share/mlsd/sessions/2026-11-21-090000-video-recommendation.md"
        check(r.view(size: size, glyphs: .unicode), "report-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Size(width: 59, height: 24), Size(width: 80, height: 17), Size(width: 1, height: 1), Size(width: 0, height: 0)])
    func belowTheSmallestSizeTheScreenAsksForMoreRoom(size: Size) throws {
        var p = try practice()
        let f = p.view(size: size, at: 95, glyphs: .unicode)
        #expect(f.size == size)
        if size.width >= 20 && size.height >= 4 { #expect(f.text.contains("Enlarge the terminal")) }
    }

    @Test func everyPrintableSizeDrawsWithoutCrashing() throws {
        var p = try practice()
        for w in stride(from: 1, through: 130, by: 7) {
            for h in stride(from: 1, through: 45, by: 4) {
                let f = p.view(size: Size(width: w, height: h), at: 95, glyphs: .unicode)
                #expect(f.cells.count == w * h)
            }
        }
    }
}
