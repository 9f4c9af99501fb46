import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A session file as read back: its header, its events in order, and the lines that were skipped.
public struct Recording: Sendable {
    public var path: String
    public var header: RecordingFormat.Header
    public var events: [Event]
    /// Lines that could not be used, by number; everything before and after them is kept.
    public var issues: [RecordingIssue]
    /// How the file ends.
    public var tail: Tail
    /// Bytes up to the end of the last complete line (where a resumed session appends).
    public var completeLength: Int
    /// Events of kinds this program does not know (a newer mlsd wrote them); skipped.
    public var unknownKinds: Int

    public enum Tail: Equatable, Sendable {
        /// The file ends with a newline.
        case none
        /// The last line is a whole event without its newline.
        case unterminated
        /// The last line was cut short (the program stopped while writing it); it is ignored.
        case cut
    }

    public var scenario: Scenario { header.scenario }
    public var settings: Settings { header.settings }
    /// Whether the interview was ended (not interrupted).
    public var finished: Bool { events.contains { $0.kind == .ended } }
    /// Seconds from the first to the last event (pauses included).
    public var duration: Double { events.last?.at ?? 0 }

    public init(path: String, header: RecordingFormat.Header, events: [Event], issues: [RecordingIssue] = [],
                tail: Tail = .none, completeLength: Int = 0, unknownKinds: Int = 0) {
        self.path = path; self.header = header; self.events = events; self.issues = issues
        self.tail = tail; self.completeLength = completeLength; self.unknownKinds = unknownKinds
    }

    /// Notes on what was skipped, one per line, for standard error.
    public var warnings: [String] {
        var o = issues.prefix(20).map { "\(path):\($0.line): \($0.message); skipped" }
        if issues.count > 20 { o.append("\(path): … and \(issues.count - 20) more bad lines, skipped") }
        if tail == .cut { o.append("\(path): the last line was cut short (the session stopped while writing it); ignored") }
        if unknownKinds > 0 { o.append("\(path): \(unknownKinds) event\(unknownKinds == 1 ? "" : "s") of a kind this mlsd does not know (a newer version wrote them); ignored") }
        return o
    }
}

/// A line of a session file that was skipped, and why.
public struct RecordingIssue: Equatable, Sendable {
    public var line: Int
    public var message: String
}

/// A session file that cannot be used at all: where and why, and what to do.
public struct RecordingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String
    public var fix: String
    public init(path: String, line: Int?, message: String, fix: String) {
        self.path = path; self.line = line; self.message = message; self.fix = fix
    }
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" + (fix.isEmpty ? "" : "\n  \(fix)")
    }
}

/// Reads session files: tolerant of a cut last line and of corrupt lines (reported by number),
/// strict about limits so that a hostile file gets an error, not a crash or a hang.
public enum RecordingReader {
    /// More bad lines than this (and more than good ones) and the file is refused.
    public static let maxIssues = 1000

