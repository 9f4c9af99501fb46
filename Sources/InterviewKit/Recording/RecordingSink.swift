import CSystem
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

/// A session file on disk, written with one `write(2)` per call and no user-space buffer, where
/// `MappedSink` does not map it (see `MappedSink.create` and `reopen`, which open and lock it).
public final class FileSink: RecordingSink {
    let fd: Int32
    public let path: String
    /// Where the next write goes: the end of the file (kept here, as the file is opened without
    /// O_APPEND to be mapped when it can).
    private var offset: Int

    init(fd: Int32, path: String) {
        self.fd = fd; self.path = path
        offset = Int(lseek(fd, 0, SEEK_END))
    }

    /// Takes the file's lock for as long as it is open (the kernel drops it when the process
    /// ends, however it ends), so that no second program adds to a session being recorded;
    /// closes `fd` and returns EWOULDBLOCK when another holds it.
    static func lockForWriting(_ fd: Int32) -> Int32? {
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return nil }
        let e = errno
        Glibc.close(fd)
        return e
    }

    /// `mkdir -p` with mode 0700; returns an errno on failure.
    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        while true {
            let n = pwrite(fd, bytes.baseAddress, bytes.count, off_t(offset))
            if n < 0 && errno == EINTR { continue }
            if n > 0 { offset += n }
            return n < 0 ? -Int(errno) : n
        }
    }

    // fdatasync: the data and the file size reach the disk, without the timestamps fsync adds.
    public func sync() -> Int32 { fdatasync(fd) == 0 ? 0 : errno }
    public func truncate(_ length: Int) -> Int32 {
        guard ftruncate(fd, off_t(length)) == 0 else { return errno }
        offset = length
        return 0
    }
    private var closed = false
    public func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(fd)
    }
    deinit { close() }
}

/// A failed file operation: the errno and the path, readable.
public struct SinkError: Error, Equatable, Sendable, CustomStringConvertible {
    public var errno: Int32
    public var path: String
    public init(errno: Int32, path: String) { self.errno = errno; self.path = path }
    public var reason: String { String(cString: strerror(errno)) }
    public var description: String { "\(path): \(reason)" }
}

/// A session file written through a shared memory map: an event is copied straight into the
/// file's pages in the kernel's page cache. It is in the file the moment it is recorded (a
/// `kill -9` loses nothing, as with one write(2) per event, and nothing waits in a user-space
/// buffer), but without a system call per event: a write(2) to a file costs 4–10 µs of CPU,
/// most of it updating the file's modification time, which is more than the rest of a key
/// press. `fdatasync` reaches the disk as for any file.
///
/// The file grows in `step`s reserved on disk with posix_fallocate first, so a full disk is an
/// error from `append` (which the recorder retries), never a SIGBUS on a page the disk has no
/// room for. Until it is closed, the file ends with zero bytes after the last event; readers
/// skip them (see `RecordingReader.dataEnd`), and closing cuts them off. Where a file cannot be
/// mapped, `create` and `reopen` give a `FileSink` instead.
public final class MappedSink: RecordingSink {
    let fd: Int32
    public let path: String
    /// Bytes of data in the file.
    public private(set) var length: Int
    /// Bytes reserved (the file's size while open).
    private var reserved: Int
    /// The mapped window of the file: `windowStart..<windowStart + windowLength`.
    private var window: UnsafeMutableRawPointer?
    private var windowStart = 0
    private var windowLength = 0
    public static let step = 64 * 1024
    private static let page = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    init(fd: Int32, path: String, length: Int, reserved: Int) {
        self.fd = fd; self.path = path; self.length = length; self.reserved = reserved
    }

    private var closed = false

    /// A sink dropped without `close` lets go of the file as a killed program does: the zero
    /// reserve stays, the lock goes.
    deinit {
        if let w = window { munmap(w, windowLength) }
        if !closed { _ = Glibc.close(fd) }
    }

