import Foundation
import InterviewKit
import ScenarioYAML
import Testing
import TestSupport

@Suite struct ScenarioLoaderTests {
    static let tiny = try! String(contentsOfFile: Paths.scenarios + "/README.md", encoding: .utf8)
        .components(separatedBy: "```yaml\nid: tiny\n")[1].components(separatedBy: "```")[0]

    func problems(_ yaml: String) -> [String] {
        do { _ = try ScenarioLoader.parse(yaml, file: "case.yaml"); return [] } catch let e as ScenarioErrors {
            return e.issues.map(\.description)
        } catch { return ["\(error)"] }
    }

    @Test func theGuidesSmallestExampleValidates() throws {
        let s = try ScenarioLoader.parse("id: tiny\n" + Self.tiny, file: "tiny.yaml")
        #expect(s.stages.map(\.kind) == StageKind.allCases)
        #expect(s.minutes == 45)
    }

    @Test(arguments: [
        // (a change to the valid example, expected location and words in the message)
        ("id: tiny\n", "id: Tiny Case\n", "case.yaml:1:5: error: the scenario id `Tiny Case` is not a valid id"),
        ("id: tiny\n", "id: tiny\nsumary: x\n", "case.yaml:2:1: error: unknown key `sumary` in the scenario\n    fix: did you mean `summary`?"),
        ("id: tiny\n", "id: tiny\nminutes: 500\n", "case.yaml:2:10: error: minutes is 500; it must be from 10 to 180"),
        ("id: tiny\n", "id: tiny\nlevels: [junior]\n", "unknown level `junior`"),
        ("  frame:      {prompt: Frame it.,", "  frame:      {share: 30, prompt: Frame it.,", "the stage shares add up to 118 %"),
        ("signals: [ranking]", "signals: []", "signals needs at least 1 entry"),
        ("id: tiny\n", "id: tiny\n\tbad: tab\n", "case.yaml:2:1: error: YAML syntax"),
        ("title: Tiny example", "title: [unclosed", "YAML syntax"),
        ("  monitoring: {prompt: Monitor.", "  monitor: {prompt: Monitor.", "unknown key `monitor` in stages"),
    ] as [(String, String, String)])
    func everyProblemIsReportedWithItsLineAndColumn(find: String, replace: String, expected: String) {
        let yaml = ("id: tiny\n" + Self.tiny).replacingOccurrences(of: find, with: replace)
        let found = problems(yaml)
        #expect(found.contains { $0.contains(expected) }, "got: \(found)")
    }

    @Test func aMissingTriggerMustNameAPointOfItsOwnStage() {
        let yaml = ("id: tiny\n" + Self.tiny).replacingOccurrences(
            of: "answer: Frame it.}]}", with: "answer: Frame it.}], follow_ups: [{id: f1, ask: Why?, when: {at: 0.5, missing: [goal]}}]}")
        let yaml2 = yaml.replacingOccurrences(of: "answer: Rank items.}]}", with: "answer: Rank items.}], follow_ups: [{id: f1, ask: Why?, when: {at: 0.5, missing: [goal]}}]}")
        let found = problems(yaml2)
        #expect(found.contains { $0.contains("waits for `goal`, which is not a checklist point of the frame stage") }, "got: \(found)")
    }

    @Test(arguments: ["", "# only a comment\n", "just a string", "- a\n- list\n", String(repeating: "[", count: 5000)])
    func brokenFilesGiveProblemsNotCrashes(yaml: String) {
        #expect(!problems(yaml).isEmpty)
    }

    @Test func unreadableAndNonUTF8FilesAreReported() throws {
        let dir = Paths.temporaryFolder()
        let bad = dir + "/bad.yaml"
        try Data([0x69, 0x64, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: bad))
        #expect(throws: ScenarioErrors.self) { try ScenarioLoader.load(path: bad) }
        #expect(throws: ScenarioErrors.self) { try ScenarioLoader.load(path: dir + "/missing.yaml") }
    }

    @Test func theTemplateValidates() throws {
        let s = try ScenarioLoader.parse(ScenarioTemplate.text(id: "churn-prediction"), file: "new.yaml")
        #expect(s.id == "churn-prediction")
    }
}
