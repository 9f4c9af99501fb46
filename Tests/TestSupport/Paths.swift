import Foundation

/// Places in the checkout that tests read.
public enum Paths {
    /// The package root (found from this file's location).
    public static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    public static var scenarios: String { root + "/Scenarios" }
    public static var fixtures: String { root + "/Tests/Fixtures" }
    public static var answers: String { fixtures + "/answers" }
    public static var golden: String { root + "/Tests/MockUITests/Golden" }
    /// The built program: `MLSD_BIN`, else the debug build.
    public static var binary: String {
        if let b = ProcessInfo.processInfo.environment["MLSD_BIN"], !b.isEmpty { return b }
        return root + "/.build/debug/mlsd"
    }

    /// The helper that reads case files, built beside the program `bin`.
    public static func helper(besides bin: String) -> String {
        URL(fileURLWithPath: bin).deletingLastPathComponent().path + "/mlsd-yaml"
    }

    /// A fresh temporary folder.
    public static func temporaryFolder(_ tag: String = "mlsd-test") -> String {
        let p = NSTemporaryDirectory() + "\(tag)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }
}
