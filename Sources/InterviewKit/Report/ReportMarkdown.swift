import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The report as Markdown, for people; JSON comes from `Codable`.
extension Report {
    public func markdown(date: String? = nil) -> String {
        var o = "# \(title): mock interview report\n\n"
        o += "- Case: `\(caseID)` · length \(minutes) min · level \(level.rawValue)\(date.map { " · \($0)" } ?? "")\n"
        o += "- Time used: \(Report.clock(elapsed))\(finished ? "" : " (not finished)") · hints used: \(hintsUsed) · follow-ups: \(followUps.count) · clarifying questions: \(clarifications.count)\n\n"
        o += "## Time per stage\n\n| stage | time | budget | points covered |\n|---|---:|---:|---:|\n"
        for s in stages {
            let over = s.spent > s.budget ? " ⚠" : ""
            o += "| \(s.title) | \(Report.clock(s.spent))\(over) | \(Report.clock(s.budget)) | \(s.covered.count)/\(s.covered.count + s.missed.count) |\n"
        }
        o += "\n## What a strong answer covers\n"
        for s in stages {
            o += "\n### \(s.title)\n\n"
            for c in s.covered { o += "- [x] \(c)\n" }
            for m in s.missed { o += "- [ ] \(m.point): \(m.answer)\n" }
            if s.hintsUsed > 0 { o += "\nHints used: \(s.hintsUsed) of \(s.hintsAvailable).\n" }
        }
        o += "\n## Follow-up questions\n\n"
        if followUps.isEmpty { o += "None were asked.\n" }
        for f in followUps { o += "- \(Report.clock(f.at)) (\(f.stage.title)) \(f.ask) — \(f.answered ? "answered" : "**not answered**")\n" }
        o += "\n## Clarifying questions\n\n"
        if clarifications.isEmpty { o += "None were asked.\n" }
        for c in clarifications { o += "- \(Report.clock(c.at)) Q: \(c.question)\n  A: \(c.answer)\n" }
        o += "\n## Pitfalls\n\n"
        if pitfalls.isEmpty { o += "None found.\n" }
        for p in pitfalls { o += "- \(p.text)\n" }
        o += "\n## Rubric (automatic estimate)\n\nAn estimate from checklist coverage and hints, not an interviewer's judgement.\n\n| area | estimate | what it looks like |\n|---|---|---|\n"
        for r in rubric { o += "| \(r.title) | \(r.score)/4 \(r.label) | \(r.looksLike) |\n" }
        if let sk = sketch {
            o += "\n## Your sketch\n\n" + Report.fenced(SketchExport.text(sk)) + "\n<details><summary>Mermaid</summary>\n\n```mermaid\n" + SketchExport.mermaid(sk) + "```\n\n</details>\n"
        }
        if let ref = referenceArchitecture {
            o += "\n## Reference architecture\n\nOne strong design for this case, to compare with yours.\n\n" + Report.fenced(ref)
        }
        return o
    }

    /// Text in a code fence longer than any run of backticks inside it.
    static func fenced(_ text: String) -> String {
        var longest = 0, run = 0
        for ch in text { run = ch == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }

    public func json() -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? enc.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