    public static func read(path: String) throws(RecordingError) -> Recording {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let e = errno
            throw RecordingError(path: path, line: nil, message: "cannot open the file (\(String(cString: strerror(e))))",
                                 fix: "check the path; `mlsd sessions` lists the recorded sessions")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw RecordingError(path: path, line: nil, message: "this is a folder, not a session file", fix: "`mlsd sessions` lists the recorded sessions")
        }
        if Int(st.st_size) > RecordingFormat.maxFileBytes {
            throw RecordingError(path: path, line: nil, message: "the file is \(st.st_size) bytes; a session file is at most \(RecordingFormat.maxFileBytes)",
                                 fix: "this is not a session recording mlsd wrote")
        }
        let data: [UInt8]
        switch FileBytes.read(path, limit: RecordingFormat.maxFileBytes + 1) {
        case .success(let d): data = d
        case .failure(let e):
            throw RecordingError(path: path, line: nil, message: "cannot read the file (\(e))", fix: "check that it is readable")
        }
        if data.count > RecordingFormat.maxFileBytes {
            throw RecordingError(path: path, line: nil, message: "the file is too large", fix: "this is not a session recording mlsd wrote")
        }
        do {
            return try data.withUnsafeBytes { try parse($0.bindMemory(to: UInt8.self), path: path) }
        } catch let e as RecordingError { throw e } catch {
            throw RecordingError(path: path, line: nil, message: "\(error)", fix: "")
        }
    }

    public static func parse(_ text: String, path: String) throws(RecordingError) -> Recording {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws(RecordingError) -> Recording in
            try parse(buf, path: path)
        }
    }

    /// Splits the bytes into lines and reads each.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(RecordingError) -> Recording {
        // Zero bytes after the last event are the reserve of a recorder that was stopped (see `MappedSink`).
        var n = bytes.count
        while n > 0 && bytes[n - 1] == 0 { n -= 1 }
        if n == 0 {
            throw RecordingError(path: path, line: 1, message: "the file is empty (the session stopped before its first line was written)",
                                 fix: "nothing can be replayed from it; remove it")
        }
        var header: RecordingFormat.Header?
        var events: [Event] = []
        events.reserveCapacity(n / 40)
        var issues: [RecordingIssue] = []
        var tail = Recording.Tail.none
        var completeLength = 0
        var unknown = 0
        var lineNo = 0
        var start = 0
        var lastSeq = 0
        var lastTime = 0.0
        while start < n {
            lineNo += 1
            var end = start
            // memchr for the newline
            if let p = memchr(bytes.baseAddress! + start, 0x0A, n - start) {
                end = bytes.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            } else {
                end = n
            }
            let terminated = end < n
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let next = end + 1
            defer { start = next; if terminated { completeLength = next } }
            if line.isEmpty || line[0] == UInt8(ascii: "#") { continue }
            if line.count == 1 && line[0] == 0x0D { continue }
            if header == nil {
                // The first line must be the header.
                if line.count > RecordingFormat.maxHeaderBytes {
                    throw RecordingError(path: path, line: lineNo, message: "the first line is \(line.count) bytes, more than a header may be",
                                         fix: "this is not a session recording mlsd wrote")
                }
                do {
                    let v = try JSONParser.parse(line)
                    header = try RecordingFormat.header(v)
                } catch let e as JSONError {
                    let hint = line.first == UInt8(ascii: "{") ? "" : " (a session file begins with {\"format\":\"mlsd-session\", …})"
                    throw RecordingError(path: path, line: lineNo, message: "not an mlsd session: the header is not valid JSON: \(e)\(hint)",
                                         fix: terminated ? "this is not a session recording mlsd wrote" : "the session stopped before its header was complete; nothing can be replayed")
                } catch let e as RecordingFormat.LineProblem {
                    if case .invalid(let m) = e {
                        throw RecordingError(path: path, line: lineNo, message: "not a usable mlsd session: \(m)", fix: "")
                    }
                    throw RecordingError(path: path, line: lineNo, message: "not an mlsd session", fix: "")
                } catch {
                    throw RecordingError(path: path, line: lineNo, message: "not an mlsd session", fix: "")
                }
                continue
            }
            func problem(_ m: String) throws(RecordingError) {
                if !terminated {
                    tail = .cut
                    return
                }
                issues.append(RecordingIssue(line: lineNo, message: m))
                if issues.count > maxIssues && issues.count > events.count {
                    throw RecordingError(path: path, line: lineNo, message: "more than \(maxIssues) lines cannot be read",
                                         fix: "the file is damaged or is not a session recording")
                }
            }
            if line.count > RecordingFormat.maxEventBytes {
                try problem("the line is \(line.count) bytes, more than an event may be (\(RecordingFormat.maxEventBytes))")
                continue
            }
            let e: Event
            do {
                let v = try JSONParser.parse(line)
                e = try RecordingFormat.event(v, scenario: header!.scenario)
            } catch let j as JSONError {
                try problem("not valid JSON: \(j)")
                continue
            } catch let p as RecordingFormat.LineProblem {
                switch p {
                case .invalid(let m): try problem(m)
                case .unknownKind: unknown += 1
                }
                continue
            } catch {
                try problem("cannot be read")
                continue
            }
            if e.seq <= lastSeq { try problem("sequence number \(e.seq) is not after \(lastSeq)"); continue }
            if e.at < lastTime { try problem("time \(e.at) s is before the previous event's \(lastTime) s"); continue }
            lastSeq = e.seq
            lastTime = e.at
            events.append(e)
            if !terminated { tail = .unterminated }
        }
        guard let h = header else {
            throw RecordingError(path: path, line: 1, message: "the file has no header line", fix: "this is not a session recording mlsd wrote")
        }
        return Recording(path: path, header: h, events: events, issues: issues, tail: tail, completeLength: completeLength, unknownKinds: unknown)
    }

    // MARK: a quick look

    /// What `mlsd sessions` and the resume offer need, from the header and the last lines only.
    public struct Summary: Sendable {
        public var path: String
        public var header: RecordingFormat.Header
        /// Time of the last event read.
        public var duration: Double
        public var finished: Bool
    }

    /// Reads the header and the file's last 64 KiB (not the whole file).
    /// Whether the file's last complete line is the interview's end, from its last few
    /// kilobytes only (the header, with the whole case in it, is not read): the cheap check made
    /// at every start for an interrupted session.
    public static func endsFinished(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let size = dataEnd(fd: fd)
        let tail = FileBytes.bytes(fd: fd, from: max(0, size - 4096), count: size - max(0, size - 4096))
        guard let last = tail.split(separator: 0x0A, omittingEmptySubsequences: true).last,
              let v = try? Array(last).withUnsafeBufferPointer({ (b: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue in try JSONParser.parse(b) }),
              case .array(let items) = v, items.count >= 3, case .string(let kind) = items[2] else { return false }
        return kind == "ended"
    }

    public static func summary(path: String) throws(RecordingError) -> Summary {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw RecordingError(path: path, line: nil, message: "cannot open the file (\(FileError(errno)))", fix: "")
        }
        defer { close(fd) }
        let size = dataEnd(fd: fd)
        // The header line: read until the first newline (within the limit).
        var head: [UInt8] = []
        while head.count < RecordingFormat.maxHeaderBytes {
            let chunk = FileBytes.bytes(fd: fd, from: head.count, count: 256 * 1024)
            if chunk.isEmpty { break }
            head += chunk
            if chunk.contains(0x0A) { break }
        }
        let headerLine = head.prefix { $0 != 0x0A }
        let header: RecordingFormat.Header
        do {
            header = try Array(headerLine).withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws -> RecordingFormat.Header in
                try RecordingFormat.header(try JSONParser.parse(b))
            }
        } catch {
            throw RecordingError(path: path, line: 1, message: "not an mlsd session (the header cannot be read)", fix: "")
        }
        let tailStart = max(headerLine.count + 1, size - 64 * 1024)
        let tailData = FileBytes.bytes(fd: fd, from: tailStart, count: max(0, size - tailStart))
        var lines = tailData.split(separator: 0x0A, omittingEmptySubsequences: true)
        if tailStart > headerLine.count + 1, !lines.isEmpty { lines.removeFirst() }   // probably a partial line
        var duration = 0.0, finished = false, found = false
        for l in lines.reversed() {
            guard let v = try? Array(l).withUnsafeBufferPointer({ (b: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue in try JSONParser.parse(b) }),
                  let e = try? RecordingFormat.event(v, scenario: header.scenario) else { continue }
            if !found { duration = e.at; found = true }
            if e.kind == .ended { finished = true; break }
            if found { break }
        }
        return Summary(path: path, header: header, duration: duration, finished: finished)
    }

    /// Where a session file's data ends: before the zero bytes that a recorder stopped without
    /// closing leaves after its last event (its reserve; see `MappedSink`).
    public static func dataEnd(fd: Int32) -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return 0 }
        var end = Int(st.st_size)
        var buf = [UInt8](repeating: 0, count: 64 * 1024)
        while end > 0 {
            let n = min(end, buf.count)
            guard pread(fd, &buf, n, off_t(end - n)) == n else { return end }
            if let i = buf[..<n].lastIndex(where: { $0 != 0 }) { return end - n + i + 1 }
            end -= n
        }
        return 0
    }

    /// Whether a program is recording into the file right now (it holds the file's lock).
    public static func inUse(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }
}
