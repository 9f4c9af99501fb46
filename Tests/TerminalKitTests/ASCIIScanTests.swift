import Testing
import TestSupport
import TextWidth

/// The eight-bytes-at-a-time scans against the plain byte loops, on strings made of the bytes
/// at the edges of each range, at every length and alignment.
@Suite struct ASCIIScanTests {
    static let edgeBytes: [UInt8] = [0x00, 0x09, 0x1F, 0x20, 0x21, 0x41, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]

    @Test func scansAgreeWithByteLoops() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<4000 {
            let n = Int.random(in: 0...40, using: &rng)
            var bytes = (0..<n).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
            // Usually one odd byte, at any place.
            if n > 0 && rng.next() % 4 != 0 { bytes[Int.random(in: 0..<n, using: &rng)] = Self.edgeBytes.randomElement(using: &rng)! }
            let offset = Int.random(in: 0...7, using: &rng)   // not 8-byte aligned
            let padded = [UInt8](repeating: 0x41, count: offset) + bytes
            padded.withUnsafeBytes { raw in
                let p = UnsafeRawBufferPointer(rebasing: raw[offset...])
                #expect(ASCIIScan.isPrintable(p) == bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(bytes)")
                #expect(ASCIIScan.isASCII(p) == bytes.allSatisfy { $0 < 0x80 }, "\(bytes)")
                var other = bytes
                let cut = Int.random(in: 0...n, using: &rng)
                if cut < n { other[cut] ^= 0x01 << UInt8.random(in: 0...7, using: &rng) }
                if rng.next() % 5 == 0 { other = Array(other.prefix(Int.random(in: 0...n, using: &rng))) }
                let expected = zip(bytes, other).prefix { $0 == $1 }.count
                other.withUnsafeBytes { o in #expect(ASCIIScan.commonPrefix(p, o) == expected, "\(bytes) \(other)") }
            }
        }
    }

    @Test func stringsTakeTheSamePath() {
        #expect(ASCIIScan.isPrintable("a plain line of text, longer than eight bytes"))
        #expect(!ASCIIScan.isPrintable("a tab\there"))
        #expect(!ASCIIScan.isPrintable("café au lait, still long"))
        #expect(ASCIIScan.isASCII("a tab\there, and more bytes"))
        #expect(!ASCIIScan.isASCII("漢字 in the middle of a line"))
        #expect(ASCIIScan.isPrintable("abc"[...]))
    }
}
