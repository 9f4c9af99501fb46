import Foundation
import InterviewKit
import ScenarioYAML
import Testing
import TestSupport

/// Case files read by the helper program `mlsd-yaml`: the same answers as reading them here,
/// in the order asked, and a clear message whenever the helper cannot give them.
@Suite struct CaseFileReaderTests {
    static let ids = ["video-recommendation", "fraud-detection"]

    /// Two bundled cases around a broken file.
    func files() throws -> [String] {
        let dir = Paths.temporaryFolder("mlsd-helper")
        let broken = dir + "/broken.yaml"
        try "id: broken\ntitle: [unclosed\n".write(toFile: broken, atomically: true, encoding: .utf8)
        return [Paths.scenarios + "/\(Self.ids[0]).yaml", broken, Paths.scenarios + "/\(Self.ids[1]).yaml", dir + "/missing.yaml"]
    }

    @Test func theAnswersRoundTrip() throws {
        let here = YAMLCaseReader().read(try files())
        let bytes = here.flatMap(CaseFileAnswers.encode)
        let back = try #require(bytes.withUnsafeBytes(CaseFileAnswers.decode))
        #expect(back.count == here.count)
        for (a, b) in zip(here, back) {
            switch (a, b) {
            case (.success(var x), .success(let y)):
                x.sourcePath = ""
                #expect(x == y)
            case (.failure(let x), .failure(let y)):
                #expect(x.issues == y.issues)
            default:
                Issue.record("\(a) came back as \(b)")
            }
        }
        // Cut anywhere, or a tag it does not know: not answers.
        for cut in [1, 5, bytes.count / 2, bytes.count - 1] {
            #expect(Array(bytes[..<cut]).withUnsafeBytes(CaseFileAnswers.decode) == nil, "cut at \(cut)")
        }
        #expect(([9, 0] as [UInt8]).withUnsafeBytes(CaseFileAnswers.decode) == nil)
    }

    @Test func theHelperGivesWhatReadingHereGives() throws {
        let helper = Paths.helper(besides: Paths.binary)
        try #require(FileManager.default.isExecutableFile(atPath: helper), "build it: swift build --product mlsd-yaml")
        let paths = try files()
        let there = HelperCaseReader(helper: helper).read(paths)
        let here = YAMLCaseReader().read(paths)
        #expect(there.count == 4)
        #expect((try? there[0].get()) == (try? here[0].get()), "sourcePath included")
        #expect((try? there[2].get()) == (try? here[2].get()))
        for i in [1, 3] {
            guard case .failure(let a) = there[i], case .failure(let b) = here[i] else { Issue.record("file \(i) should fail"); continue }
            #expect(a.issues == b.issues)
        }
    }

    @Test func aMissingHelperIsNamedWithTheWayOut() {
        let r = HelperCaseReader.beside(executablePath: "/nonexistent/bin/mlsd")
        #expect(r.helper == nil)
        let out = r.read(["/x/a.yaml", "/x/b.yaml"])
        #expect(out.count == 2)
        guard case .failure(let e) = out[1] else { Issue.record("should fail"); return }
        #expect(e.issues[0].file == "/x/b.yaml")
        #expect(e.issues[0].message.contains("`mlsd-yaml` that reads them is missing (looked for /nonexistent/bin/mlsd-yaml and /nonexistent/bin/../libexec/mlsd/mlsd-yaml)"))
        #expect(e.issues[0].fix.contains("make install"))
    }

    /// A helper that fails, dies or answers nonsense: every file fails, saying how.
    @Test(arguments: [
        ("exit 7", "failed (exit status 7)"),
        ("kill -9 $$", "stopped on signal 9"),
        ("echo nonsense", "answered in a form this program does not know"),
        ("printf ''", "answered in a form this program does not know"),
    ])
    func aHelperThatGoesWrongIsReported(_ script: String, _ said: String) throws {
        let dir = Paths.temporaryFolder("mlsd-helper")
        let helper = dir + "/mlsd-yaml"
        // Written by another process: a test running beside this one that starts a program while
        // this one holds the new file open for writing would make running it fail ("text file busy").
        try shell("cat > '\(helper)' <<'EOF'\n#!/bin/sh\n\(script)\nEOF\nchmod 755 '\(helper)'")
        let out = HelperCaseReader(helper: helper).read([Paths.scenarios + "/video-recommendation.yaml"])
        guard case .failure(let e) = out[0] else { Issue.record("should fail"); return }
        #expect(e.issues[0].message.contains(said), "\(e.issues[0].message)")
    }

    @Test func nothingToReadRunsNothing() {
        #expect(HelperCaseReader(helper: "/nonexistent").read([]).isEmpty)
    }
}