    /// Creates `path` (and its folders, private to the user); never replaces an existing file.
    public static func create(_ path: String) -> Result<any RecordingSink, SinkError> {
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !dir.isEmpty {
            do { try FileBytes.makeFolders(dir, mode: 0o700) } catch { return .failure(SinkError(errno: error.code, path: dir)) }
        }
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 { return .failure(SinkError(errno: errno, path: path)) }
        _ = flock(fd, LOCK_EX | LOCK_NB)   // a new file: nobody else holds it
        return .success(mappedOrPlain(fd: fd, path: path, length: 0))
    }

    /// Opens an existing session file to add to it (resuming): zero bytes a killed session left
    /// after its last event are cut off first.
    public static func reopen(_ path: String) -> Result<any RecordingSink, SinkError> {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        if fd < 0 { return .failure(SinkError(errno: errno, path: path)) }
        // Another program recording into this file maps it: cutting it would pull its pages away.
        if let e = FileSink.lockForWriting(fd) { return .failure(SinkError(errno: e, path: path)) }
        let end = RecordingReader.dataEnd(fd: fd)
        if ftruncate(fd, off_t(end)) != 0 {
            let e = errno
            Glibc.close(fd)
            return .failure(SinkError(errno: e, path: path))
        }
        return .success(mappedOrPlain(fd: fd, path: path, length: end))
    }

    /// File systems whose reserved blocks are written in place: a store into a reserved page
    /// cannot fail for want of space (on a copy-on-write one without real preallocation, ZFS
    /// say, it could, and the program would get SIGBUS). ext4, XFS, btrfs, tmpfs.
    static let reservingFileSystems: Set<Int> = [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994]

    /// A mapped sink when this file can be mapped safely, else the same file written with write(2).
    private static func mappedOrPlain(fd: Int32, path: String, length: Int) -> any RecordingSink {
        if reservingFileSystems.contains(mlsd_file_system_type(fd)),
           let probe = mmap(nil, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), probe != UnsafeMutableRawPointer(bitPattern: -1) {
            munmap(probe, page)
            return MappedSink(fd: fd, path: path, length: length, reserved: length)
        }
        return FileSink(fd: fd, path: path)
    }

    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let n = bytes.count
        if n == 0 { return 0 }
        let end = length + n
        if end > windowStart + windowLength || length < windowStart {
            if let e = remap(covering: end) { return -Int(e) }
        }
        (window! + (length - windowStart)).copyMemory(from: bytes.baseAddress!, byteCount: n)
        length = end
        return n
    }

    /// Reserves the file up to past `end` and maps a window from the page holding `length`.
    private func remap(covering end: Int) -> Int32? {
        if end > reserved {
            let want = (end + Self.step - 1) / Self.step * Self.step
            let r = posix_fallocate(fd, off_t(reserved), off_t(want - reserved))
            if r != 0 { return r }
            reserved = want
        }
        if let w = window { munmap(w, windowLength); window = nil; windowLength = 0 }
        let start = length / Self.page * Self.page
        let len = reserved - start
        let p = mmap(nil, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(start))
        if p == nil || p == UnsafeMutableRawPointer(bitPattern: -1) { return errno }
        window = p
        windowStart = start
        windowLength = len
        return nil
    }

    // fdatasync: the mapped pages written so far, and the file's size, reach the disk.
    public func sync() -> Int32 { fdatasync(fd) == 0 ? 0 : errno }

    /// Cuts the data back to `length` bytes (the reserve after it is zeroed again).
    public func truncate(_ newLength: Int) -> Int32 {
        if let w = window { munmap(w, windowLength); window = nil; windowLength = 0 }
        if ftruncate(fd, off_t(newLength)) != 0 { return errno }
        length = newLength
        reserved = newLength
        return 0
    }

    /// Cuts off the reserve after the data and closes.
    public func close() {
        guard !closed else { return }
        closed = true
        if let w = window { munmap(w, windowLength); window = nil; windowLength = 0 }
        _ = ftruncate(fd, off_t(length))
        _ = Glibc.close(fd)
    }
}
