import Netlink

/// Netlink messages written byte by byte, the way the kernel lays them out (host byte
/// order, 4-byte alignment), to feed the parsers exactly what a test needs, malformed
/// ones included.
public enum Crafted {
    public static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    public static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
    }

    /// A `struct nlmsghdr` with `nlmsg_len` = 16 + `payloadLength`.
    public static func header(
        type: UInt16, flags: NetlinkMessageFlags = [], sequence: UInt32 = 7, portID: UInt32 = 0,
        payloadLength: Int
    ) -> [UInt8] {
        bytes(UInt32(16 + payloadLength)) + bytes(type) + bytes(flags.rawValue)
            + bytes(sequence) + bytes(portID)
    }

    /// A whole message: header, then `payload`.
    public static func message(
        type: UInt16, flags: NetlinkMessageFlags = [], sequence: UInt32 = 7, portID: UInt32 = 0,
        payload: [UInt8]
    ) -> [UInt8] {
        header(
            type: type, flags: flags, sequence: sequence, portID: portID,
            payloadLength: payload.count) + payload
    }

    /// A generic netlink reply from the family with id 0x20: `nlmsghdr`, `genlmsghdr`
    /// (`command`, version 1), then `attributes`.
    public static func reply(command: UInt8, _ attributes: [UInt8]) -> [UInt8] {
        message(type: 0x20, flags: [.multipart], payload: [command, 1, 0, 0] + attributes)
    }

    /// A padded attribute.
    public static func attribute(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        padded(bytes(UInt16(4 + payload.count)) + bytes(type) + payload)
    }

    public static func attribute(_ type: UInt16, string: String) -> [UInt8] {
        attribute(type, Array(string.utf8) + [0])
    }

    public static func attribute(_ type: UInt16, _ value: UInt32) -> [UInt8] {
        attribute(type, bytes(value))
    }

    /// Hands `body` a mutable copy of `message` as the C header type libnl takes
    /// (`nlmsghdr`), the way libnl hands a received message to its callbacks.
    public static func withHeader<Header, Result>(
        _ message: [UInt8], as type: Header.Type,
        _ body: (UnsafeMutablePointer<Header>) throws -> Result
    ) rethrows -> Result {
        var message = message
        return try message.withUnsafeMutableBytes {
            try body($0.baseAddress!.assumingMemoryBound(to: Header.self))
        }
    }
}
