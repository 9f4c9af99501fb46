import Glibc

/// Where a recorder's bytes go: a file opened for appending. A protocol so that tests can
/// stand in a disk that fills up or a folder that cannot be written.
public protocol RecordingSink: AnyObject {
    /// Appends with a single write(2); returns the bytes written, or `-errno`.
    func append(_ bytes: UnsafeRawBufferPointer) -> Int
    /// Flushes to the disk (fsync); returns 0 or an errno.
    func sync() -> Int32
    /// Cuts the file back to `length` bytes; returns 0 or an errno.
    func truncate(_ length: Int) -> Int32
    func close()
}

/// A session file on disk, written with one `write(2)` per call and no user-space buffer.
public final class FileSink: RecordingSink {
    let fd: Int32
    public let path: String

    init(fd: Int32, path: String) { self.fd = fd; self.path = path }

    /// Creates `path` (and its folders, private to the user); never replaces an existing file.
    public static func create(_ path: String) -> Result<FileSink, SinkError> {
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !dir.isEmpty, let e = makeFolders(dir) { return .failure(SinkError(errno: e, path: dir)) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        if fd < 0 { return .failure(SinkError(errno: errno, path: path)) }
        return .success(FileSink(fd: fd, path: path))
    }

    /// Opens an existing session file to add to it (resuming).
    public static func reopen(_ path: String) -> Result<FileSink, SinkError> {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        if fd < 0 { return .failure(SinkError(errno: errno, path: path)) }
        return .success(FileSink(fd: fd, path: path))
    }

    /// `mkdir -p` with mode 0700; returns an errno on failure.
    static func makeFolders(_ dir: String) -> Int32? {
        var st = stat()
        if stat(dir, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR ? nil : ENOTDIR }
        let parent = dir.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty, let e = makeFolders(parent) { return e }
        if mkdir(dir, 0o700) != 0 && errno != EEXIST { return errno }
        return nil
    }

    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        while true {
            let n = write(fd, bytes.baseAddress, bytes.count)
            if n < 0 && errno == EINTR { continue }
            return n < 0 ? -Int(errno) : n
        }
    }

    // fdatasync: the data and the file size reach the disk, without the timestamps fsync adds.
    public func sync() -> Int32 { fdatasync(fd) == 0 ? 0 : errno }
    public func truncate(_ length: Int) -> Int32 { ftruncate(fd, off_t(length)) == 0 ? 0 : errno }
    public func close() { _ = Glibc.close(fd) }
}

/// A failed file operation: the errno and the path, readable.
public struct SinkError: Error, Equatable, Sendable, CustomStringConvertible {
    public var errno: Int32
    public var path: String
    public init(errno: Int32, path: String) { self.errno = errno; self.path = path }
    public var reason: String { String(cString: strerror(errno)) }
    public var description: String { "\(path): \(reason)" }
}
