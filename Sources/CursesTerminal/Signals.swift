import CNcursesw
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last termination signal caught; 0 when none. A handler may only do an atomic store.
private let caughtSignal = Atomic<Int32>(0)
/// Set by SIGWINCH, SIGTSTP and SIGCONT; the write end of the pipe that wakes the input wait
/// (-1: none).
private let resized = Atomic<Bool>(false)
private let stopAsked = Atomic<Bool>(false)
private let continued = Atomic<Bool>(false)
private let resizePipe = Atomic<Int32>(-1)

/// The handler of SIGWINCH, SIGTSTP and SIGCONT: an atomic store and a one-byte write (both
/// async-signal-safe).
private func noteWindowSignal(_ sig: Int32) {
    let saved = errno
    switch sig {
    case SIGTSTP: stopAsked.store(true, ordering: .relaxed)
    case SIGCONT: continued.store(true, ordering: .relaxed)
    default: resized.store(true, ordering: .relaxed)
    }
    let fd = resizePipe.load(ordering: .relaxed)
    if fd >= 0 {
        var b: UInt8 = 1
        _ = write(fd, &b, 1)
    }
    errno = saved
}

// What a fault's handler undoes (see `installFaultHandlers`): bytes to send and the terminal's mode.
private let faultBytesCapacity = 256
// Unsafe pointers are not Sendable: these are written on the main thread only and read by the
// handler after an acquiring load of the count or flag that the writer released.
nonisolated(unsafe) private let faultBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: faultBytesCapacity)
private let faultByteCount = Atomic<Int>(0)
nonisolated(unsafe) private let faultMode = UnsafeMutablePointer<termios>.allocate(capacity: 1)
private let faultModeSet = Atomic<Bool>(false)
private let faultHandlersInstalled = Atomic<Bool>(false)

// Standard error while the screen is the program's (see `captureStandardError`): the file in
// memory that fd 2 points to, and the original, kept as another descriptor (-1: not captured).
private let errorCopy = Atomic<Int32>(-1)
private let realError = Atomic<Int32>(-1)
nonisolated(unsafe) private let copyBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)

/// Writes all of `n` bytes at `p` to `fd`, as far as it takes them (async-signal-safe).
private func writeAll(_ fd: Int32, _ p: UnsafePointer<UInt8>, _ n: Int) {
    var done = 0
    while done < n {
        let w = write(fd, p + done, n - done)
        if w > 0 { done += w } else if w < 0 && errno == EINTR { continue } else { return }
    }
}

/// Copies the last 64 KiB (at most) of the file `from` to `to` (async-signal-safe).
private func copyTail(of from: Int32, to: Int32) {
    let end = lseek(from, 0, SEEK_END)
    guard end > 0 else { return }
    var at = max(0, end - 65536)
    while at < end {
        let n = pread(from, copyBuffer, min(4096, Int(end - at)), at)
        if n <= 0 { return }
        writeAll(to, copyBuffer, n)
        at += off_t(n)
    }
}

/// The fault handler: only async-signal-safe calls (write, tcsetattr, dup2, pread, signal, raise).
private func restoreAfterFault(_ sig: Int32) {
    let n = faultByteCount.exchange(0, ordering: .acquiring)
    writeAll(1, faultBytes, n)
    let hadMode = faultModeSet.exchange(false, ordering: .acquiring)
    if hadMode { _ = tcsetattr(0, TCSANOW, faultMode) }
    // What the program said on its way down (a Swift trap's "Fatal error: …"), now on the
    // normal screen, then what happened.
    let real = realError.exchange(-1, ordering: .acquiring)
    if real >= 0 {
        _ = dup2(real, 2)
        copyTail(of: errorCopy.load(ordering: .relaxed), to: 2)
    }
    if n > 0 || hadMode {
        let m: StaticString = "mlsd: stopped by a fault in the program; the terminal has been put back. An interview in progress is kept: `mlsd practice --resume` continues it.\n"
        writeAll(2, m.utf8Start, m.utf8CodeUnitCount)
    }
    // The signal again, with its default action: the program ends as the fault would have ended it.
    signal(sig, SIG_DFL)
    raise(sig)
}

/// Sets `handler` for signal `sig`, with nothing masked while it runs and `flags` (SA_RESTART,
/// SA_ONSTACK …).
private func catchSignal(_ sig: Int32, flags: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
    var action = sigaction()
    #if canImport(Glibc)
    action.__sigaction_handler.sa_handler = handler
    #else
    action.__sigaction_u.__sa_handler = handler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = flags
    sigaction(sig, &action, nil)
}

