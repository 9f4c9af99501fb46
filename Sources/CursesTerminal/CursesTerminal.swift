import CNcursesw
import TerminalKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal: terminfo (through ncurses) says how to drive it, `FrameWriter` works out
/// what to send for each frame, and this class owns the rest: raw mode and its undoing, the
/// alternate screen, the size, the keyboard and resizes. The only code that calls ncurses;
/// use it from one thread only.
public final class CursesTerminal: Terminal {
    private var isOpen = true
    /// Where frames go: a file descriptor, or (-1) memory that tests read back.
    private let outputFD: Int32
    private var captured: [UInt8] = []
    /// The terminal's mode before the program changed it; nil for a headless terminal.
    private var savedMode: termios?
    /// The first frame also enters the alternate screen; leaving undoes what entering did.
    private var started = false
    /// The screen height the fault handler's bytes were made for (-1: not made yet).
    private var armedHeight = -1
    /// Mouse reports are asked for (the terminal has them and the user did not turn them off)
    /// and, once the first frame is out, on.
    private let mouseWanted: Bool
    private var mouseOn = false
    /// Keyboard bytes; the resize pipe ends their waits.
    private var input: TerminalInput
    private var resizeRead: Int32 = -1, resizeWrite: Int32 = -1
    /// The colour profile in use.
    public let profile: ColorProfile
    /// What the terminal's description offers.
    public let capabilities: Capabilities
    private var writer: FrameWriter
    private var reader = KeyReader()
    private var screenSize: Size

