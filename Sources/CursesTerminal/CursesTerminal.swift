import CNcursesw
import TerminalKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ncurses terminal: the only code that calls ncurses. Use it from one thread only.
public final class CursesTerminal: Terminal {
    private var screen: OpaquePointer?
    private let window: UnsafeMutablePointer<WINDOW>
    /// Files a headless screen opened, closed on restore.
    private var files: [UnsafeMutablePointer<FILE>]
    /// Mouse reports are asked for (the terminal has them and the user did not turn them off)
    /// and, once the first frame is out, on.
    private let mouseWanted: Bool
    private var mouseOn = false
    /// Keyboard bytes, read without ncurses; the resize pipe ends its waits.
    private var input: TerminalInput
    private var resizeRead: Int32 = -1, resizeWrite: Int32 = -1
    /// The colour profile in use.
    public let profile: ColorProfile
    private let styles: StyleTable
    private var reader = KeyReader()

    private var last: Frame?
    /// The lineage and generation of the frame presented last (see `Frame.forgetWrites`).
    private var lastLineage: UInt64 = 0
    private var lastGeneration: UInt64 = 0
    private var lastScreenSize = Size(width: -1, height: -1)
    private var needsFullRedraw = true
    private var needsClear = false
    private var cursorVisible: Bool?
    /// Shown for what cannot be drawn (controls, characters the locale cannot show).
    private let replacement: UInt32

    // Reused on every cell so that drawing allocates nothing.
    private let cchar = UnsafeMutablePointer<cchar_t>.allocate(capacity: 1)
    private static let textCapacity = 8
    private let text = UnsafeMutablePointer<wchar_t>.allocate(capacity: CursesTerminal.textCapacity)

