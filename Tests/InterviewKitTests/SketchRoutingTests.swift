import InterviewKit
import Testing
import TestSupport

/// Routing and drawing rules, cell by cell (golden pictures are in MockUITests).
@Suite struct SketchRoutingTests {
    func canvas(_ s: SketchScript, ascii: Bool = false) -> (SketchLayout, [String]) {
        let l = SketchLayout(s.sketch)
        return (l, SketchExport.textLines(s.sketch, ascii: ascii))
    }

    func char(_ lines: [String], _ x: Int, _ y: Int) -> Character? {
        guard y < lines.count else { return nil }
        let row = Array(lines[y])
        return x < row.count ? row[x] : " "
    }

    @Test func aStraightArrowLeavesThroughAJunctionAndEndsInAHeadAtTheBorder() {
        var s = SketchScript()
        let a = s.box("a", at: 0, 0), b = s.box("b", at: 20, 0)
        s.arrow(a, b)
        let (_, lines) = canvas(s)
        #expect(lines[1] == "│ a ├──────────────▶│ b │")
        let (_, ascii) = canvas(s, ascii: true)
        #expect(ascii[1] == "| a +-------------->| b |")
    }

    @Test func anArrowGoesAroundABoxInTheWay() {
        var s = SketchScript()
        let a = s.box("a", at: 0, 0), b = s.box("b", at: 40, 0)
        let wall = s.box("wall", at: 18, 0)
        let ab = s.arrow(a, b)
        let (l, _) = canvas(s)
        let r = l.routes[ab]!
        #expect(r.avoidsBoxes)
        #expect(r.points.count > 2)
        let wallFrame = s.sketch.boxes[wall]!.frame
        for i in 0..<(r.points.count - 1) {
            let p = r.points[i], q = r.points[i + 1]
            let seg = SketchRect(x: min(p.x, q.x), y: min(p.y, q.y), width: abs(p.x - q.x) + 1, height: abs(p.y - q.y) + 1)
            #expect(!seg.intersects(wallFrame))
        }
    }

    @Test func crossingLinesShowACrossAndALabelSitsOnItsLine() {
        var s = SketchScript()
        let w = s.box("west", at: 0, 6), e = s.box("east", at: 40, 6)
        let n = s.box("north", at: 20, 0), so = s.box("south", at: 20, 12)
        s.arrow(w, e, "flow")
        let ns = s.arrow(n, so)
        let (l, lines) = canvas(s)
        let v = l.routes[ns]!.points[0].x                     // the north → south line's column
        #expect(char(lines, v, 7) == "┼")
        #expect(lines[7].contains("─ flow ─"))
    }

    @Test func linesMeetingFromThreeSidesShowATee() {
        var s = SketchScript()
        // two arrows into the left side of one box: one port, so their lines join
        let a = s.box("a", at: 0, 0), b = s.box("b", at: 0, 8), t = s.box("target", at: 30, 4)
        s.arrow(a, t); s.arrow(b, t)
        let (_, lines) = canvas(s)
        let joined = lines.joined()
        #expect(joined.contains("┤") || joined.contains("├") || joined.contains("┬") || joined.contains("┴"))
        #expect(joined.filter { $0 == "▶" }.count + joined.filter { $0 == "▼" }.count + joined.filter { $0 == "▲" }.count == 2)
    }

    @Test func arrowsOnTheTopAndBottomSidesGetTheirOwnPorts() {
        var s = SketchScript()
        let hub = s.box("hub service", at: 20, 0)
        let a = s.box("a", at: 0, 10), b = s.box("b", at: 20, 10), c = s.box("c", at: 40, 10)
        let ids = [s.arrow(hub, a), s.arrow(hub, b), s.arrow(hub, c)]
        let l = SketchLayout(s.sketch)
        let ports = ids.map { l.routes[$0]!.ends.fromPort }
        #expect(Set(ports).count == 3)
        #expect(ports.map(\.x) == ports.map(\.x).sorted())      // ordered like their targets: no crossing
    }

    @Test func aLabelTravelsWithItsArrow() {
        var s = SketchScript()
        let a = s.box("a", at: 0, 0), b = s.box("b", at: 30, 0)
        let ab = s.arrow(a, b, "rpc")
        let before = SketchLayout(s.sketch).routes[ab]!.labelOrigin!
        s.run(.move(id: b, to: SketchPoint(x: 30, y: 10), continuing: false))
        s.run(.move(id: a, to: SketchPoint(x: 0, y: 10), continuing: false))
        let after = SketchLayout(s.sketch).routes[ab]!.labelOrigin!
        #expect(after.y == before.y + 10)
    }

    @Test func wideCharactersKeepTheirTwoColumns() {
        var s = SketchScript()
        let a = s.box("漢字", at: 0, 0), b = s.box("b", at: 20, 0)
        s.arrow(a, b, "データ")
        let (_, lines) = canvas(s)
        #expect(lines[0] == "┌──────┐            ┌───┐")
        #expect(lines[1].hasPrefix("│ 漢字 ├"))
        #expect(lines[1].contains(" データ "))
    }

    @Test func onlyTheArrowsAnEditCanAffectAreRoutedAgain() {
        var s = SketchScript()
        var ids: [Int] = []
        for i in 0..<10 { ids.append(s.box("b\(i)", at: (i % 5) * 20, (i / 5) * 10)) }
        for i in 0..<4 { s.arrow(ids[i], ids[i + 1]) }
        for i in 5..<9 { s.arrow(ids[i], ids[i + 1]) }
        var l = SketchLayout(s.sketch)
        #expect(l.lastRouted == 8)
        s.run(.move(id: ids[9], to: SketchPoint(x: 81, y: 10), continuing: false))
        l.update(s.sketch)
        #expect(l.lastRouted >= 1 && l.lastRouted <= 2)
    }
}
