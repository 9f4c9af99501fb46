import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the program needs of a terminal's description (terminfo), read once when the terminal
/// opens. The frame writer builds its output from these; nothing else reads terminfo.
///
/// A capability the terminal lacks is empty (or nil when it takes parameters).
public struct Capabilities: Sendable, Equatable {
    public var clearScreen: [UInt8] = []
    public var resetAttributes: [UInt8] = []
    public var bold: [UInt8] = []
    public var dim: [UInt8] = []
    public var reverse: [UInt8] = []
    public var underline: [UInt8] = []
    public var hideCursor: [UInt8] = []
    public var showCursor: [UInt8] = []
    public var clearToEndOfLine: [UInt8] = []
    public var carriageReturn: [UInt8] = []
    public var cursorLeft: [UInt8] = []
    public var scrollForward: [UInt8] = []
    public var scrollReverse: [UInt8] = []
    public var enterAlternateScreen: [UInt8] = []
    public var exitAlternateScreen: [UInt8] = []
    public var keypadOn: [UInt8] = []
    public var keypadOff: [UInt8] = []

    public var moveTo: Parameterized?           // row, column
    public var moveToColumn: Parameterized?     // column
    public var moveToRow: Parameterized?        // row
    public var eraseCharacters: Parameterized?  // count
    public var foreground: Parameterized?       // colour
    public var background: Parameterized?       // colour
    public var scrollRegion: Parameterized?     // top row, bottom row
    public var scrollForwardLines: Parameterized?
    public var scrollReverseLines: Parameterized?

    /// Writing the last column wraps (`am`), but only when the next character comes (`xenl`).
    public var autoMargins = false
    public var lateWrap = false
    /// Erasing fills with the current background colour (`bce`).
    public var backgroundColorErase = false
    /// Colours the terminal offers (0: none), and whether it can go back to its own (`op`).
    public var colors = 0
    public var hasDefaultColors = false
    /// Whether the description knows a mouse (`kmous`).
    public var hasMouse = false
    /// Lines and columns the description gives, for when the kernel does not know the size.
    public var lines = 0
    public var columns = 0

    public init() {}

    /// Reads the description of `terminalType` (nil: `$TERM`); nil when terminfo does not know
    /// it. `fd` is the terminal it is for (-1 for none). The description's file is read
    /// directly where it is found in the usual place (`TerminfoFile`), else through ncurses.
    public static func load(terminalType: String?, fd: Int32 = -1) -> Capabilities? {
        load(terminalType: terminalType, fd: fd, environment: processEnvironment)
    }

    static func load(terminalType: String?, fd: Int32, environment: (String) -> String?) -> Capabilities? {
        if let type = terminalType ?? environment("TERM"), let path = TerminfoFile.path(for: type, environment: environment),
           let bytes = readFile(path), let file = TerminfoFile(bytes),
           let c = Capabilities(file) {
            return c
        }
        return loadThroughNcurses(terminalType: terminalType, fd: fd)
    }

    /// From a description file; nil when a part it needs does not read.
    init?(_ file: TerminfoFile) {
        var malformed = false
        self = Capabilities.build(
            string: { _, i in file.string(i) },
            flag: { name, i in
                if i >= 0 { return file.flag(i) }
                guard let v = file.extendedFlag(name) else { malformed = true; return false }
                return v
            },
            number: { _, i in file.number(i) })
        if malformed { return nil }
        // As ncurses gives them where the window's size cannot be asked (it is only used then).
        if lines == 0 { lines = 24 }
        if columns == 0 { columns = 80 }
    }

    /// Through ncurses' `setupterm`.
    static func loadThroughNcurses(terminalType: String?, fd: Int32) -> Capabilities? {
        let ok = terminalType.map { mlsd_setupterm($0, fd) } ?? mlsd_setupterm(nil, fd)
        guard ok == 1 else { return nil }
        defer { mlsd_free_terminfo() }
        return build(
            string: { name, _ in
                mlsd_tigetstr(name).map { withoutPadding(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) }
            },
            flag: { name, _ in tigetflag(name) > 0 },
            number: { name, _ in Int(tigetnum(name)) })
    }

    /// The capabilities from a description, each asked for by its terminfo name and its
    /// standard index (-1 for a user-defined one, such as `AX`).
    static func build(string raw: (String, Int) -> [UInt8]?, flag: (String, Int) -> Bool, number: (String, Int) -> Int) -> Capabilities {
        var c = Capabilities()
        func s(_ name: String, _ i: Int) -> [UInt8] { raw(name, i) ?? [] }
        func p(_ name: String, _ i: Int) -> Parameterized? { raw(name, i).map { Parameterized(String(decoding: $0, as: UTF8.self)) } }
        c.clearScreen = s("clear", 5)
        c.resetAttributes = s("sgr0", 39)
        c.bold = s("bold", 27); c.dim = s("dim", 30); c.reverse = s("rev", 34); c.underline = s("smul", 36)
        c.hideCursor = s("civis", 13); c.showCursor = s("cnorm", 16)
        c.clearToEndOfLine = s("el", 6)
        c.carriageReturn = s("cr", 2); c.cursorLeft = s("cub1", 14)
        c.scrollForward = s("ind", 129); c.scrollReverse = s("ri", 130)
        c.enterAlternateScreen = s("smcup", 28); c.exitAlternateScreen = s("rmcup", 40)
        c.keypadOn = s("smkx", 89); c.keypadOff = s("rmkx", 88)
        c.moveTo = p("cup", 10); c.moveToColumn = p("hpa", 8); c.moveToRow = p("vpa", 127)
        c.eraseCharacters = p("ech", 37)
        c.foreground = p("setaf", 359); c.background = p("setab", 360)
        c.scrollRegion = p("csr", 3); c.scrollForwardLines = p("indn", 109); c.scrollReverseLines = p("rin", 113)
        c.autoMargins = flag("am", 1)
        c.lateWrap = flag("xenl", 4)
        c.backgroundColorErase = flag("bce", 28)
        c.colors = c.foreground == nil ? 0 : max(0, number("colors", 13))
        c.hasDefaultColors = !s("op", 297).isEmpty || flag("AX", -1)
        c.hasMouse = !s("kmous", 355).isEmpty
        c.lines = max(0, number("lines", 2))
        c.columns = max(0, number("cols", 0))
        return c
    }

