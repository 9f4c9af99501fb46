/// A JSON value as the recording reader sees it: parsed by a small parser with limits, so that a
/// hostile file (deep nesting, huge numbers, invalid UTF-8) gets an error instead of a crash or a hang.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var object: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
    public var number: Double? { if case .number(let n) = self { return n }; return nil }

    /// An integer within ±10^15 (exact in a Double), else nil.
    public var int: Int? {
        guard case .number(let n) = self, n.rounded() == n, abs(n) <= 1e15 else { return nil }
        return Int(n)
    }

    /// The value as compact JSON text (keys sorted, so that equal values give equal text).
    public var text: String {
        var o = ""
        write(into: &o)
        return o
    }

    func write(into o: inout String) {
        switch self {
        case .null: o += "null"
        case .bool(let b): o += b ? "true" : "false"
        case .number(let n): JSONWriter.number(n, into: &o)
        case .string(let s): JSONWriter.string(s, into: &o)
        case .array(let a):
            o += "["
            for (i, v) in a.enumerated() { if i > 0 { o += "," }; v.write(into: &o) }
            o += "]"
        case .object(let m):
            o += "{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { o += "," }
                JSONWriter.string(k, into: &o)
                o += ":"
                m[k]!.write(into: &o)
            }
            o += "}"
        }
    }
}

/// Why a line is not valid JSON, with the byte column where the parser stopped.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int
    public var description: String { "\(message) (column \(column))" }
}

/// Parses one line of JSON with limits on depth, string and number size.
public struct JSONParser {
    /// Deeper nesting than this is refused (the formats need 6 levels).
    public static let maxDepth = 48
    /// Longest number token accepted.
    static let maxNumberLength = 40

    /// Parses `bytes` as exactly one JSON value (whitespace around it allowed).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.i != bytes.count { throw p.error("unexpected text after the value") }
        return v
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        var t = text
        do {
            return try t.withUTF8 { try parse($0) }
        } catch let e as JSONError { throw e } catch { throw JSONError(message: "\(error)", column: 0) }
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        do {
            return try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue in try parse(buf) }
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    func error(_ m: String) -> JSONError { JSONError(message: m, column: i + 1) }

    mutating func skipSpace() {
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } else { break }
        }
    }

    mutating func value(depth: Int) throws(JSONError) -> JSONValue {
        guard i < bytes.count else { throw error("the line ends too early") }
        switch bytes[i] {
        case UInt8(ascii: "["):
            if depth >= Self.maxDepth { throw error("nested more than \(Self.maxDepth) levels deep") }
            i += 1
            var out: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
            while true {
                skipSpace()
                out.append(try value(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw error("an array is not closed") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                throw error("expected , or ] in an array")
            }
        case UInt8(ascii: "{"):
            if depth >= Self.maxDepth { throw error("nested more than \(Self.maxDepth) levels deep") }
            i += 1
            var out: [String: JSONValue] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
                let k = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected : after a key") }
                i += 1
                skipSpace()
                let v = try value(depth: depth + 1)
                if out.updateValue(v, forKey: k) != nil { throw error("the key \"\(SafeText.visible(k))\" appears twice") }
                skipSpace()
                guard i < bytes.count else { throw error("an object is not closed") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                throw error("expected , or } in an object")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            return .number(try number())
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("unexpected text") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw error("unexpected text") }
        i += n
    }

    mutating func number() throws(JSONError) -> Double {
        let start = i
        var integral = true
        var value = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let digitsStart = i
        while i < bytes.count {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                if integral, i - digitsStart < 16 { value = value * 10 + Int(c - 0x30) } else { integral = false }
                i += 1
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                integral = false; i += 1
            } else { break }
            if i - start > Self.maxNumberLength { throw error("a number is too long") }
        }
        if i == digitsStart { throw error("unexpected character") }
        // JSON forbids leading zeros ("01") and a bare sign.
        if bytes[digitsStart] == UInt8(ascii: "0"), i - digitsStart > 1, bytes[digitsStart + 1] >= 0x30, bytes[digitsStart + 1] <= 0x39 {
            throw error("a number has a leading zero")
        }
        if integral { return Double(negative ? -value : value) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard bytes[digitsStart] >= 0x30, bytes[digitsStart] <= 0x39, let d = Double(text), d.isFinite else {
            throw error("not a valid number")
        }
        return d
    }

    mutating func string() throws(JSONError) -> String {
        i += 1  // opening quote
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                guard let s = String(validating: slice, as: UTF8.self) else { throw error("text is not valid UTF-8") }
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("a control character inside a string") }
            i += 1
        }
        var raw: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: raw, as: UTF8.self) else { throw error("text is not valid UTF-8") }
                return s
            }
            if c < 0x20 { throw error("a control character inside a string") }
            if c != UInt8(ascii: "\\") { raw.append(c); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): raw.append(0x22)
            case UInt8(ascii: "\\"): raw.append(0x5C)
            case UInt8(ascii: "/"): raw.append(0x2F)
            case UInt8(ascii: "b"): raw.append(0x08)
            case UInt8(ascii: "f"): raw.append(0x0C)
            case UInt8(ascii: "n"): raw.append(0x0A)
            case UInt8(ascii: "r"): raw.append(0x0D)
            case UInt8(ascii: "t"): raw.append(0x09)
            case UInt8(ascii: "u"):
                var u = try hex4()
                if u >= 0xD800 && u < 0xDC00 {
                    // a surrogate pair
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("a lone surrogate in a \\u escape")
                    }
                    i += 2
                    let lo = try hex4()
                    guard lo >= 0xDC00 && lo < 0xE000 else { throw error("a lone surrogate in a \\u escape") }
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                } else if u >= 0xDC00 && u < 0xE000 {
                    throw error("a lone surrogate in a \\u escape")
                }
                guard let scalar = Unicode.Scalar(u) else { throw error("an invalid \\u escape") }
                raw.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw error("an unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        throw error("a string is not closed")
    }

    mutating func hex4() throws(JSONError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("a short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("a bad hex digit in a \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}

/// Writes JSON text: strings escaped so that the file itself is safe to print to a terminal.
public enum JSONWriter {
    /// Appends `s` as a JSON string. Control characters (C0, DEL, C1) and the Unicode line
    /// separators are written as `\u` escapes, so `cat` of a recording cannot drive a terminal.
    public static func string(_ s: String, into o: inout String) {
        o.append("\"")
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b >= 0x7F { plain = false; break }
        if plain { o.append(s); o.append("\""); return }
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: o.append("\\\"")
            case 0x5C: o.append("\\\\")
            case 0x0A: o.append("\\n")
            case 0x0D: o.append("\\r")
            case 0x09: o.append("\\t")
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                o.append("\\u")
                let h = String(u.value, radix: 16)
                o.append(String(repeating: "0", count: 4 - h.count) + h)
            default: o.unicodeScalars.append(u)
            }
        }
        o.append("\"")
    }

    /// Appends a number: integers without a fraction, others with up to 6 decimals.
    public static func number(_ n: Double, into o: inout String) {
        if n.rounded() == n, abs(n) < 1e15 { o += String(Int(n)); return }
        o += String(n)
    }

    /// Appends seconds with exactly three decimals (milliseconds), without `String(format:)`.
    public static func seconds(_ t: Double, into o: inout String) {
        let ms = Event.milliseconds(t)   // the same rounding the fold uses
        o += String(ms / 1000)
        o += "."
        let f = ms % 1000
        if f < 100 { o += f < 10 ? "00" : "0" }
        o += String(f)
    }
}
