import Foundation
import InterviewKit
import ScenarioYAML

/// Cases and answers the tests share.
public enum Fixtures {
    /// A bundled case by id.
    public static func scenario(_ id: String) throws -> Scenario {
        try ScenarioLoader.load(path: "\(Paths.scenarios)/\(id).yaml")
    }

    /// Every bundled case.
    public static func allScenarios() -> [Scenario] {
        ScenarioLibrary.load(folders: [Paths.scenarios], reader: YAMLCaseReader()).scenarios
    }

    /// A sample answer by name (`Tests/Fixtures/answers/NAME.md`).
    public static func answer(_ name: String) throws -> AnswerScript {
        AnswerScript(markdown: try String(contentsOfFile: "\(Paths.answers)/\(name).md", encoding: .utf8))
    }

    /// A small case built in code, for engine rules that must not depend on content.
    public static func tiny(followUps: [StageKind: [FollowUp]] = [:], hints: [String] = ["nudge", "near answer"]) -> Scenario {
        let stages = StageKind.allCases.map { k in
            Stage(kind: k, prompt: "Prompt for \(k.rawValue).", share: k.defaultShare,
                  checklist: [
                    ChecklistItem(id: "\(k.rawValue)-a", point: "Point A of \(k.rawValue)", signals: ["alpha \(k.rawValue)", "first + \(k.rawValue)"], answer: "Say alpha.", tags: k == .evaluation ? ["online-metric"] : (k == .model ? ["baseline"] : [])),
                    ChecklistItem(id: "\(k.rawValue)-b", point: "Point B of \(k.rawValue)", signals: ["beta \(k.rawValue)"], answer: "Say beta.", tags: []),
                  ],
                  followUps: followUps[k] ?? [], hints: hints)
        }
        return Scenario(id: "tiny", title: "Tiny", summary: "A tiny case.", problem: "Solve it.", minutes: 45,
                        levels: Level.allCases,
                        facts: [Fact(id: "scale", topic: "Scale", asks: ["how many users", "daily active", "dau"], answer: "Ten million a day."),
                                Fact(id: "latency", topic: "Latency", asks: ["latency", "how fast"], answer: "Under 100 ms.")],
                        stages: stages,
                        rubric: [RubricArea(id: "nav", title: "Navigation", stages: [.clarify, .frame], veryWeak: "vw", weak: "w", strong: "s", veryStrong: "vs")],
                        pitfalls: [Pitfall(id: "acc", text: "Used accuracy.", when: .mention(["accuracy"]))],
                        referenceArchitecture: "")
    }
}

/// A clock the test moves by hand; the engine is handed its time.
public struct ManualClock: Sendable {
    public private(set) var now: Double = 0
    public init(_ start: Double = 0) { now = start }
    public mutating func advance(_ seconds: Double) { now += seconds }
    public mutating func set(_ t: Double) { now = t }
}
