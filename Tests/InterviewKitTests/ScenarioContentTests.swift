import Foundation
import InterviewKit
import ScenarioYAML
import Testing
import TestSupport

/// Every bundled case is complete, and its signals are neither too loose nor too strict.
@Suite struct ScenarioContentTests {
    static let expected = ["video-recommendation", "visual-search", "street-view-blurring", "video-search",
                           "harmful-content-detection", "event-recommendation", "ad-click-prediction",
                           "similar-listings", "news-feed-ranking", "people-you-may-know", "fraud-detection"]
    static let present = expected.filter { FileManager.default.fileExists(atPath: "\(Paths.scenarios)/\($0).yaml") }

    @Test func theFlagshipCaseIsBundled() {
        #expect(Self.present.contains("video-recommendation"))
    }

    @Test func everyCaseFileInTheFolderValidates() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Paths.scenarios).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for f in files {
            #expect(throws: Never.self, "\(f)") { _ = try ScenarioLoader.load(path: "\(Paths.scenarios)/\(f)") }
        }
    }

    @Test(arguments: present)
    func eachCaseMeetsTheQuotas(id: String) throws {
        let s = try Fixtures.scenario(id)
        #expect(s.facts.count >= 6, "facts")
        #expect(s.stages.count == 7)
        for st in s.stages {
            #expect(st.checklist.count >= 4, "\(st.kind) checklist")
            #expect(st.checklist.allSatisfy { $0.signals.count >= 3 }, "\(st.kind) signals per point")
            #expect(st.followUps.count >= 3, "\(st.kind) follow-ups")
            #expect(st.followUps.contains { if case .missing = $0.trigger { return true }; return false }, "\(st.kind) missing trigger")
            #expect(st.followUps.contains { if case .mention = $0.trigger { return true }; return false }, "\(st.kind) mention trigger")
            #expect((2...3).contains(st.hints.count), "\(st.kind) hints")
        }
        #expect(s.stages.contains { $0.followUps.contains { !$0.levels.isEmpty && !$0.levels.contains(.mid) } }, "senior/staff-only follow-ups")
        #expect(s.rubric.count >= 3)
        #expect(s.pitfalls.count >= 3)
        #expect(!s.referenceArchitecture.isEmpty)
        #expect(s.allChecklist.contains { $0.item.tags.contains("online-metric") })
        #expect(s.allChecklist.contains { $0.item.tags.contains("baseline") })
    }

    static func coverage(_ s: Scenario, answer: String) throws -> Double {
        let session = try Fixtures.answer(answer).play(s)
        let all = s.allChecklist
        return Double(all.filter { session.isCovered($0.item.id) }.count) / Double(all.count)
    }

    @Test(arguments: present)
    func aStrongAnswerCoversAtLeast80Percent(id: String) throws {
        let s = try Fixtures.scenario(id)
        let c = try Self.coverage(s, answer: id)
        #expect(c >= 0.80, "\(id): the strong answer covers \(Int(c * 100)) %")
    }

    /// A plainer answer written by someone who had not read the signals, so that they are not
    /// tuned to one wording only.
    @Test(arguments: present)
    func aPlainlyWordedAnswerCoversAtLeast70Percent(id: String) throws {
        let s = try Fixtures.scenario(id)
        let c = try Self.coverage(s, answer: "plain/\(id)")
        #expect(c >= 0.70, "\(id): the plain answer covers \(Int(c * 100)) %")
    }

    @Test(arguments: present)
    func offTopicTextAndOtherCasesAnswersCoverAtMost15Percent(id: String) throws {
        let s = try Fixtures.scenario(id)
        let off = try Self.coverage(s, answer: "off-topic")
        #expect(off <= 0.15, "\(id): off-topic covers \(Int(off * 100)) %")
        for other in Self.present where other != id && FileManager.default.fileExists(atPath: "\(Paths.answers)/\(other).md") {
            let c = try Self.coverage(s, answer: other)
            #expect(c <= 0.15, "\(id): the answer to \(other) covers \(Int(c * 100)) %")
        }
    }
}
