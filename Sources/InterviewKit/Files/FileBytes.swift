#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole files and parts of files, with plain system calls.
public enum FileBytes {
    /// The whole file, if it has at most `limit` bytes; otherwise the errno of what failed
    /// (`EFBIG` when it is larger than `limit`).
    public static func read(_ path: String, limit: Int) -> Result<[UInt8], FileError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(FileError(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(FileError(errno)) }
        guard Int(st.st_size) <= limit else { return .failure(FileError(EFBIG)) }
        var out = bytes(fd: fd, from: 0, count: Int(st.st_size))
        // A file that grew since (or that stat cannot size, as in /proc) is read on to the limit.
        while out.count < limit {
            let more = bytes(fd: fd, from: out.count, count: min(64 * 1024, limit - out.count))
            if more.isEmpty { break }
            out += more
        }
        return .success(out)
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file or on an error).
    public static func bytes(fd: Int32, from offset: Int, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buf, done in
            while done < count {
                let n = pread(fd, buf.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
        }
    }
}

extension FileBytes {
    /// Whether something is at `path`.
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Makes the folder `path` and any missing folders above it (one `stat` when it is there).
    public static func makeFolders(_ path: String, mode: mode_t = 0o755) throws(FileError) {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) != S_IFDIR { throw FileError(ENOTDIR) }
            return
        }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty { try makeFolders(parent, mode: mode) }
        if mkdir(path, mode) != 0 && errno != EEXIST { throw FileError(errno) }
    }

    /// Writes `bytes` to a new file beside `path` and renames it over `path`, so that `path` holds
    /// either the old contents or all of the new ones; `durable` flushes it to the disk first.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], durable: Bool = true) throws(FileError) {
        let tmp = path + ".\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(errno) }
        do { try writeAll(fd, bytes) } catch {
            close(fd); unlink(tmp)
            throw error
        }
        if (durable && fsync(fd) != 0) || close(fd) != 0 {
            let e = errno
            unlink(tmp)
            throw FileError(e)
        }
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            throw FileError(e)
        }
    }

    /// All of `bytes` to `fd`, however many writes it takes.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(FileError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw FileError(n < 0 ? errno : ENOSPC) }
            done += n
        }
    }

    /// Text as UTF-8, the same way.
    public static func writeAtomically(_ path: String, text: String) throws(FileError) {
        try writeAtomically(path, Array(text.utf8))
    }
}

/// A failed system call on a file, by its errno.
public struct FileError: Error, Equatable, CustomStringConvertible {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
    public var description: String { String(cString: strerror(code)) }
}
