#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The few text and number helpers the program took from Foundation, which it no longer links
// (see `CaseFileReader`).

extension StringProtocol {
    /// The text without white space (Unicode's, new lines included) at either end.
    public var trimmed: String { trimming { $0.properties.isWhitespace } }

    /// The text without spaces and tabs at either end (new lines are kept).
    public var trimmedSpaces: String {
        trimming { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    func trimming(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let u = String(self).unicodeScalars
        guard let a = u.firstIndex(where: { !drop($0) }) else { return "" }
        let b = u.lastIndex(where: { !drop($0) })!
        return String(u[a...b])
    }
}

extension String {
    /// The last part of a path (after its last `/`).
    public var lastPathPart: String {
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return self }
        return String(self[utf8.index(after: slash)...])
    }
}

/// `x` with `digits` decimals, as printf writes it ("%.1f").
public func decimals(_ x: Double, _ digits: Int) -> String {
    var buf = [CChar](repeating: 0, count: 64)
    _ = buf.withUnsafeMutableBufferPointer { b in
        withVaList([x]) { vsnprintf(b.baseAddress, b.count, "%.\(digits)f", $0) }
    }
    return String(cString: buf)
}
