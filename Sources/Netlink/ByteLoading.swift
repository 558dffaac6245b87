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
    /// nil when there is none, searched a word at a time in place: no call, so a
    /// decoder's attribute walk that measures a string keeps its offsets in registers
    /// (around a `memchr` call they were spilled to the stack for every attribute), and
    /// nothing that can trap, so a measure nobody reads is optimised away. Netlink strings
    /// are short (names); `memchr` wins only on long ones.
    @inlinable @inline(__always)
    func firstNulOffsetInPlace(in bounds: Range<Int>) -> Int? {
        let start = bounds.lowerBound
        let end = bounds.upperBound
        if end &- start >= 8 {
            var offset = start
            while offset &+ 8 <= end {
                let word = unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: UInt64.self)
                if let nul = UnsafeRawBufferPointer.firstZeroByte(word) { return offset &+ nul }
                offset &+= 8
            }
            guard offset < end else { return nil }
            // The last word overlaps bytes already found not to be NUL.
            let last = end &- 8
            let word = unsafeLoadUnaligned(fromUncheckedByteOffset: last, as: UInt64.self)
            return UnsafeRawBufferPointer.firstZeroByte(word).map { last &+ $0 }
        }
        if end &- start >= 4 {
            let first = unsafeLoadUnaligned(fromUncheckedByteOffset: start, as: UInt32.self)
            if let nul = UnsafeRawBufferPointer.firstZeroByte(first) { return start &+ nul }
            let last = end &- 4
            let word = unsafeLoadUnaligned(fromUncheckedByteOffset: last, as: UInt32.self)
            return UnsafeRawBufferPointer.firstZeroByte(word).map { last &+ $0 }
        }
        var offset = start
        while offset < end {
            if unsafeLoad(fromUncheckedByteOffset: offset, as: UInt8.self) == 0 { return offset }
            offset &+= 1
        }
        return nil
    }
}
