/// A case as readable plain text, for `mlsd scenarios show`.
public enum ScenarioText {
    public static func describe(_ s: Scenario) -> String {
        var o = "\(s.title)  [\(s.id)]\n\(s.summary)\n\nLength: \(s.minutes) min · levels: \(s.levels.map(\.rawValue).joined(separator: ", "))\n\n"
        o += "Problem\n" + indent(s.problem) + "\n\nInterviewer's facts\n"
        for f in s.facts { o += "  \(f.topic): \(f.answer)\n    asked by: \(f.asks.joined(separator: ", "))\n" }
        for (i, st) in s.stages.enumerated() {
            o += "\nStage \(i + 1)/\(s.stages.count): \(st.title) (\(st.share) %)\n" + indent(st.prompt) + "\n"
            o += "  Checklist\n"
            for c in st.checklist { o += "    - \(c.point) [\(c.id)]\n      signals: \(c.signals.joined(separator: ", "))\n" }
            if !st.followUps.isEmpty { o += "  Follow-ups\n" }
            for f in st.followUps {
                let lv = f.levels.isEmpty ? "" : " (\(f.levels.map(\.rawValue).joined(separator: ", ")))"
                o += "    - \(f.ask)\n      \(f.trigger.summary)\(lv)\n"
            }
            if !st.hints.isEmpty { o += "  Hints: \(st.hints.count)\n" }
        }
        if !s.rubric.isEmpty { o += "\nRubric\n" }
        for r in s.rubric { o += "  \(r.title) (\(r.stages.map(\.rawValue).joined(separator: ", ")))\n" }
        if !s.pitfalls.isEmpty { o += "\nPitfalls\n" }
        for p in s.pitfalls { o += "  - \(p.text)\n" }
        if !s.referenceArchitecture.isEmpty { o += "\nReference architecture\n" + indent(s.referenceArchitecture) + "\n" }
        return o
    }

    static func indent(_ t: String) -> String {
        t.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
