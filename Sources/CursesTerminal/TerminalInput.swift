#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keyboard as bytes: read from the terminal in blocks with plain system calls and decoded
/// from UTF-8 one scalar at a time, for `KeyReader` to turn into keys.
///
/// ncurses' `wget_wch` makes one `read` and one `poll` per byte; here a burst of input (a key,
/// an escape sequence, a paste) costs one `poll` and one `read`. A second descriptor, the
/// resize pipe, ends a wait at once when the window changes size. End of file on a terminal
/// means it hung up: `hungUp` turns true and stays so. No ncurses here, so tests can drive it
/// through a pipe.
struct TerminalInput {
    enum Event: Equatable {
        /// One Unicode scalar value (U+FFFD for bytes that are not UTF-8).
        case scalar(UInt32)
        /// The second descriptor became readable (its bytes are drained).
        case wake
    }

    let fd: Int32
    private var bytes: [UInt8]
    private var start = 0, end = 0
    /// Whether input may be waiting that has not been read: the last read filled the buffer.
    /// When false, asking for "what is already there" with an empty buffer needs no system call.
    private(set) var mayHaveMore = true
    /// The terminal hung up: a read returned end of file or failed for good.
    private(set) var hungUp = false

    init(fd: Int32, capacity: Int = 4096) {
        self.fd = fd
        bytes = [UInt8](repeating: 0, count: max(8, capacity))
    }

    /// The next scalar, waiting up to `timeoutMs` for input (0: only what is already there;
    /// negative: forever), or `.wake` when `wake` became readable first; nil when nothing came.
    mutating func next(timeoutMs: Int, wake: Int32 = -1) -> Event? {
        if let s = decode(final: false) { return .scalar(s) }
        guard !hungUp, fd >= 0 else { return nil }
        if timeoutMs == 0 && !mayHaveMore { return nil }
        var wait = timeoutMs
        while true {
            switch ready(wait, wake) {
            case .wake:
                return .wake
            case .nothing:
                // The rest of a cut sequence never came: what is there is not UTF-8.
                return decode(final: true).map { .scalar($0) }
            case .readable:
                guard fill() else { return decode(final: true).map { .scalar($0) } }
                if let s = decode(final: false) { return .scalar(s) }
                // Half a multi-byte character: its rest follows at once, or never.
                wait = 25
            }
        }
    }

    /// Decodes the scalar at the front of the buffer; nil when the buffer is empty or holds
    /// only the start of a sequence (unless `final`, when that start is U+FFFD).
    mutating func decode(final: Bool) -> UInt32? {
        guard start < end else { return nil }
        let b0 = bytes[start]
        if b0 < 0x80 { start += 1; return UInt32(b0) }
        let n: Int
        switch b0 {
        case 0xC2...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF4: n = 4
        default: start += 1; return 0xFFFD
        }
        var v = UInt32(b0) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
        var k = 1
        while k < n {
            guard start + k < end else {
                if final { start += 1; return 0xFFFD }
                return nil
            }
            let c = bytes[start + k]
            guard c & 0xC0 == 0x80 else { start += 1; return 0xFFFD }
            v = v << 6 | UInt32(c & 0x3F)
            k += 1
        }
        let least: UInt32 = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000
        guard v >= least, Unicode.Scalar(v) != nil else { start += 1; return 0xFFFD }
        start += n
        return v
    }

    private enum Ready { case nothing, readable, wake }

    private mutating func ready(_ timeoutMs: Int, _ wake: Int32) -> Ready {
        var fds = (pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0))
        let n = withUnsafeMutablePointer(to: &fds) {
            $0.withMemoryRebound(to: pollfd.self, capacity: 2) {
                poll($0, wake >= 0 ? 2 : 1, Int32(clamping: timeoutMs < 0 ? -1 : timeoutMs))
            }
        }
        guard n > 0 else { return .nothing }   // timed out, or a signal (the caller checks)
        if wake >= 0 && fds.1.revents != 0 {
            // One read empties it (a byte per signal); any left would only wake the next wait.
            var sink = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            _ = withUnsafeMutableBytes(of: &sink) { read(wake, $0.baseAddress!, $0.count) }
            return .wake
        }
        return fds.0.revents != 0 ? .readable : .nothing
    }

    /// Reads what is waiting after the bytes kept; false when the terminal hung up.
    private mutating func fill() -> Bool {
        if start == end { start = 0; end = 0 }
        if end == bytes.count {
            if start == 0 { return true }   // full of undecoded bytes: decode them first
            bytes.withUnsafeMutableBufferPointer { b in
                _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start)
            }
            end -= start; start = 0
        }
        let space = bytes.count - end
        let n = bytes.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + end, space) }
        if n > 0 {
            end += n
            mayHaveMore = n == space
            return true
        }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return true }
        hungUp = true
        return false
    }
}
