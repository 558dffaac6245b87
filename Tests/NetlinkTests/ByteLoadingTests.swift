import Testing

@testable import Netlink

/// The in-place byte helpers (words up to 16 bytes, `memchr`/`memcpy` beyond) against the
/// plain operations: every length to 40.
@Suite struct ByteLoadingTests {
    /// Bytes that make the word trick's borrows and high bits show: 0x01 and 0x80 before
    /// and after a NUL, 0xFF elsewhere, and later NULs that must not be found.
    static func bytes(count: Int, nulAt nul: Int?) -> [UInt8] {
        (0..<count).map { index in
            guard let nul else { return index % 2 == 0 ? 0x80 : 0xFF }
            if index == nul { return 0 }
            if index == nul + 1 { return 0x01 }
            if index > nul, index % 3 == 0 { return 0 }
            return [0x01, 0x80, 0xFF, 0x7F][index % 4]
        }
    }

    @Test(arguments: 0...40)
    func theFirstNulIsFoundWherePlainSearchFindsIt(count: Int) {
        for nul in [nil] + (0..<count).map(Optional.some) {
            let bytes = Self.bytes(count: count, nulAt: nul)
            #expect(bytes.withUnsafeBytes { $0.firstNulOffsetInPlace() } == bytes.firstIndex(of: 0), "\(bytes)")
        }
    }

    /// The span's search looks only within its bounds: NULs just before and after them
    /// (and a start that is not word-aligned) must not be found.
    @Test(arguments: 0...40)
    func aSpansFirstNulIsFoundWithinItsBoundsOnly(count: Int) {
        for nul in [nil] + (0..<count).map(Optional.some) {
            let inner = Self.bytes(count: count, nulAt: nul)
            let bytes = [0, 0, 0] + inner + [0, 0]
            let bounds = 3..<(3 + count)
            let found = bytes.span.bytes.firstNulOffset(in: bounds)
            #expect(found == inner.firstIndex(of: 0).map { $0 + 3 }, "\(inner)")
            let text = NetlinkAttributeHeader.textRange(ofPayload: bounds, in: bytes.span.bytes)
            #expect(text == 3..<(3 + (inner.firstIndex(of: 0) ?? count)), "\(inner)")
        }
    }

    @Test(arguments: 0...40)
    func aCopyInPlaceWritesTheBytesAndNothingAround(count: Int) {
        let source = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
        var target = [UInt8](repeating: 0xAA, count: count + 8)
        target.withUnsafeMutableBytes { to in
            source.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: to[4..<(4 + count)]).copyMemoryInPlace(from: $0) }
        }
        #expect(Array(target[4..<(4 + count)]) == source)
        #expect(target[..<4].allSatisfy { $0 == 0xAA } && target[(4 + count)...].allSatisfy { $0 == 0xAA })
    }
}
