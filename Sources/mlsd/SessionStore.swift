import Foundation
import InterviewKit

/// Where sessions and reports are kept: `$XDG_DATA_HOME/mlsd/sessions` (default `~/.local/share/mlsd/sessions`).
struct SessionStore {
    let folder: String

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base: String
        if let x = environment["XDG_DATA_HOME"], !x.isEmpty, x.hasPrefix("/") { base = x }
        else { base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share" }
        folder = base + "/mlsd/sessions"
    }

    /// A file name stem for a session: `2026-11-21-0830-video-recommendation`, made unique in the folder.
    func stem(for caseID: String, date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd-HHmmss"
        let base = "\(f.string(from: date))-\(caseID)"
        var stem = base, n = 2
        while FileManager.default.fileExists(atPath: "\(folder)/\(stem).md") { stem = "\(base)-\(n)"; n += 1 }
        return stem
    }

    /// Writes the Markdown report; returns its path.
    func saveReport(_ r: Report, stem: String, date: Date = Date()) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/\(stem).md"
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        try r.markdown(date: f.string(from: date)).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
