import Glibc
import FoundationEssentials
import InterviewKit

/// Where sessions and reports are kept: `$XDG_DATA_HOME/mlsd/sessions` (default `~/.local/share/mlsd/sessions`).
struct SessionStore {
    let folder: String

    init(environment: EnvironmentVariables = .process) {
        let base: String
        if let x = environment["XDG_DATA_HOME"], !x.isEmpty, x.hasPrefix("/") { base = x }
        else { base = (environment["HOME"] ?? homeFolder()) + "/.local/share" }
        folder = base + "/mlsd/sessions"
    }

    /// A file name stem for a session: `2026-11-21-0830-video-recommendation`, made unique in the folder.
    func stem(for caseID: String, date: Date = Date()) -> String {
        let base = "\(localTime(date, "%Y-%m-%d-%H%M%S"))-\(caseID)"
        var stem = base, n = 2
        while FileBytes.exists("\(folder)/\(stem).md") { stem = "\(base)-\(n)"; n += 1 }
        return stem
    }

    /// Writes the Markdown report; returns its path.
    func saveReport(_ r: Report, stem: String, date: Date = Date()) throws(FileError) -> String {
        try FileBytes.makeFolders(folder)
        let path = "\(folder)/\(stem).md"
        try FileBytes.writeAtomically(path, text: r.markdown(date: localTime(date, "%Y-%m-%d %H:%M")))
        return path
    }
}

/// Local time formatted by strftime: Foundation's DateFormatter loads ICU, which costs start-up time.
func localTime(_ date: Date, _ format: String) -> String {
    var t = time_t(date.timeIntervalSince1970)
    var parts = tm()
    localtime_r(&t, &parts)
    var buf = [Int8](repeating: 0, count: 64)
    let n = strftime(&buf, buf.count, format, &parts)
    return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The user's home folder from the password database, when HOME is not set.
func homeFolder() -> String {
    guard let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir else { return "/" }
    return String(cString: dir)
}
