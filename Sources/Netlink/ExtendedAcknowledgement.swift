import CNetlink

extension NetlinkError {
    /// Decodes an `NLMSG_ERROR` message: nil when it is an acknowledgement (error 0),
    /// otherwise the error with its extended-ACK attributes.
    ///
    ///     struct nlmsgerr { int error; struct nlmsghdr msg; };
    ///     // followed by the request's payload unless NLM_F_CAPPED,
    ///     // then the NLMSGERR_ATTR_* attributes when NLM_F_ACK_TLVS.
    public init?(errorMessage message: NetlinkMessage) throws(MalformedMessageError) {
        let payload = message.payload
        guard let code = payload.loadInteger(Int32.self, at: 0),
            let request = NetlinkMessageHeader(decoding: payload.dropFirst(4))
        else {
            throw MalformedMessageError(
                "NLMSG_ERROR payload of \(payload.count) bytes is shorter than struct nlmsgerr")
        }
        guard code != 0 else { return nil }
        let errno = try Self.errno(fromNegated: code)
        let attributesOffset = try Self.attributesOffset(in: message, request: request)
        self.init(errno: errno, sequence: message.header.sequence)
        if message.header.flags.contains(.acknowledgementAttributes) {
            try readAttributes(payload.dropFirst(attributesOffset))
        }
    }

    /// Where an `NLMSG_ERROR`'s extended-ACK attributes start: after the copy of the
    /// request's header (`NLM_F_CAPPED`) or of the whole request.
    static func attributesOffset(
        in message: NetlinkMessage, request: NetlinkMessageHeader
    ) throws(MalformedMessageError) -> Int {
        var attributesOffset = 4 + messageHeaderLength
        if !message.header.flags.contains(.capped) {
            // The whole request was copied back; its attributes are not ours to read.
            guard Int(request.length) >= messageHeaderLength else {
                throw MalformedMessageError(
                    "NLMSG_ERROR copies back a request of \(request.length) bytes, "
                        + "shorter than its header")
            }
            attributesOffset = 4 + netlinkAligned(Int(request.length))
        }
        if message.header.flags.contains(.acknowledgementAttributes) {
            guard attributesOffset <= message.payload.count else {
                throw MalformedMessageError(
                    "NLMSG_ERROR claims a \(request.length)-byte request but has "
                        + "\(message.payload.count) bytes")
            }
        }
        return attributesOffset
    }

    /// Decodes an `NLMSG_DONE` message: nil when the dump succeeded, otherwise the error
    /// that ended it (an `int` error, then extended-ACK attributes when `NLM_F_ACK_TLVS`).
    public init?(doneMessage message: NetlinkMessage) throws(MalformedMessageError) {
        let payload = message.payload
        // Some protocols end dumps with an empty NLMSG_DONE.
        if payload.isEmpty { return nil }
        guard let code = payload.loadInteger(Int32.self, at: 0) else {
            throw MalformedMessageError(
                "NLMSG_DONE payload of \(payload.count) bytes is shorter than its int error")
        }
        guard code != 0 else { return nil }
        self.init(errno: try Self.errno(fromNegated: code), sequence: message.header.sequence)
        if message.header.flags.contains(.acknowledgementAttributes) {
            try readAttributes(payload.dropFirst(4))
        }
    }

    /// The kernel sends `-errno`; anything else is garbage (and -Int32.min would trap).
    private static func errno(fromNegated code: Int32) throws(MalformedMessageError) -> Errno {
        guard code < 0, code != Int32.min else {
            throw MalformedMessageError("error code \(code) is not a negated errno")
        }
        return Errno(rawValue: -code)
    }

    mutating func readAttributes(_ bytes: ArraySlice<UInt8>)
        throws(MalformedMessageError)
    {
        var attributes = AttributeDecoder(bytes)
        var missingType: UInt16?
        var missingNest: UInt32?
        while let attribute = attributes.next() {
            switch UInt32(attribute.type) {
            case NLMSGERR_ATTR_MSG.rawValue:
                message = try attribute.string()
            case NLMSGERR_ATTR_OFFS.rawValue:
                offendingAttributeOffset = try attribute.uint32()
            case NLMSGERR_ATTR_MISS_TYPE.rawValue:
                // A u32 on the wire holding an attribute type, which is 16 bits.
                missingType = UInt16(truncatingIfNeeded: try attribute.uint32())
            case NLMSGERR_ATTR_MISS_NEST.rawValue:
                missingNest = try attribute.uint32()
            default:
                break  // cookie, policy: not surfaced
            }
        }
        try attributes.finish()
        if let missingType {
            missingAttribute = MissingAttribute(type: missingType, nestOffset: missingNest)
        }
    }
}
