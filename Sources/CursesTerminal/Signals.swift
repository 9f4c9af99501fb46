import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last termination signal caught; 0 when none. A handler may only do an atomic store.
private let caughtSignal = Atomic<Int32>(0)

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

    /// The termination signal caught since the handlers were installed, if any.
    public static var pendingSignal: Int32? {
        let s = caughtSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }
}
