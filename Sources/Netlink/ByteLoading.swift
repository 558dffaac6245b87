#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension ArraySlice<UInt8> {
    /// The host-order integer at `offset` bytes from the start of the slice, or nil when
    /// the slice is too short. Netlink headers and attributes are in host byte order.
    @inlinable @inline(__always)
    func loadInteger<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T? {
        guard offset >= 0, offset <= count - MemoryLayout<T>.size else { return nil }
        return withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }
}

extension UnsafeRawBufferPointer {
    /// The offset of the first NUL byte, or nil when there is none. `memchr` (vectorised)
    /// rather than a generic `firstIndex(of:)`, which compares one byte at a time.
    @inlinable @inline(__always)
    func firstNulOffset() -> Int? {
        guard let base = baseAddress, let nul = memchr(base, 0, count) else { return nil }
        return base.distance(to: UnsafeRawPointer(nul))
    }

    /// `firstNulOffset()` with up to 16 bytes (names: families', groups', interfaces')
    /// searched a word at a time in place, where `memchr`'s call and set-up cost more than
    /// the search. For a hot path whose caller is a function of its own (the encoder's
    /// string attribute): inlined into a closure, its size got that closure outlined, which
    /// cost more than `memchr`.
    @inlinable @inline(__always)
    func firstNulOffsetInPlace() -> Int? {
        guard let base = baseAddress, count <= 16 else { return firstNulOffset() }
        // Two words that may overlap, both within the bytes: bytes the first word showed
        // not to be NUL are not found again by the second.
        if count >= 8 {
            if let nul = Self.firstZeroByte(base.loadUnaligned(as: UInt64.self)) { return nul }
            let last = count &- 8
            return Self.firstZeroByte(base.loadUnaligned(fromByteOffset: last, as: UInt64.self)).map { last &+ $0 }
        }
        if count >= 4 {
            if let nul = Self.firstZeroByte(base.loadUnaligned(as: UInt32.self)) { return nul }
            let last = count &- 4
            return Self.firstZeroByte(base.loadUnaligned(fromByteOffset: last, as: UInt32.self)).map { last &+ $0 }
        }
        for offset in 0..<count where base.load(fromByteOffset: offset, as: UInt8.self) == 0 {
            return offset
        }
        return nil
    }

    /// The offset in memory of the first zero byte of `word` as loaded, or nil. The lowest
    /// byte the bit trick flags is exact (a borrow can flag only bytes above a zero one).
    @inlinable @inline(__always)
    static func firstZeroByte<Word: FixedWidthInteger & UnsignedInteger>(_ word: Word) -> Int? {
        let word = Word(littleEndian: word)  // the first byte in memory lowest
        let ones = Word.max / 0xFF  // 0x0101…01
        let flagged = (word &- ones) & ~word & (ones &* 0x80)
        return flagged == 0 ? nil : flagged.trailingZeroBitCount &>> 3
    }
}

extension UnsafeMutableRawBufferPointer {
    /// `copyMemory(from:)`, with up to 16 bytes copied in place as two words that may
    /// overlap (a `memcpy` call cost more than the copy of a name's few bytes).
    @inlinable @inline(__always)
    func copyMemoryInPlace(from source: UnsafeRawBufferPointer) {
        let count = source.count
        guard count <= 16, count <= self.count, let from = source.baseAddress, let to = baseAddress else {
            return copyMemory(from: source)
        }
        if count >= 8 {
            let (first, last) = (from.loadUnaligned(as: UInt64.self), from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
            to.storeBytes(of: first, as: UInt64.self)
            to.storeBytes(of: last, toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            let (first, last) = (from.loadUnaligned(as: UInt32.self), from.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            to.storeBytes(of: first, as: UInt32.self)
            to.storeBytes(of: last, toByteOffset: count &- 4, as: UInt32.self)
        } else {
            for offset in 0..<count {
                to.storeBytes(of: from.load(fromByteOffset: offset, as: UInt8.self), toByteOffset: offset, as: UInt8.self)
            }
        }
    }
}

extension RawSpan {
    /// The offset of the first NUL byte in `bounds` (which must lie within the span), or
    /// nil when there is none: `firstNulOffset()`'s `memchr`, which LLVM knows to have no
    /// side effects, so a search whose result nobody reads is dropped (bounds are not
    /// checked again: nothing here can trap). A call keeps the decoders that inline this
    /// small; their closures stay inlined.
    @inlinable @inline(__always)
    func firstNulOffset(in bounds: Range<Int>) -> Int? {
        withUnsafeBytes { bytes in
            UnsafeRawBufferPointer(
                start: bytes.baseAddress.map { $0 + bounds.lowerBound },
                count: bounds.upperBound &- bounds.lowerBound
            ).firstNulOffset().map { bounds.lowerBound &+ $0 }
        }
    }
}
