#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folder listings with plain system calls.
///
/// Foundation's `FileManager.contentsOfDirectory` is on the way to the first frame (the
/// sessions folder is checked for an interrupted session, the cases folder is read for the
/// home screen), and on a cold start it costs far more than the listing: a missing folder
/// builds an error with a `[String: Any]` user-info dictionary, whose first use makes the
/// Swift runtime search every protocol conformance in the program (about 0.4 M instructions).
public enum Directory {
    /// The names in `path`, without `.` and `..`, in no particular order; nil when it cannot be read.
    public static func names(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var out: [String] = []
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                let n = bytes.firstIndex(of: 0) ?? bytes.count
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<n]), as: UTF8.self)
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }
}
