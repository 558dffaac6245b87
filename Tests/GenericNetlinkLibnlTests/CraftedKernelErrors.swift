import CraftedMessages
import Netlink

/// The kernel's answers that carry an error, for the error callback's parser.
extension Crafted {
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