extension CursesTerminal {
    /// Catches SIGTERM, SIGHUP, SIGINT and SIGQUIT into a flag for the run loop to poll
    /// (it restores the terminal and exits with 128 + signal), and ignores SIGPIPE and SIGXFSZ
    /// (a file-size limit then fails the recorder's write with EFBIG, which it survives as it
    /// survives a full disk, instead of killing the program).
    /// No SA_RESTART, so that a wait in `readKey` ends early.
    public static func installSignalHandlers() {
        _ = caughtSignal.load(ordering: .relaxed)   // initialise the global outside any handler
        for s in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            catchSignal(s, flags: 0) { caughtSignal.store($0, ordering: .relaxed) }
        }
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        installFaultHandlers()
    }

    /// Catches the signals of a fault in the program (a Swift trap is SIGILL on x86-64 and
    /// SIGTRAP on ARM; a bad access SIGSEGV or SIGBUS; `abort` SIGABRT): the handler puts the
    /// terminal back as `armFaultRestore` prepared it, says so, and lets the signal end the
    /// program as it would have (status 128 + signal, a core where those are kept). It runs on
    /// a stack of its own, so that a stack overflow is caught too.
    static func installFaultHandlers() {
        // Once: a second terminal in the same run (the replay after the home screen…) keeps them.
        guard !faultHandlersInstalled.exchange(true, ordering: .relaxed) else { return }
        _ = faultByteCount.load(ordering: .relaxed)   // initialise the globals outside any handler
        _ = faultModeSet.load(ordering: .relaxed)
        _ = faultBytes; _ = faultMode
        let size = 64 * 1024
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        for s in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS] {
            catchSignal(s, flags: Int32(SA_ONSTACK)) { restoreAfterFault($0) }
        }
    }

    /// What a fault's handler sends to the terminal, and the mode it puts back. Prepared while
    /// the program runs, so that the handler only writes. (Leaving takes a few dozen bytes;
    /// room is kept for 256.)
    static func armFaultRestore(bytes: [UInt8]?, mode: termios?) {
        if let bytes {
            faultByteCount.store(0, ordering: .relaxed)
            let n = min(bytes.count, faultBytesCapacity)
            bytes.withUnsafeBufferPointer { b in faultBytes.update(from: b.baseAddress!, count: n) }
            faultByteCount.store(n, ordering: .releasing)
        }
        if let mode {
            faultModeSet.store(false, ordering: .relaxed)
            faultMode.pointee = mode
            faultModeSet.store(true, ordering: .releasing)
        }
    }

    /// Sends standard error to a file in memory while the screen is the program's: a message
    /// written there would land on the alternate screen as garbage, then vanish with it.
    /// `releaseStandardError` (or the fault handler) shows what was written once the terminal
    /// is back. Only where standard error is a terminal, unless `always`.
    static func captureStandardError(always: Bool = false) {
        guard always || isatty(2) == 1, realError.load(ordering: .relaxed) < 0 else { return }
        let m = mlsd_memory_file()
        guard m >= 0 else { return }
        let saved = fcntl(2, F_DUPFD_CLOEXEC, 3)
        guard saved >= 0, dup2(m, 2) >= 0 else {
            close(m)
            if saved >= 0 { close(saved) }
            return
        }
        errorCopy.store(m, ordering: .relaxed)
        realError.store(saved, ordering: .releasing)
    }

    /// Points standard error back where it was and shows there what was written meanwhile.
    static func releaseStandardError() {
        let saved = realError.exchange(-1, ordering: .acquiring)
        guard saved >= 0 else { return }
        let m = errorCopy.exchange(-1, ordering: .relaxed)
        _ = dup2(saved, 2)
        close(saved)
        copyTail(of: m, to: 2)
        close(m)
    }

    /// The terminal was put back in the normal way: a later fault has nothing to undo.
    static func disarmFaultRestore() {
        faultByteCount.store(0, ordering: .relaxed)
        faultModeSet.store(false, ordering: .relaxed)
    }

    /// Catches SIGWINCH (a resize), SIGTSTP (a request to stop, as `kill -TSTP` sends: keys
    /// arrive raw, so Ctrl-Z is a key, not this signal) and SIGCONT (going on after a stop):
    /// each is noted and a byte written to `fd` (the resize pipe), which ends a wait for input
    /// at once. `fd` < 0 puts the default actions back.
    static func catchWindowSignals(writingTo fd: Int32) {
        _ = resized.load(ordering: .relaxed)
        _ = stopAsked.load(ordering: .relaxed)
        _ = continued.load(ordering: .relaxed)
        resizePipe.store(fd, ordering: .relaxed)
        for sig in [SIGWINCH, SIGTSTP, SIGCONT] {
            guard fd >= 0 else {
                signal(sig, SIG_DFL)
                continue
            }
            catchSignal(sig, flags: SA_RESTART) { noteWindowSignal($0) }
        }
    }

    /// Whether the window changed size since the last call.
    static func takeResize() -> Bool { resized.exchange(false, ordering: .relaxed) }

    /// Whether SIGTSTP, and whether SIGCONT, came since the last call.
    static func takeJobSignals() -> (stop: Bool, continued: Bool) {
        (stopAsked.exchange(false, ordering: .relaxed), continued.exchange(false, ordering: .relaxed))
    }

    /// The terminal hung up without a SIGHUP reaching us (end of file on its input): the run
    /// loop then leaves as it would on SIGHUP.
    static func noteHangup() {
        _ = caughtSignal.compareExchange(expected: 0, desired: SIGHUP, ordering: .relaxed)
    }

    /// The termination signal caught since the handlers were installed, if any.
    public static var pendingSignal: Int32? {
        let s = caughtSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }
}