    /// Opens the terminal on standard input and output. Call `setUpLocale()` first.
    public convenience init(options: Options = Options()) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw CursesTerminalError.notATerminal }
        // Keys arrive raw, so Ctrl-Z never stops the program; with SIGTSTP ignored before
        // newterm, ncurses also stops blocking and unblocking it around every refresh.
        signal(SIGTSTP, SIG_IGN)
        mlsd_keep_freed_memory()
        guard let sp = newterm(nil, mlsd_stdout(), mlsd_stdin()) else {
            throw CursesTerminalError.cannotInitialize(terminalType: processEnvironment("TERM") ?? "")
        }
        self.init(screen: sp, files: [], options: options, input: 0)
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for fd in ends {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            resizeRead = ends[0]; resizeWrite = ends[1]
            CursesTerminal.catchResize(writingTo: resizeWrite)
        }
    }

    /// A real ncurses screen that writes to /dev/null and reads nothing, for tests.
    /// Only one screen may be open at a time: call `restore()` before opening another.
    public convenience init(headlessSize size: Size, options: Options = Options(),
                            terminalType: String = "xterm-256color") throws {
        guard let out = fopen("/dev/null", "w") else { throw CursesTerminalError.cannotOpenNullDevice }
        guard let inp = fopen("/dev/null", "r") else {
            fclose(out)
            throw CursesTerminalError.cannotOpenNullDevice
        }
        guard let sp = newterm(terminalType, out, inp) else {
            fclose(out); fclose(inp)
            throw CursesTerminalError.cannotInitialize(terminalType: terminalType)
        }
        self.init(screen: sp, files: [out, inp], options: options, input: -1)
        resizeterm(Int32(clamping: size.height), Int32(clamping: size.width))
    }

    private init(screen sp: OpaquePointer, files: [UnsafeMutablePointer<FILE>], options: Options, input fd: Int32) {
        screen = sp
        self.files = files
        input = TerminalInput(fd: fd)
        // Reports as xterm makes them, asked for only where terminfo knows a mouse.
        mouseWanted = options.mouse && fd >= 0 && mlsd_has_mouse() != 0
        set_term(sp)
        window = mlsd_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        meta(window, true)
        intrflush(window, false)
        // No peeking at the keyboard in the middle of a refresh (two polls per frame): the run
        // loop already reads what is waiting before it draws.
        typeahead(-1)

        // Decide on monochrome before start_color, which may already send colour sequences.
        var profile = ColorProfile.monochrome
        var defaultColors = false
        if has_colors(),
           ColorProfile.choose(mode: options.colorMode, hasColors: true, colors: 256, environment: options.lookup) != .monochrome {
            start_color()
            defaultColors = use_default_colors() == OK
            profile = ColorProfile.choose(mode: options.colorMode, hasColors: true,
                                          colors: Int(mlsd_colors()), environment: options.lookup)
        }
        self.profile = profile
        styles = StyleTable(profile: profile, defaultColors: defaultColors)
        replacement = CursesTerminal.isUnicodeCapable ? 0xFFFD : 0x3F

        setCursor(visible: false)
        // Until a screen has been suspended and resumed once, ncurses flushes its output after
        // every cursor movement (its first state is meant for low-level terminfo use), so a
        // frame leaves in dozens of writes, one per row or less. Suspended here, before
        // anything is drawn, it resumes in the first refresh, and every refresh after that
        // is written in one go.
        endwin()
    }

    deinit {
        restore()
        cchar.deallocate()
        text.deallocate()
    }

    // MARK: Terminal

    public var size: Size {
        guard screen != nil else { return Size(width: 0, height: 0) }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public func present(_ frame: Frame) {
        guard screen != nil else { return }
        let screenSize = size
        let full = needsFullRedraw || last == nil || last!.size != frame.size || screenSize != lastScreenSize
        if full {
            werase(window)
            if needsClear { clearok(window, true) }
        }
        let fw = frame.size.width
        let w = min(fw, screenSize.width), h = min(frame.size.height, screenSize.height)
        var kept: Frame?   // the previous frame brought up to date in place (see below)
        if w > 0 && h > 0 {
            frame.cells.withUnsafeBufferPointer { cells in
                if full {
                    // After werase a plain space is already there; most of a fresh screen is those.
                    for y in 0..<h {
                        for x in 0..<w {
                            let c = cells[y * fw + x]
                            if c.scalar == 0x20 && styles.isPlain(c.style) { continue }
                            draw(cells, frame, x: x, y: y, screenWidth: screenSize.width)
                        }
                    }
                } else {
                    // Without multi-scalar clusters a cell's bytes say everything about it, so an
                    // unchanged row (most rows, on a key press) is skipped with one memcmp, and a
                    // changed row is copied into the kept frame. The kept frame is then never
                    // shared with the caller's, which can go on changing its own in place.
                    let plain = frame.clusters.isEmpty && last!.clusters.isEmpty && w == fw && h == frame.size.height
                    // The next generation of the frame presented last: only its written rows can differ.
                    let onlyWritten = frame.lineage == lastLineage && frame.generation == lastGeneration &+ 1
                    if plain {
                        var old = last!
                        last = nil   // `old` is now the only reference, so writing it copies nothing
                        old.cells.withUnsafeMutableBufferPointer { before in
                            for y in 0..<h {
                                if onlyWritten && !frame.wasWritten(row: y) { continue }
                                let row = y * fw
                                if memcmp(cells.baseAddress! + row, before.baseAddress! + row, w * MemoryLayout<Cell>.stride) == 0 { continue }
                                for x in 0..<w where cells[row + x] != before[row + x] {
                                    redraw(cells, before: UnsafeBufferPointer(before), frame, x: x, y: y, screenWidth: screenSize.width)
                                }
                                (before.baseAddress! + row).update(from: cells.baseAddress! + row, count: fw)
                            }
                        }
                        old.cursor = frame.cursor
                        kept = old
                    } else {
                        let old = last!
                        old.cells.withUnsafeBufferPointer { before in
                            for y in 0..<h {
                                for x in 0..<w {
                                    let i = y * fw + x
                                    let changed = cells[i] != before[i]
                                        || (cells[i].scalar >= Cell.clusterBase && !sameCluster(frame, old, cells[i].scalar))
                                    if changed { redraw(cells, before: before, frame, x: x, y: y, screenWidth: screenSize.width) }
                                }
                            }
                        }
                    }
                }
            }
        }
        if let c = frame.cursor, c.x >= 0, c.y >= 0, c.x < screenSize.width, c.y < screenSize.height {
            wmove(window, Int32(c.y), Int32(c.x))
            setCursor(visible: true)
        } else {
            setCursor(visible: false)
        }
        wnoutrefresh(window)
        doupdate()
        if mouseWanted && !mouseOn {
            // Presses, releases and drags with a button down (1002), as SGR text (1006) so that
            // any column reads back; after the first frame, when ncurses has nothing unwritten.
            writeToTerminal("\u{1B}[?1002h\u{1B}[?1006h")
            mouseOn = true
        }
        last = kept ?? frame
        lastLineage = frame.lineage
        lastGeneration = frame.generation
        lastScreenSize = screenSize
        needsFullRedraw = false
        needsClear = false
    }

    public func readKey(timeoutMs: Int) -> Key? {
        guard screen != nil else { return nil }
        // The reader has just found the input empty (after a typed character): asking again at
        // once would cost a poll for nothing.
        if timeoutMs == 0 && reader.takeDrained() { return nil }
        return reader.read(timeoutMs: timeoutMs) { self.nextRawKey(timeoutMs: $0) }
    }

    public func restore() {
        guard let sp = screen else { return }
        screen = nil
        set_term(sp)   // endwin acts on the current screen
        if mouseOn { writeToTerminal("\u{1B}[?1006l\u{1B}[?1002l"); mouseOn = false }
        curs_set(1)
        endwin()
        delscreen(sp)
        for f in files { fclose(f) }
        files = []
        if resizeWrite >= 0 {
            CursesTerminal.catchResize(writingTo: -1)
            close(resizeRead); close(resizeWrite)
            resizeRead = -1; resizeWrite = -1
        }
    }

    // MARK: More

    /// Repaints the whole screen on the next `present` (after something else wrote to the terminal).
    public func redrawAll() {
        needsFullRedraw = true
        needsClear = true
    }

    /// What the screen holds at a cell, as ncurses keeps it (for tests and diagnostics).
    public struct ScreenCell: Equatable, Sendable {
        public var text: String
        public var bold, reverse, underline, dim: Bool
        public var pair: Int32
    }

    public func screenCell(x: Int, y: Int) -> ScreenCell? {
        guard screen != nil, mvwin_wch(window, Int32(y), Int32(x), cchar) == OK else { return nil }
        var buf = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int32 = 0
        guard mlsd_getcchar(cchar, &buf, Int32(buf.count), &attrs, &pair) == OK else { return nil }
        var s = String.UnicodeScalarView()
        for v in buf {
            if v == 0 { break }
            if let u = Unicode.Scalar(UInt32(bitPattern: v)) { s.append(u) }
        }
        return ScreenCell(text: String(s), bold: attrs & mlsd_a_bold() != 0, reverse: attrs & mlsd_a_reverse() != 0,
                          underline: attrs & mlsd_a_underline() != 0, dim: attrs & mlsd_a_dim() != 0, pair: pair)
    }

    // MARK: Drawing

    @inline(__always)
    private func sameCluster(_ a: Frame, _ b: Frame, _ scalar: UInt32) -> Bool {
        let i = Int(scalar - Cell.clusterBase)
        guard i < a.clusters.count, i < b.clusters.count else { return false }
        return a.clusters[i] == b.clusters[i]
    }

    /// The first scalar of a cell (a cluster's base), 0 for a right half.
    @inline(__always)
    private func baseScalar(_ cell: Cell, _ frame: Frame) -> UInt32 {
        guard cell.scalar >= Cell.clusterBase else { return cell.scalar }
        let i = Int(cell.scalar - Cell.clusterBase)
        guard i < frame.clusters.count else { return 0x3F }
        return frame.clusters[i].unicodeScalars.first?.value ?? 0x20
    }

    /// Columns ncurses gives a scalar; -1 for what cannot be shown (controls, unknown to the locale).
    @inline(__always)
    private func columns(_ v: UInt32) -> Int {
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || v == 0x7F { return -1 }
        return Int(mlsd_wcwidth(v))
    }

    /// Draws a changed cell. A wide character's right half that changed under an unchanged left
    /// half is drawn by redrawing the left half, which covers it.
    private func redraw(_ cells: UnsafeBufferPointer<Cell>, before: UnsafeBufferPointer<Cell>, _ frame: Frame, x: Int, y: Int, screenWidth: Int) {
        let i = y * frame.size.width + x
        if cells[i].isContinuation, x > 0, cells[i - 1] == before[i - 1] {
            draw(cells, frame, x: x - 1, y: y, screenWidth: screenWidth)
        }
        draw(cells, frame, x: x, y: y, screenWidth: screenWidth)
    }

    private func draw(_ cells: UnsafeBufferPointer<Cell>, _ frame: Frame, x: Int, y: Int, screenWidth: Int) {
        let fw = frame.size.width
        let cell = cells[y * fw + x]
        let text = self.text
        if cell.isContinuation {
            // Normally covered by the wide character to the left; draw a blank if that one came out narrow.
            if x > 0, columns(baseScalar(cells[y * fw + x - 1], frame)) == 2 { return }
            text[0] = 0x20
            text[1] = 0
        } else {
            let base = baseScalar(cell, frame)
            var width = columns(base)
            // Wide only when the frame reserved the next column (else the tables disagree) and it is on screen.
            if width == 2 && !(x + 1 < fw && cells[y * fw + x + 1].isContinuation) { width = -1 }
            if width == 2 && x + 1 >= screenWidth { width = -2 }
            var n = 0
            switch width {
            case -2:
                text[0] = 0x20
                n = 1
            case -1:
                text[0] = wchar_t(bitPattern: replacement)
                n = 1
            case 0:
                // A lone combining mark: give it a space to sit on, else ncurses joins it to the cell before.
                text[0] = 0x20
                text[1] = wchar_t(bitPattern: base)
                n = 2
            default:
                text[0] = wchar_t(bitPattern: base)
                n = 1
            }
            if width >= 1 && cell.scalar >= Cell.clusterBase {
                let i = Int(cell.scalar - Cell.clusterBase)
                // Combining marks after the base; ncurses keeps up to CCHARW_MAX and stops at a spacing one.
                for s in frame.clusters[i].unicodeScalars.dropFirst() {
                    if n >= 5 { break }
                    let v = s.value
                    if v < 0x20 || (v >= 0x7F && v < 0xA0) { continue }
                    text[n] = wchar_t(bitPattern: v)
                    n += 1
                }
            }
            text[n] = 0
        }
        let (attrs, pair) = styles[cell.style]
        if mlsd_setcchar(cchar, text, attrs, pair) == ERR {
            text[0] = wchar_t(bitPattern: replacement)
            text[1] = 0
            _ = mlsd_setcchar(cchar, text, attrs, pair)
        }
        // ERR at the bottom-right corner is expected (the cursor cannot advance); the cell is set.
        _ = mvwadd_wch(window, Int32(y), Int32(x), cchar)
    }

    private func setCursor(visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        curs_set(visible ? 1 : 0)
    }

    // MARK: Input

    /// The next raw key from the keyboard bytes, or a resize, waiting up to `timeoutMs`
    /// (negative: forever).
    private func nextRawKey(timeoutMs: Int) -> RawKey? {
        if let r = takeResize() { return r }
        switch input.next(timeoutMs: timeoutMs, wake: resizeRead) {
        case .scalar(let v)?:
            return .char(v)
        case .wake?:
            return takeResize()
        case nil:
            if input.hungUp { CursesTerminal.noteHangup() }
            return nil
        }
    }

    /// After SIGWINCH: ncurses takes the window's new size, and the next frame is drawn whole.
    private func takeResize() -> RawKey? {
        guard CursesTerminal.takeResize() else { return nil }
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0 {
            resizeterm(Int32(ws.ws_row), Int32(ws.ws_col))
        }
        needsFullRedraw = true
        needsClear = true
        return .resize
    }

    /// Bytes straight to the terminal, between ncurses' writes (its buffer is empty then).
    private func writeToTerminal(_ s: String) {
        let bytes = Array(s.utf8)
        bytes.withUnsafeBytes { b in
            var done = 0
            while done < b.count {
                let n = write(1, b.baseAddress! + done, b.count - done)
                if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
    }
}
