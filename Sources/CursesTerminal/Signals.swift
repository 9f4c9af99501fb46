import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last termination signal caught; 0 when none. A handler may only do an atomic store.
private let caughtSignal = Atomic<Int32>(0)
/// Set by SIGWINCH; the write end of the pipe that wakes the input wait (-1: none).
private let resized = Atomic<Bool>(false)
private let resizePipe = Atomic<Int32>(-1)

/// SIGWINCH's handler: an atomic store and a one-byte write (both async-signal-safe).
private func noteResize() {
    let saved = errno
    resized.store(true, ordering: .relaxed)
    let fd = resizePipe.load(ordering: .relaxed)
    if fd >= 0 {
        var b: UInt8 = 1
        _ = write(fd, &b, 1)
    }
    errno = saved
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
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { caughtSignal.store($0, ordering: .relaxed) }
            #else
            action.__sigaction_u.__sa_handler = { caughtSignal.store($0, ordering: .relaxed) }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(s, &action, nil)
        }
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Catches SIGWINCH: notes it and writes a byte to `fd` (the resize pipe), which ends a
    /// wait for input at once. `fd` < 0 puts the default action back.
    static func catchResize(writingTo fd: Int32) {
        _ = resized.load(ordering: .relaxed)
        resizePipe.store(fd, ordering: .relaxed)
        var action = sigaction()
        if fd >= 0 {
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { _ in noteResize() }
            #else
            action.__sigaction_u.__sa_handler = { _ in noteResize() }
            #endif
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        if fd < 0 { signal(SIGWINCH, SIG_DFL) } else { sigaction(SIGWINCH, &action, nil) }
    }

    /// Whether the window changed size since the last call.
    static func takeResize() -> Bool { resized.exchange(false, ordering: .relaxed) }

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
