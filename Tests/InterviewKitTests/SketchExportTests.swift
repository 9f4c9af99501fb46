import Foundation
import InterviewKit
import Testing
import TestSupport

/// Exports checked against fixtures in Tests/Fixtures/sketch (MLSD_UPDATE_GOLDEN=1 rewrites them; review the diff).
@Suite struct SketchExportTests {
    func check(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path = "\(Paths.fixtures)/sketch/\(name)"
        if ProcessInfo.processInfo.environment["MLSD_UPDATE_GOLDEN"] == "1" {
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no fixture \(path); run with MLSD_UPDATE_GOLDEN=1 to create it, then review it", sourceLocation: sourceLocation)
            return
        }
        #expect(text == expected, "\(name) differs from the fixture", sourceLocation: sourceLocation)
    }

    @Test func textIsTheSketchAsDrawnInUnicodeAndInASCII() {
        let sk = SketchScript.recommender().sketch
        check(SketchExport.text(sk), "recommender.txt")
        check(SketchExport.text(sk, ascii: true), "recommender-ascii.txt")
        let ascii = SketchExport.text(sk, ascii: true)
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII || $0.properties.isIdeographic || ("\u{3040}"..."\u{30FF}").contains($0) })
    }

    @Test func mermaidHasGeneratedIdsAndEscapedLabels() {
        check(SketchExport.mermaid(SketchScript.recommender().sketch), "recommender.mmd")
        let m = SketchExport.mermaid(SketchScript.awkward().sketch)
        check(m, "awkward.mmd")
        #expect(m.hasPrefix("flowchart LR\n"))
        #expect(m.contains("n1[\"say #quot;hi#quot;\"]"))
        #expect(m.contains("#35;1 #lt;b#gt;tag#lt;/b#gt; #38; co"))
        #expect(m.contains("-->|\"x#124;y #quot;q#quot;\"|"))
        #expect(!m.contains("`"))
        // every node line starts with a generated id
        for line in m.split(separator: "\n").dropFirst() where !line.contains("-->") && !line.contains("classDef") {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("n"))
        }
    }

    @Test func dotQuotesAndEscapesEveryLabel() {
        check(SketchExport.dot(SketchScript.recommender().sketch), "recommender.dot")
        let d = SketchExport.dot(SketchScript.awkward().sketch)
        check(d, "awkward.dot")
        #expect(d.contains("n1 [label=\"say \\\"hi\\\"\", shape=box];"))
        #expect(d.contains("label=\"a\\\\b \\\\N end\""))
        #expect(d.contains("n3 [label=\"graph\", shape=box3d];"))
        #expect(d.contains("[label=\"a\\\\nb\"]"))
    }

    @Test func anEmptySketchExportsAsEmptyTextAndAnEmptyGraph() {
        let empty = Sketch()
        #expect(SketchExport.text(empty) == "")
        #expect(SketchExport.mermaid(empty) == "flowchart LR\n")
        #expect(SketchExport.dot(empty).hasSuffix("{\n    rankdir=LR;\n    node [shape=box, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\"];\n}\n"))
    }

    @Test func everyFormatHasAnExtensionAndRenders() {
        let sk = SketchScript.recommender().sketch
        for f in SketchExport.Format.allCases {
            #expect(!SketchExport.render(sk, format: f).isEmpty)
            #expect(!f.fileExtension.isEmpty)
        }
        #expect(SketchExport.Format(rawValue: "mermaid") == .mermaid)
    }
}