    /// Opens the terminal on standard input and output. Call `setUpLocale()` first.
    public convenience init(options: Options = Options()) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw CursesTerminalError.notATerminal }
        let type = processEnvironment("TERM") ?? ""
        guard let caps = Capabilities.load(terminalType: nil, fd: 1) else {
            throw CursesTerminalError.cannotInitialize(terminalType: type)
        }
        guard caps.moveTo != nil else { throw CursesTerminalError.cannotMoveCursor(terminalType: type) }
        mlsd_keep_freed_memory()
        self.init(caps: caps, options: options, output: 1, input: 0,
                  size: CursesTerminal.kernelSize() ?? CursesTerminal.fallbackSize(caps, environment: { options.lookup($0) }))
        var mode = termios()
        if tcgetattr(0, &mode) == 0 {
            savedMode = mode
            CursesTerminal.armFaultRestore(bytes: nil, mode: mode)
            CursesTerminal.makeRaw(&mode)
            _ = tcsetattr(0, TCSADRAIN, &mode)
            CursesTerminal.captureStandardError()
        }
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for fd in ends {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            resizeRead = ends[0]; resizeWrite = ends[1]
            CursesTerminal.catchWindowSignals(writingTo: resizeWrite)
        }
    }

    /// A terminal of the given size and type that reads no keys, for tests and benchmarks.
    /// Its output is kept in memory (`takeOutput()`), or with `discardOutput` written to /dev/null.
    public convenience init(headlessSize size: Size, options: Options = Options(),
                            terminalType: String = "xterm-256color", discardOutput: Bool = false) throws {
        guard let caps = Capabilities.load(terminalType: terminalType) else {
            throw CursesTerminalError.cannotInitialize(terminalType: terminalType)
        }
        guard caps.moveTo != nil else { throw CursesTerminalError.cannotMoveCursor(terminalType: terminalType) }
        var fd: Int32 = -1
        if discardOutput {
            fd = open("/dev/null", O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CursesTerminalError.cannotOpenNullDevice }
        }
        self.init(caps: caps, options: options, output: fd, input: -1, size: size)
    }

    private init(caps: Capabilities, options: Options, output: Int32, input fd: Int32, size: Size) {
        capabilities = caps
        outputFD = output
        input = TerminalInput(fd: fd)
        screenSize = size
        // Reports as xterm makes them, asked for only where terminfo knows a mouse.
        mouseWanted = options.mouse && fd >= 0 && caps.hasMouse
        let profile = ColorProfile.choose(mode: options.colorMode, hasColors: caps.colors > 0,
                                          colors: caps.colors, environment: options.lookup)
        self.profile = profile
        writer = FrameWriter(caps: caps, styles: StyleTable(profile: profile, defaultColors: caps.hasDefaultColors),
                             replacement: CursesTerminal.isUnicodeCapable ? 0xFFFD : 0x3F)
    }

    deinit {
        restore()
    }

    /// What ncurses' raw(), noecho(), nonl() and meta() give: every byte as it is typed, no
    /// echo, no signals from keys, no flow control, eight bits.
    static func makeRaw(_ t: inout termios) {
        t.c_lflag &= ~tcflag_t(ICANON | ISIG | IEXTEN | ECHO | ECHONL)
        t.c_iflag &= ~tcflag_t(IXON | BRKINT | PARMRK | ICRNL | INLCR | IGNCR | ISTRIP)
        t.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
    }

    /// The size to use where the kernel does not know the window's (a serial line, some
    /// emulators): `COLUMNS` and `LINES` when set to sensible numbers, else what the terminal's
    /// description says, else 80×24.
    static func fallbackSize(_ caps: Capabilities, environment: (String) -> String?) -> Size {
        func number(_ name: String) -> Int? {
            guard let v = environment(name).flatMap({ Int($0) }), v > 0, v <= 10_000 else { return nil }
            return v
        }
        return Size(width: number("COLUMNS") ?? (caps.columns > 0 ? caps.columns : 80),
                    height: number("LINES") ?? (caps.lines > 0 ? caps.lines : 24))
    }

    /// The window's size as the kernel knows it.
    private static func kernelSize() -> Size? {
        var ws = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0 else { return nil }
        return Size(width: Int(ws.ws_col), height: Int(ws.ws_row))
    }

    // MARK: Terminal

    public var size: Size { isOpen ? screenSize : Size(width: 0, height: 0) }

    public func present(_ frame: Frame) {
        guard isOpen else { return }
        if !started {
            // One write takes the terminal to the alternate screen, arrow keys in the form the
            // key decoder reads either way, and the first frame.
            writer.out += capabilities.enterAlternateScreen
            writer.out += capabilities.keypadOn
            started = true
            armedHeight = -1
        }
        if savedMode != nil && armedHeight != screenSize.height {
            // A fault from now on puts the screen back as leaving would (below the last row
            // drawn, where there is no alternate screen).
            CursesTerminal.armFaultRestore(bytes: leaveSequence(), mode: nil)
            armedHeight = screenSize.height
        }
        writer.render(frame, screen: screenSize)
        if mouseWanted && !mouseOn {
            // Presses, releases and drags with a button down (1002), as SGR text (1006) so that
            // any column reads back.
            writer.out += Array("\u{1B}[?1002h\u{1B}[?1006h".utf8)
            mouseOn = true
        }
        flush()
    }

    public func readKey(timeoutMs: Int) -> Key? {
        guard isOpen else { return nil }
        // The reader has just found the input empty (after a typed character): asking again at
        // once would cost a poll for nothing.
        if timeoutMs == 0 && reader.takeDrained() { return nil }
        return reader.read(timeoutMs: timeoutMs) { self.nextRawKey(timeoutMs: $0) }
    }

    public func restore() {
        guard isOpen else { return }
        if started {
            writer.out += leaveSequence()
            mouseOn = false
            flush()
        }
        isOpen = false
        if var mode = savedMode {
            _ = tcsetattr(0, TCSADRAIN, &mode)
            CursesTerminal.disarmFaultRestore()
            CursesTerminal.releaseStandardError()
        }
        savedMode = nil
        if outputFD > 2 { close(outputFD) }
        if resizeWrite >= 0 {
            CursesTerminal.catchWindowSignals(writingTo: -1)
            close(resizeRead); close(resizeWrite)
            resizeRead = -1; resizeWrite = -1
        }
    }

    /// What leaving sends: mouse reports off, plain attributes, the cursor shown (on the last
    /// row where there is no alternate screen, so that the shell's prompt goes below what was
    /// drawn), the keypad as it was and the normal screen. A fault's handler sends the same.
    private func leaveSequence() -> [UInt8] {
        var b: [UInt8] = []
        if mouseWanted { b += Array("\u{1B}[?1006l\u{1B}[?1002l".utf8) }
        b += capabilities.resetAttributes
        if capabilities.exitAlternateScreen.isEmpty, screenSize.height > 0, let cup = capabilities.moveTo {
            cup.append(to: &b, screenSize.height - 1, 0)
        }
        b += capabilities.showCursor
        b += capabilities.keypadOff
        b += capabilities.exitAlternateScreen
        return b
    }

    // MARK: More

    /// Repaints the whole screen on the next `present` (after something else wrote to the terminal).
    public func redrawAll() {
        writer.forgetScreen()
    }

    /// The bytes a headless terminal was sent since the last call.
    public func takeOutput() -> [UInt8] {
        defer { captured = [] }
        return captured
    }

    /// Sets a headless terminal's size, as a resize of a real one would.
    public func resizeHeadless(to size: Size) {
        guard input.fd < 0 else { return }
        screenSize = size
        writer.needsFullRedraw = true
    }

    /// Sends what the writer made: one write, repeated only if the kernel takes part of it.
    private func flush() {
        defer { writer.out.removeAll(keepingCapacity: true) }
        if outputFD < 0 {
            captured += writer.out
            return
        }
        writer.out.withUnsafeBytes { b in
            var done = 0
            while done < b.count {
                let n = write(outputFD, b.baseAddress! + done, b.count - done)
                if n > 0 {
                    done += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    // Output left non-blocking by another program: wait until the terminal takes more.
                    var p = pollfd(fd: outputFD, events: Int16(POLLOUT), revents: 0)
                    if poll(&p, 1, 1000) <= 0 { break }
                } else {
                    break
                }
            }
        }
    }

    // MARK: Input

    /// The next raw key from the keyboard bytes, or a resize, waiting up to `timeoutMs`
    /// (negative: forever).
    private func nextRawKey(timeoutMs: Int) -> RawKey? {
        if let r = takeJobControl() ?? takeResize() { return r }
        switch input.next(timeoutMs: timeoutMs, wake: resizeRead) {
        case .scalar(let v)?:
            return .char(v)
        case .wake?:
            return takeJobControl() ?? takeResize()
        case nil:
            if input.hungUp { CursesTerminal.noteHangup() }
            return nil
        }
    }

    /// After SIGTSTP: `.suspend`, so that the program can pause what should not run on while it
    /// is stopped, then `suspend()`. (A program that reads on instead is stopped then.) After
    /// SIGCONT alone, the program having been stopped from outside (SIGSTOP, perhaps by a shell
    /// that changed the terminal's modes meanwhile): the terminal taken again, as `suspend()` does,
    /// and `.resize`, so that the next frame is drawn whole. (The run loop finds the time it was
    /// stopped from the gap since it last ran.)
    private func takeJobControl() -> RawKey? {
        let (stop, cont) = CursesTerminal.takeJobSignals()
        if stopAsked {
            stopAsked = false
            stopNow()
            return .resize
        }
        guard stop || cont, isOpen, savedMode != nil else { return nil }
        if stop {
            stopAsked = true
            return .suspend
        }
        takeBack()
        return .resize
    }

    /// A stop asked for by SIGTSTP and not yet made.
    private var stopAsked = false

    public func suspend() {
        guard isOpen else { return }
        stopAsked = false
        stopNow()
    }

    /// The terminal put back as on leaving and the program stopped (SIGSTOP, which stops it even
    /// where the shell has no job control) until SIGCONT; then the terminal taken again.
    private func stopNow() {
        guard let original = savedMode else { return }
        if started {
            writer.out += leaveSequence()
            flush()
            mouseOn = false
            started = false
        }
        var mode = original
        _ = tcsetattr(0, TCSADRAIN, &mode)
        kill(getpid(), SIGSTOP)
        _ = CursesTerminal.takeJobSignals()   // the SIGCONT that woke it
        takeBack()
    }

    /// Raw mode again, the alternate screen, and the next frame drawn whole, as after a resize.
    private func takeBack() {
        guard let original = savedMode else { return }
        var raw = original
        CursesTerminal.makeRaw(&raw)
        _ = tcsetattr(0, TCSADRAIN, &raw)
        // Whatever the screen shows now, the next frame enters the alternate screen (again) and
        // paints every cell.
        started = false
        mouseOn = false
        writer.forgetScreen()
        _ = CursesTerminal.takeResize()
        if let s = CursesTerminal.kernelSize() { screenSize = s }
    }

    /// After SIGWINCH: the window's new size, and the next frame drawn whole.
    private func takeResize() -> RawKey? {
        guard CursesTerminal.takeResize() else { return nil }
        if let s = CursesTerminal.kernelSize() { screenSize = s }
        writer.needsFullRedraw = true
        return .resize
    }
}
