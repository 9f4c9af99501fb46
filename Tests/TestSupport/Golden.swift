import Foundation

/// Golden text files: a test's output compared with a file a person can read in a diff.
/// Set `MLSD_UPDATE_GOLDEN=1` to write them anew (only on purpose, then review the diff).
public enum Golden {
    /// Returns nil when `text` matches `Golden/<name>.txt`, else a message with the first difference.
    public static func mismatch(_ text: String, name: String) -> String? {
        let path = "\(Paths.golden)/\(name).txt"
        if ProcessInfo.processInfo.environment["MLSD_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(atPath: Paths.golden, withIntermediateDirectories: true)
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "no golden file \(path); run with MLSD_UPDATE_GOLDEN=1 to create it, then review it"
        }
        if expected == text { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : "<none>", y = i < b.count ? String(b[i]) : "<none>"
            if x != y { return "\(name): line \(i + 1) differs\n expected: \(x)\n      got: \(y)" }
        }
        return "\(name): differs"
    }
}
