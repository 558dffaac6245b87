import Netlink
import NetlinkSpec

/// How an integer lies in an attribute's payload or a struct: its width (or `uint`/`sint`'s
/// 4-or-8), its signedness and its byte order. Reads and writes go through it so that
/// attributes, struct members and array elements agree.
struct IntegerFormat: Hashable, Sendable {
    /// 1, 2, 4 or 8; nil for `uint`/`sint` (4 bytes when the value fits, else 8).
    var width: Int?
    var isSigned: Bool
    var isBigEndian: Bool

    init?(_ type: AttributeType, byteOrder: ByteOrder? = nil) {
        guard type.isInteger else { return nil }
        width = type.integerWidth
        isSigned = type.isSigned
        isBigEndian = Self.isBigEndian(byteOrder)
    }

    init?(_ type: ScalarType, byteOrder: ByteOrder? = nil) {
        guard let width = type.integerWidth else { return nil }
        self.width = width
        isSigned = type.isSigned
        isBigEndian = Self.isBigEndian(byteOrder)
    }

    /// `bitfield32`'s halves.
    static let u32 = IntegerFormat(AttributeType.u32)!

    /// Without a `byte-order`, integers are in the host's order.
    static func isBigEndian(_ byteOrder: ByteOrder?) -> Bool {
        byteOrder.map { $0 == .bigEndian } ?? (UInt16(1).bigEndian == 1)
    }

    /// The values the format holds.
    var range: ClosedRange<Int128> {
        let bits = (width ?? 8) * 8
        return isSigned
            ? -(Int128(1) << (bits - 1))...(Int128(1) << (bits - 1)) - 1
            : 0...(Int128(1) << bits) - 1
    }

    /// `u32`, `s64`, `uint` …: for messages.
    var name: String {
        guard let width else { return isSigned ? "sint" : "uint" }
        return (isSigned ? "s" : "u") + "\(width * 8)"
    }

    /// The value in `bytes`, which must be exactly its width (4 or 8 for `uint`/`sint`).
    /// `networkByteOrder`: the attribute carries `NLA_F_NET_BYTEORDER`.
    func read(_ bytes: [UInt8], networkByteOrder: Bool = false) throws(MalformedMessageError) -> Int128 {
        let size = bytes.count
        if let width {
            guard size == width else { throw MalformedMessageError("\(size) bytes, expected \(width) for a \(name)") }
        } else {
            guard size == 4 || size == 8 else { throw MalformedMessageError("\(size) bytes, expected 4 or 8 for a \(name)") }
        }
        let bigEndian = isBigEndian || networkByteOrder
        var unsigned: UInt64 = 0
        for index in 0..<size {
            let byte = UInt64(bytes[bigEndian ? index : size - 1 - index])
            unsigned = unsigned << 8 | byte
        }
        guard isSigned else { return Int128(unsigned) }
        let bits = size * 8
        if bits == 64 { return Int128(Int64(bitPattern: unsigned)) }
        let isNegative = unsigned >> (bits - 1) == 1
        return isNegative ? Int128(unsigned) - (Int128(1) << bits) : Int128(unsigned)
    }

    /// The bytes of `value`, which must be in `range`: `uint`/`sint` take 4 bytes when the
    /// value fits 32 bits (as the kernel's tools send them), else 8.
    func bytes(_ value: Int128) -> [UInt8] {
        precondition(range.contains(value), "\(value) is not a \(name)")
        let size = width ?? ((isSigned ? Int128(Int32.min)...Int128(Int32.max) : 0...Int128(UInt32.max)).contains(value) ? 4 : 8)
        let bits = UInt64(truncatingIfNeeded: value)
        let littleEndian = (0..<size).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }
        return isBigEndian ? littleEndian.reversed() : littleEndian
    }
}
