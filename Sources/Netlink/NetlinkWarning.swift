import CNetlink

/// A warning the kernel attached to a request that succeeded: an extended-ACK message
/// (`NLMSGERR_ATTR_MSG`) on an acknowledgement whose error is 0, or on the `NLMSG_DONE`
/// that ends a dump. The request's answer is what it is; the warning says something
/// about it (iproute2 prints these as "Warning: …"). A connection hands them to its
/// `warningHandler`.
public struct NetlinkWarning: Hashable, Sendable, CustomStringConvertible {
    /// The kernel's text.
    public var message: String
    /// The sequence number of the request it answers.
    public var sequence: UInt32

    public init(message: String, sequence: UInt32) {
        self.message = message
        self.sequence = sequence
    }

    public var description: String { message }

    /// The warning of an `NLMSG_ERROR` that acknowledges (error 0); nil when it carries
    /// none, or is an error (`NetlinkError(errorMessage:)` reads those).
    public init?(acknowledgement message: NetlinkMessage) throws(MalformedMessageError) {
        guard message.header.flags.contains(.acknowledgementAttributes) else { return nil }
        guard let code = message.payload.loadInteger(Int32.self, at: 0),
            let request = NetlinkMessageHeader(decoding: message.payload.dropFirst(4))
        else {
            throw MalformedMessageError(
                "NLMSG_ERROR payload of \(message.payload.count) bytes is shorter than struct nlmsgerr")
        }
        guard code == 0 else { return nil }
        let offset = try NetlinkError.attributesOffset(in: message, request: request)
        try self.init(attributes: message.payload.dropFirst(offset), sequence: message.header.sequence)
    }

    /// The warning of an `NLMSG_DONE` that ends a dump that succeeded (error 0); nil when
    /// it carries none, or ends a dump that failed.
    public init?(doneMessage message: NetlinkMessage) throws(MalformedMessageError) {
        guard message.header.flags.contains(.acknowledgementAttributes) else { return nil }
        guard let code = message.payload.loadInteger(Int32.self, at: 0) else {
            throw MalformedMessageError(
                "NLMSG_DONE payload of \(message.payload.count) bytes is shorter than its int error")
        }
        guard code == 0 else { return nil }
        try self.init(attributes: message.payload.dropFirst(4), sequence: message.header.sequence)
    }

    private init?(attributes: ArraySlice<UInt8>, sequence: UInt32) throws(MalformedMessageError) {
        var fields = NetlinkError(errno: Errno(rawValue: 0), sequence: sequence)
        try fields.readAttributes(attributes)
        guard let message = fields.message else { return nil }
        self.init(message: message, sequence: sequence)
    }
}
