import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and waits for it, with stdout and stderr sent to files (posix_spawn + waitpid).
///
/// Foundation's `Process` can wait forever when the child leaves a daemon behind (tmux's server),
/// so the end-to-end tests spawn directly.
public func spawnAndWait(_ argv: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String, error: String) {
    let outPath = NSTemporaryDirectory() + "mlsd-out-\(UUID().uuidString)"
    let errPath = NSTemporaryDirectory() + "mlsd-err-\(UUID().uuidString)"
    defer { unlink(outPath); unlink(errPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var env = ProcessInfo.processInfo.environment
    env["XDG_CACHE_HOME"] = testCacheHome   // cases the program caches stay out of the user's cache
    for (k, v) in environment ?? [:] { env[k] = v }
    let envStrings = env.map { "\($0.key)=\($0.value)" }
    var pid: pid_t = 0
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = envStrings.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
    // The child starts with no signal blocked and every signal at its default action: a test
    // thread blocks most signals, and a tmux server that inherits that mask ignores SIGHUP and
    // SIGTERM, so `kill-server` left the server and the program under test running.
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var noSignals = sigset_t(), allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attr, &noSignals)
    posix_spawnattr_setsigdefault(&attr, &allSignals)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let rc = posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, cEnv)
    if rc != 0 { throw ShellError(command: argv.joined(separator: " "), status: rc, output: "cannot start: \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return (exit, out, err)
}

/// One cache folder for every program a test run starts.
let testCacheHome = Paths.temporaryFolder("mlsd-test-cache")
