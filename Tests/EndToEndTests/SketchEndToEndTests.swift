import Foundation
import InterviewKit
import Testing
import TestSupport

/// Graphviz reads the DOT export; the sketch pane works in a real terminal.
@Suite struct SketchEndToEndTests {
    static let dot: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/dot"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()
    static let onCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// On CI a missing `dot` fails the test; elsewhere the test is skipped with this message.
    @Test(.enabled(if: dot != nil || onCI, "Graphviz `dot` is not installed (apt-get install graphviz); on CI this fails"),
          arguments: ["recommender", "awkward"])
    func graphvizAcceptsTheDOTExport(name: String) throws {
        guard let dot = SketchEndToEndTests.dot else {
            Issue.record("CI is set but Graphviz `dot` is not on PATH: install graphviz in .ci/run")
            return
        }
        let sketch = (name == "recommender" ? SketchScript.recommender() : SketchScript.awkward()).sketch
        let dir = Paths.temporaryFolder("mlsd-dot")
        let path = "\(dir)/\(name).dot"
        try SketchExport.dot(sketch).write(toFile: path, atomically: true, encoding: .utf8)
        let r = try shellStatus("'\(dot)' -Tsvg '\(path)' -o '\(dir)/\(name).svg'")
        #expect(r.status == 0, "dot -Tsvg failed: \(r.error)")
        #expect(!r.error.lowercased().contains("syntax error"), "\(r.error)")
        let svg = try String(contentsOfFile: "\(dir)/\(name).svg", encoding: .utf8)
            .replacingOccurrences(of: "&#45;", with: "-")
        #expect(svg.contains("<svg"))
        // every label arrives as text, escapes undone
        for b in sketch.boxes.values {
            let xml = b.label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            #expect(svg.contains(xml), "label \(b.label) is missing from the SVG")
        }
        #expect(svg.filter { $0 == "\n" }.count > 10)
    }
}

/// The sketch pane in the built program, in tmux.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: Paths.binary), "build the program first (make test does)"))
struct SketchPaneEndToEndTests {
    let bin = Paths.binary

    @Test func drawBoxesAndAnArrowUndoRedoFullScreenAndFindTheSketchInTheReport() throws {
        let t = try Tmux("sh -c '\(bin) practice; echo exit=$?; sleep 30'", width: 120, height: 36)
        try t.waitFor("Stage 1/7")
        try t.keys("Tab", "Tab")
        try t.waitFor("Empty sketch")
        try t.keys("b"); try t.type("feature store"); try t.keys("Enter")
        try t.waitFor("│ feature store │")
        try t.keys("S-Right", "S-Right", "S-Right")
        try t.keys("b"); try t.type("ranker"); try t.keys("Enter")
        try t.waitFor("│ ranker │")
        try t.keys("a", "S-Left", "S-Left", "S-Left", "Enter")      // from ranker (under the cursor) to feature store
        try t.type("features"); try t.keys("Enter")
        try t.waitFor("1 arrow")
        try t.keys("F4")
        var s = try t.waitFor("F4 back")
        #expect(s.contains("│ feature store │◀"))
        #expect(!s.contains("Notes ·"))
        try t.keys("u")
        try t.waitFor("0 arrows")
        try t.keys("r")
        s = try t.waitFor("1 arrow")
        #expect(s.contains("features"))
        try t.endInterview()
        try t.waitFor("exit=0")
        let folder = t.dataHome + "/mlsd/sessions"
        let md = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }
        #expect(md.count == 1)
        let report = try String(contentsOfFile: "\(folder)/\(md[0])", encoding: .utf8)
        #expect(report.contains("## Your sketch"))
        #expect(report.contains("┤ ranker │"))
        #expect(report.contains("features"))
        #expect(report.contains("## Reference architecture"))
    }
}