    /// A whole small file.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0, st.st_size <= 1 << 20 else { return nil }
        let size = Int(st.st_size)
        var got = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            while got < size {
                let n = read(fd, buf.baseAddress! + got, size - got)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                got += n
            }
            count = got
        }
        return got == size ? bytes : nil
    }

    /// A capability that takes numbers. The common ANSI forms (`ESC [ n ; m H` and the like)
    /// are filled in here; any other goes through terminfo's own interpreter.
    public struct Parameterized: Sendable, Equatable {
        public let template: String
        private let form: Form
        private enum Form: Sendable {
            /// `ESC [`, the parameters (1-based when `%i`) separated by `;`, then `final`.
            case csi(count: Int, oneBased: Bool, final: UInt8)
            case terminfo
        }

        public init(_ template: String) {
            self.template = template
            form = Parameterized.recognise(template)
        }

        /// The same capability (the form follows from the template).
        public static func == (a: Parameterized, b: Parameterized) -> Bool { a.template == b.template }

        private static func recognise(_ t: String) -> Form {
            let b = Array(t.utf8)
            guard b.count >= 4, b[0] == 0x1B, b[1] == UInt8(ascii: "["),
                  let final = b.last, (final >= 0x40 && final <= 0x7E) else { return .terminfo }
            let body = String(decoding: b[2..<(b.count - 1)], as: UTF8.self)
            switch body {
            case "%i%p1%d;%p2%d": return .csi(count: 2, oneBased: true, final: final)
            case "%p1%d;%p2%d": return .csi(count: 2, oneBased: false, final: final)
            case "%i%p1%d": return .csi(count: 1, oneBased: true, final: final)
            case "%p1%d": return .csi(count: 1, oneBased: false, final: final)
            default: return .terminfo
            }
        }

        /// Appends the sequence for `a` (and `b`) to `out`.
        public func append(to out: inout [UInt8], _ a: Int, _ b: Int = 0) {
            switch form {
            case .csi(let count, let oneBased, let final):
                out.append(0x1B); out.append(UInt8(ascii: "["))
                appendDecimal(&out, oneBased ? a + 1 : a)
                if count == 2 {
                    out.append(UInt8(ascii: ";"))
                    appendDecimal(&out, oneBased ? b + 1 : b)
                }
                out.append(final)
            case .terminfo:
                let r = template.withCString { mlsd_tiparm2($0, Int32(clamping: a), Int32(clamping: b)) }
                if let r { out.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(r).assumingMemoryBound(to: UInt8.self), count: strlen(r))) }
            }
        }

        /// The sequence for `a` (and `b`).
        public func bytes(_ a: Int, _ b: Int = 0) -> [UInt8] {
            var out: [UInt8] = []
            append(to: &out, a, b)
            return out
        }
    }
}

/// A capability without its padding (`$<5>`, `$<100/>`): delays for hardware terminals that
/// terminfo's own output routine would turn into waits, and that would show as text here.
func withoutPadding(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    // Most capabilities have no padding at all: copied whole.
    guard let base = b.baseAddress, memchr(base, Int32(UInt8(ascii: "$")), b.count) != nil else { return Array(b) }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    while i < b.count {
        if b[i] == UInt8(ascii: "$"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "<") {
            var j = i + 2
            while j < b.count, b[j] != UInt8(ascii: ">"),
                  (b[j] >= 0x30 && b[j] <= 0x39) || b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: "*") || b[j] == UInt8(ascii: "/") { j += 1 }
            if j < b.count, b[j] == UInt8(ascii: ">"), j > i + 2 { i = j + 1; continue }
        }
        out.append(b[i])
        i += 1
    }
    return out
}

@inline(__always)
func appendDecimal(_ out: inout [UInt8], _ value: Int) {
    var v = value
    if v < 0 { out.append(UInt8(ascii: "-")); v = -v }
    if v < 10 { out.append(UInt8(48 + v)); return }
    if v < 100 { out.append(UInt8(48 + v / 10)); out.append(UInt8(48 + v % 10)); return }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
        while v > 0 { d[n] = UInt8(48 + v % 10); v /= 10; n += 1 }
        while n > 0 { n -= 1; out.append(d[n]) }
    }
}
