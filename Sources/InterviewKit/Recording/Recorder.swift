/// Appends a session's events to its file as they happen: each copied into the file's pages
/// at once (see `MappedSink`; one `write(2)` per event where the file cannot be mapped), no
/// user-space buffer, `fsync` at markers (stage changes, follow-ups, pauses, the end) and at least
/// every `syncInterval` seconds. It never reads a clock: the run loop hands it the time.
///
/// When the disk is full or the folder cannot be written, the interview goes on: events wait in
/// memory, `warning` says so, and the recorder retries every `retryInterval` seconds. Only
/// complete lines are ever left in the file; a half-written line is cut off again (or, when even
/// that fails, ended with a newline so that a reader skips just that line).
public final class Recorder {
    public static let syncInterval = 2.0
    public static let retryInterval = 2.0

    public let path: String
    let opener: () -> Result<any RecordingSink, SinkError>
    var sink: (any RecordingSink)?
    /// Lines (with their newline) not yet in the file; `head` is the first of them.
    var pending: [String] = []
    var head = 0
    /// Bytes of complete lines in the file.
    public private(set) var fileLength: Int
    /// The file may end with a cut line: the next write starts with a newline.
    var partialTail = false
    var dirty = false
    var lastSync = -Double.infinity
    var retryAt: Double?
    /// The current problem, nil while everything reaches the file.
    public private(set) var problem: SinkError?
    /// Events handed over since the recorder was made, and how many reached the kernel.
    public private(set) var eventsRecorded = 0
    public private(set) var eventsWritten = 0
    /// fsync calls made (for tests and the benchmark).
    public private(set) var syncs = 0

    /// Starts a new session file at `path`, beginning with `header`.
    public convenience init(path: String, header: RecordingFormat.Header) {
        self.init(path: path, header: header, opener: { MappedSink.create(path) })
    }

    /// A recorder over any sink (tests stand in failing disks).
    public init(path: String, header: RecordingFormat.Header, opener: @escaping () -> Result<any RecordingSink, SinkError>) {
        self.path = path
        self.opener = opener
        fileLength = 0
        pending = [header.line + "\n"]
        headerPending = true
    }

    /// Continues an interrupted session file: `recording` is what the reader made of it.
    public convenience init(resuming recording: Recording) {
        let path = recording.path
        self.init(resuming: recording, opener: { MappedSink.reopen(path) })
    }

    public init(resuming recording: Recording, opener: @escaping () -> Result<any RecordingSink, SinkError>) {
        path = recording.path
        self.opener = opener
        fileLength = recording.completeLength
        switch recording.tail {
        case .none: break
        case .unterminated: partialTail = true            // a whole event without its newline: end it
        case .cut:
            // The line being written when the session stopped: cut it off before adding to the file.
            if case .success(let s) = opener() {
                sink = s
                if s.truncate(recording.completeLength) != 0 { partialTail = true }
            }
        }
    }

    /// Records events at program time `now`: each reaches the kernel in its own write.
    public func record(_ events: [Event], at now: Double) {
        guard !events.isEmpty else { return }
        // The usual case, a typed character with the file healthy and nothing waiting: encoded
        // straight into bytes and written at once.
        if events.count == 1, head == pending.count, !partialTail, retryAt == nil, let sink, !events[0].isMarker,
           let cap = RecordingFormat.typedLineCapacity(events[0]) {
            let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: cap) { buf -> Bool in
                guard let n = RecordingFormat.typedLine(events[0], into: buf) else { return false }
                let line = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buf[..<n]))
                eventsRecorded += 1
                if write(line, to: sink, at: now) {
                    eventsWritten += 1
                    if problem != nil { problem = nil }
                    if now - lastSync >= Self.syncInterval { flush(at: now, syncNow: false) }
                } else {
                    pending.append(String(decoding: line, as: UTF8.self))   // written again on retry
                }
                return true
            }
            if done { return }
        }
        var marker = false
        for e in events {
            pending.append(RecordingFormat.line(e) + "\n")
            if e.isMarker { marker = true }
        }
        eventsRecorded += events.count
        flush(at: now, syncNow: marker)
    }


    /// Lets time pass: fsyncs what was written in the last `syncInterval`, retries after a failure.
    public func tick(at now: Double) {
        if head < pending.count || (dirty && now - lastSync >= Self.syncInterval) { flush(at: now, syncNow: false) }
    }

    /// Writes what it can, fsyncs and closes; returns a message when events could not be saved.
    @discardableResult
    public func close(at now: Double) -> String? {
        retryAt = nil
        flush(at: now, syncNow: true)
        sink?.close()
        sink = nil
        let left = pending.count - head
        if left > 0 { return "\(left) event\(left == 1 ? "" : "s") could not be written to \(path): \(problem?.reason ?? "unknown error")" }
        return nil
    }

    /// Events waiting in memory for the file.
    public var waiting: Int { pending.count - head - (headerPending ? 1 : 0) }
    /// The header line has not reached the file yet.
    var headerPending = false

    /// A line for the status bar while the recording is in trouble.
    public var warning: String? {
        guard let p = problem else { return nil }
        let n = waiting
        let held = n > 0 ? "; \(n) event\(n == 1 ? "" : "s") held in memory" : ""
        return "Not recording: \(p.reason) (\(p.path))\(held); retrying. The interview goes on."
    }

    func fail(_ e: Int32, at now: Double) {
        problem = SinkError(errno: e, path: sink == nil ? directory : path)
        retryAt = now + Self.retryInterval
    }

    var directory: String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count > 1 ? parts.dropLast().joined(separator: "/") : "."
    }

    /// Writes one whole line in one write(2); false after a failure, which it has dealt with:
    /// half a line that reached the file is taken back, and the problem is noted for a retry.
    private func write(_ line: UnsafeRawBufferPointer, to sink: any RecordingSink, at now: Double) -> Bool {
        let n = sink.append(line)
        if n == line.count {
            fileLength += n
            dirty = true
            return true
        }
        if n > 0 {
            // Half a line reached the file: take it back so that the next line starts clean.
            if sink.truncate(fileLength) != 0 { partialTail = true }
            fail(28 /* ENOSPC */, at: now)
        } else {
            fail(n == 0 ? 28 : Int32(-n), at: now)
        }
        return false
    }

    func flush(at now: Double, syncNow: Bool) {
        if let r = retryAt, now < r { return }
        retryAt = nil
        if sink == nil {
            switch opener() {
            case .success(let s): sink = s
            case .failure(let e): problem = e; retryAt = now + Self.retryInterval; return
            }
        }
        guard let sink else { return }
        while head < pending.count {
            var line = pending[head]
            if partialTail { line = "\n" + line }
            guard line.withUTF8({ write(UnsafeRawBufferPointer($0), to: sink, at: now) }) else { return }
            head += 1
            partialTail = false
            if headerPending { headerPending = false } else { eventsWritten += 1 }
        }
        if head > 4096 && head * 2 > pending.count { pending.removeFirst(head); head = 0 }
        if dirty && (syncNow || now - lastSync >= Self.syncInterval) {
            let r = sink.sync()
            syncs += 1
            if r != 0 { fail(r, at: now); return }
            dirty = false
            lastSync = now
        }
        problem = nil
    }
}
