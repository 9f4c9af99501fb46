import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A recorded session at one moment as plain text, for `mlsd show`: every piece of recorded text
/// passes through `SafeText`, so printing it to a terminal is safe.
public enum SessionText {
    public static func describe(_ r: Recording, session s: Session, at t: Double, asciiSketch: Bool = false) -> String {
        let sc = r.scenario
        func v(_ x: String) -> String { SafeText.visible(x) }
        var o = "\(v(sc.title))  [\(v(sc.id))]\n"
        var meta = [String]()
        if !r.header.created.isEmpty { meta.append("recorded \(v(r.header.created))") }
        meta.append("\(s.settings.minutes) min")
        meta.append("level \(s.settings.level.rawValue)")
        meta.append(r.finished ? "finished" : "interrupted")
        o += meta.joined(separator: " · ") + "\n"
        o += "At \(Report.clock(t)) of \(Report.clock(r.duration)) (recording time, pauses included)\n\n"
        if !s.started {
            o += "The interview had not started.\n"
            return o
        }
        let i = s.stageIndex
        o += "Stage \(i + 1)/\(sc.stages.count): \(v(s.stage.title))\(s.ended ? " (interview ended)" : "")\(s.paused ? " (paused)" : "")\n"
        let left = s.stageLeft(at: t)
        o += "Interview clock \(Report.clock(s.elapsed(at: t))) of \(Report.clock(s.totalBudget)) · this stage \(Report.clock(s.stageSpent(i, at: t))) of \(Report.clock(s.budget(i))) (\(left < 0 ? "over by \(Report.clock(-left))" : "\(Report.clock(left)) left"))\n"
        o += "\nTime per stage\n"
        for (k, st) in sc.stages.enumerated() {
            let spent = s.stageSpent(k, at: t)
            let c = s.coverageCount(stage: k)
            let name = v(st.title)
            o += "  \(k + 1) \(name)\(String(repeating: " ", count: max(1, 26 - name.count)))\(Report.clock(spent)) of \(Report.clock(s.budget(k)))\(spent > s.budget(k) ? " (over)" : "") · \(c.covered)/\(c.total) points\(k == i ? "  ◀ now" : "")\n"
        }
        o += "\nFollow-ups so far\n"
        if s.asked.isEmpty { o += "  none\n" }
        for a in s.asked {
            let ask = s.followUp(a)?.ask ?? a.id
            o += "  \(Report.clock(a.at))  \(v(sc.stages[a.stage].title)): \(v(ask))\(s.isAnswered(a) ? "  (answered)" : "  (not answered yet)")\n"
        }
        o += "\nClarifying questions\n"
        if s.clarifications.isEmpty { o += "  none\n" }
        for c in s.clarifications {
            let answer = c.fact.flatMap { id in sc.facts.first { $0.id == id }?.answer } ?? Report.assumeReply
            o += "  \(Report.clock(c.at))  Q: \(v(c.question))\n         A: \(v(answer))\n"
        }
        let hints = sc.stages.indices.filter { s.hintsShown[$0] > 0 }
        o += "\nHints shown\n"
        if hints.isEmpty { o += "  none\n" }
        for k in hints { o += "  \(v(sc.stages[k].title)): \(s.hintsShown[k]) of \(sc.stages[k].hints.count)\n" }
        o += "\nNotes\n"
        for (k, st) in sc.stages.enumerated() {
            let doc = s.notes[k]
            o += "── \(k + 1) \(v(st.title)) · \(doc.wordCount) word\(doc.wordCount == 1 ? "" : "s") ──\n"
            if doc.isEmpty { o += "  (empty)\n"; continue }
            for line in doc.lines { o += "  " + v(line) + "\n" }
        }
        let sketch = s.sketch
        o += "\nSketch · \(sketch.boxes.count) box\(sketch.boxes.count == 1 ? "" : "es") · \(sketch.arrows.count) arrow\(sketch.arrows.count == 1 ? "" : "s")\n"
        if sketch.isEmpty { o += "  (empty)\n" }
        for line in SketchExport.textLines(sketch, ascii: asciiSketch) { o += "  " + v(line) + "\n" }
        return o
    }

    /// Parses `MM:SS`, `H:MM:SS` or plain seconds; nil when it is none of them.
    public static func parseTime(_ s: String) -> Double? {
        let parts = s.trimmedSpaces.split(separator: ":", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var total = 0.0
        for (k, p) in parts.enumerated() {
            guard !p.isEmpty, p.count <= 9, p.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let n = Double(p), n.isFinite else { return nil }
            if k > 0 && (n >= 60 || p.contains(".") && k < parts.count - 1) { return nil }
            total = total * 60 + n
        }
        return total
    }
}
