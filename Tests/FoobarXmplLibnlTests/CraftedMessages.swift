import Netlink

/// Netlink messages written byte by byte, the way the kernel lays them out (host byte
/// order, 4-byte alignment), to feed the parsers exactly what a test needs.
enum Crafted {
    static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
    }

    /// A `struct nlmsghdr` with `nlmsg_len` = 16 + `payloadLength`.
    static func header(
        type: UInt16, flags: NetlinkMessageFlags = [], sequence: UInt32 = 7, portID: UInt32 = 0,
        payloadLength: Int
    ) -> [UInt8] {
        bytes(UInt32(16 + payloadLength)) + bytes(type) + bytes(flags.rawValue)
            + bytes(sequence) + bytes(portID)
    }

    /// A whole message: header, then `payload`.
    static func message(
        type: UInt16, flags: NetlinkMessageFlags = [], sequence: UInt32 = 7, portID: UInt32 = 0,
        payload: [UInt8]
    ) -> [UInt8] {
        header(
            type: type, flags: flags, sequence: sequence, portID: portID,
            payloadLength: payload.count) + payload
    }

    /// A padded attribute.
    static func attribute(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        padded(bytes(UInt16(4 + payload.count)) + bytes(type) + payload)
    }

    static func attribute(_ type: UInt16, string: String) -> [UInt8] {
        attribute(type, Array(string.utf8) + [0])
    }

    static func attribute(_ type: UInt16, _ value: UInt32) -> [UInt8] {
        attribute(type, bytes(value))
    }

    /// The request the error messages below answer: a generic netlink ECHO_MSG with
    /// MSG "hi" (attribute type 1, like `NLMSGERR_ATTR_MSG`, to catch a parser that
    /// reads the copied request as extended-ACK attributes).
    static let request: [UInt8] = message(
        type: 0x20, flags: [.request, .acknowledge], sequence: 7, portID: 1234,
        payload: [1, 1, 0, 0] + attribute(1, string: "hi"))

    /// An `NLMSG_ERROR` answering `request` with `-errno`: capped (the request's header
    /// only) or not (all of it), then `attributes` with `NLM_F_ACK_TLVS` when non-empty.
    static func error(
        _ code: Int32, capped: Bool = true, attributes: [UInt8] = [], sequence: UInt32 = 7
    ) -> [UInt8] {
        var flags: NetlinkMessageFlags = []
        if capped { flags.insert(.capped) }
        if !attributes.isEmpty { flags.insert(.acknowledgementAttributes) }
        let quoted = capped ? Array(request.prefix(16)) : padded(request)
        return message(
            type: NetlinkMessageType.error, flags: flags, sequence: sequence,
            payload: bytes(code) + quoted + attributes)
    }

    /// An `NLMSG_DONE` ending a dump with `code`, then `attributes`.
    static func done(_ code: Int32, attributes: [UInt8] = []) -> [UInt8] {
        message(
            type: NetlinkMessageType.done,
            flags: attributes.isEmpty ? [.multipart] : [.multipart, .acknowledgementAttributes],
            payload: bytes(code) + attributes)
    }
}
