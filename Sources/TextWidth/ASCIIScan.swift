/// Byte scans on the per-key path (a paragraph of a few kilobytes, on every key), eight bytes
/// at a time instead of one.
public enum ASCIIScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether every byte is printable ASCII (0x20…0x7E). (Inlinable, like the other generic
    /// entry points here: a caller in another module otherwise runs the unspecialised body,
    /// which looks up `utf8`'s type at run time on every call.)
    @inlinable
    public static func isPrintable(_ s: some StringProtocol) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { isPrintable(UnsafeRawBufferPointer($0)) }
            ?? s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Whether every byte is ASCII (below 0x80).
    @inlinable
    public static func isASCII(_ s: some StringProtocol) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { isASCII(UnsafeRawBufferPointer($0)) }
            ?? s.utf8.allSatisfy { $0 < 0x80 }
    }

    public static func isPrintable(_ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        var i = 0
        while i + 8 <= n {
            let x = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let below = (x &- ones &* 0x20) & ~x & highs   // some byte < 0x20
            let above = ((x &+ ones) | x) & highs          // some byte > 0x7E
            if below | above != 0 { return false }
            i += 8
        }
        while i < n {
            if p[i] < 0x20 || p[i] >= 0x7F { return false }
            i += 1
        }
        return true
    }

    public static func isASCII(_ p: UnsafeRawBufferPointer) -> Bool {
        let n = p.count
        var i = 0
        while i + 8 <= n {
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highs != 0 { return false }
            i += 8
        }
        while i < n {
            if p[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// How many leading bytes two byte strings share.
    public static func commonPrefix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let m = min(a.count, b.count)
        var i = 0
        while i + 8 <= m {
            let d = a.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if d != 0 { return i + (UInt64(littleEndian: d).trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < m && a[i] == b[i] { i += 1 }
        return i
    }
}
