/// A written answer split by stage (`## clarify` … `## monitoring` headings), used to check a
/// case's signals against sample answers.
public struct AnswerScript: Sendable {
    public var paragraphs: [StageKind: [String]]

    public init(markdown: String) {
        var out: [StageKind: [String]] = [:]
        var current: StageKind?
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmedSpaces
            if line.hasPrefix("## ") {
                current = StageKind(rawValue: line.dropFirst(3).trimmedSpaces.lowercased())
                continue
            }
            guard let k = current, !line.isEmpty else { continue }
            out[k, default: []].append(line)
        }
        paragraphs = out
    }

    /// Plays the answer through an engine (each stage's paragraphs typed in its stage) and returns the session.
    public func play(_ scenario: Scenario, level: Level = .senior) -> Session {
        var engine = Engine(scenario: scenario, settings: Settings(minutes: scenario.minutes, level: level))
        _ = engine.handle(.start, at: 0)
        for (i, st) in scenario.stages.enumerated() {
            _ = engine.handle(.goToStage(i), at: 0)
            let text = (paragraphs[st.kind] ?? []).joined(separator: "\n")
            if text.isEmpty { continue }
            _ = engine.handle(.edit(.insert("\n" + text, at: engine.session.notes[i].end)), at: 0)
        }
        return engine.session
    }
}
