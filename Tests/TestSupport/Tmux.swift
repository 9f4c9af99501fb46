import Foundation

/// A real terminal for end-to-end tests: tmux on a private socket, driven by send-keys and read by capture-pane.
public final class Tmux: @unchecked Sendable {
    public let socket: String
    public let dataHome: String

    /// Starts `command` (run by sh) in a new detached session of the given size.
    public init(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "mlsd-e2e-\(UUID().uuidString.prefix(8))"
        dataHome = Paths.temporaryFolder("mlsd-e2e-data")
        // Cases the program caches go to the test's own folder, not the user's.
        var env = ["XDG_DATA_HOME": dataHome, "XDG_CACHE_HOME": dataHome + "/cache", "LANG": "C.UTF-8", "TERM": "xterm-256color"]
        for (k, v) in environment { env[k] = v }
        let exports = env.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        // The test runner's own environment may say NO_COLOR; only the test decides that here.
        let unset = env["NO_COLOR"] == nil ? "-u NO_COLOR " : ""
        try run(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "env \(unset)\(exports) \(command)"])
        _ = try? run(["set-option", "-g", "remain-on-exit", "on"])
    }

    deinit { kill() }

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || (try? shell("command -v tmux")) != nil }

    @discardableResult
    public func run(_ args: [String]) throws -> String {
        let r = try spawnAndWait(["tmux", "-L", socket, "-f", "/dev/null"] + args)
        if r.status != 0 { throw TmuxError.failed(args.joined(separator: " "), r.status) }
        return r.output
    }

    /// Sends tmux key names (`Enter`, `C-n`, `F6`, …).
    public func keys(_ names: String...) throws {
        try run(["send-keys", "-t", "0"] + names)
        // A lone Escape followed within the program's escape delay (25 ms) by another key reads
        // as Alt plus that key, as in any terminal; a person never types that fast.
        if names.last == "Escape" { usleep(60_000) }
    }
    /// Types text literally.
    public func type(_ text: String) throws { try run(["send-keys", "-t", "0", "-l", text]) }
    /// The visible screen as text.
    public func screen() -> String { (try? run(["capture-pane", "-p", "-t", "0"])) ?? "" }
    public func resize(width: Int, height: Int) throws { try run(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"]) }
    /// The process id of the program in the pane (the shell's child, or the pane's own process).
    public func panePID() -> Int32? { Int32((try? run(["display-message", "-p", "-t", "0", "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") }

    /// Waits until the screen contains `text` (polling), or throws with the last screen.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        throw TmuxError.timeout(text, last)
    }

    /// Waits until `predicate` holds for the screen.
    @discardableResult
    public func waitUntil(timeout: Double = 10, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw TmuxError.timeout(what, last)
    }

    /// Ends the interview the way a user does: the end key, `y` to confirm, the report, `q`.
    public func endInterview(with key: String = "C-q") throws {
        try keys(key)
        try waitFor("End the interview?")
        try keys("y")
        try waitFor("your report")
        try waitFor("Time per stage")
        try keys("q")
    }

    public func kill() { _ = try? run(["kill-server"]) }

    public enum TmuxError: Error, CustomStringConvertible {
        case failed(String, Int32), timeout(String, String)
        public var description: String {
            switch self {
            case .failed(let a, let s): return "tmux \(a) exited \(s)"
            case .timeout(let t, let screen): return "timed out waiting for \"\(t)\"; the screen was:\n\(screen)"
            }
        }
    }
}

/// Runs a shell command and returns its standard output (throws on a non-zero exit).
@discardableResult
public func shell(_ command: String, environment: [String: String] = [:]) throws -> String {
    let r = try shellStatus(command, environment: environment)
    if r.status != 0 { throw ShellError(command: command, status: r.status, output: r.output + r.error) }
    return r.output
}

/// Runs a shell command; returns status, stdout and stderr.
public func shellStatus(_ command: String, environment: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
    try spawnAndWait(["/bin/sh", "-c", command], environment: environment)
}

public struct ShellError: Error, CustomStringConvertible {
    public var command: String, status: Int32, output: String
    public init(command: String, status: Int32, output: String) { self.command = command; self.status = status; self.output = output }
    public var description: String { "`\(command)` exited \(status):\n\(output)" }
}
