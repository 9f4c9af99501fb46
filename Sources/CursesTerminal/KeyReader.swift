import TerminalKit

/// Reads keys from a source of raw keys: Alt and escape-sequence lookahead, paste coalescing,
/// and a one-key pushback. Holds no ncurses state, so tests can script the source.
public struct KeyReader: Sendable {
    /// How long to wait after ESC for the rest of a sequence.
    public var escapeTimeoutMs = 25
    /// The most characters one `.text` may carry; the rest follows in the next call.
    public var maxPaste = 4096
    private var pushback: RawKey?
    /// The last read ended by finding no more input waiting (see `takeDrained`).
    private var drained = false

    public init() {}

    /// Whether the last read ended by finding the input empty; clears the flag. A caller about
    /// to ask for "a key already waiting" can skip asking.
    public mutating func takeDrained() -> Bool {
        defer { drained = false }
        return drained && pushback == nil
    }

    /// A key read from `next`, which waits up to the given milliseconds for a raw key
    /// (0: only one that is already there; negative: forever) and returns nil when none came.
    public mutating func read(timeoutMs: Int, next: (Int) -> RawKey?) -> Key? {
        drained = false
        let raw: RawKey
        if let p = pushback {
            pushback = nil
            raw = p
        } else {
            guard let r = next(timeoutMs) else { return nil }
            raw = r
        }
        switch raw {
        case .char(27):
            return escape(next)
        case .char(let v) where KeyDecoder.isPrintable(v):
            return paste(first: v, next)
        default:
            return KeyDecoder.decode(raw)
        }
    }

    /// Drains printable characters that are already waiting, so that a paste costs one frame.
    private mutating func paste(first: UInt32, _ next: (Int) -> RawKey?) -> Key? {
        var scalars = String.UnicodeScalarView()
        scalars.append(Unicode.Scalar(first)!)
        var count = 1
        while count < maxPaste, let r = next(0) {
            if case .char(let v) = r, KeyDecoder.isPrintable(v), let s = Unicode.Scalar(v) {
                scalars.append(s)
                count += 1
            } else {
                pushback = r
                break
            }
        }
        drained = pushback == nil && count < maxPaste
        let text = String(scalars)
        if text.count == 1 { return .char(text.first!) }
        return .text(text)
    }

    private mutating func escape(_ next: (Int) -> RawKey?) -> Key? {
        guard let n = next(escapeTimeoutMs) else { return .escape }
        switch n {
        case .char(0x5B):   // [
            return csi(next)
        case .char(0x4F):   // O
            guard let f = next(escapeTimeoutMs) else { return .alt("O") }
            if case .char(let v) = f, let k = KeyDecoder.ss3(final: v) { return k }
            pushback = f
            return .alt("O")
        case .char(27):
            pushback = n
            return .escape
        case .char(let v) where KeyDecoder.isPrintable(v):
            return .alt(Character(Unicode.Scalar(v)!))
        case .char(127), .char(8):
            return .altBackspace
        default:
            // Alt with a control or special key: the key alone beats losing it.
            return KeyDecoder.decode(n)
        }
    }

    private mutating func csi(_ next: (Int) -> RawKey?) -> Key? {
        guard var r = next(escapeTimeoutMs) else { return .alt("[") }
        var parameters = String.UnicodeScalarView()
        for _ in 0..<32 {
            guard case .char(let v) = r else { pushback = r; return nil }
            if v >= 0x20 && v <= 0x3F {
                parameters.append(Unicode.Scalar(v)!)
            } else if v == 0x4D && parameters.isEmpty {
                // ESC [ M and three bytes: a mouse report in the oldest form (no SGR mode).
                var b: [UInt32] = []
                while b.count < 3, case .char(let c)? = next(escapeTimeoutMs) { b.append(c) }
                return b.count == 3 ? KeyDecoder.x10Mouse(b[0], b[1], b[2]) : nil
            } else if v >= 0x40 && v <= 0x7E {
                if parameters.first == "<" { return KeyDecoder.sgrMouse(parameters: String(parameters), final: v) }
                return KeyDecoder.csi(parameters: String(parameters), final: v)
            } else {
                pushback = r
                return nil
            }
            guard let n = next(escapeTimeoutMs) else { return nil }
            r = n
        }
        return nil
    }
}
