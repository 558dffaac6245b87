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
}
