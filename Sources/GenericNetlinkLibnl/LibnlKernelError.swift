import CLibnlGenl
import Netlink

/// Reads the error an `NLMSG_ERROR` or `NLMSG_DONE` carries, with its extended ACK.
///
/// libnl 3.7 hands its error callback the `struct nlmsgerr` and does not look at the
/// `NLMSGERR_ATTR_*` attributes after it, so this reads them with libnl's own
/// attribute parser and builds the same `NetlinkError` the raw backend throws:
///
///     NLMSG_ERROR: struct nlmsgerr { int error; struct nlmsghdr msg; };
///                  then the rest of the request unless NLM_F_CAPPED,
///                  then the attributes when NLM_F_ACK_TLVS.
///     NLMSG_DONE:  int error; then the attributes when NLM_F_ACK_TLVS.
enum LibnlKernelError {
    /// `NLMSG_HDRLEN`.
    static let headerLength = MemoryLayout<nlmsghdr>.size
    /// `sizeof(struct nlmsgerr)`.
    static let errorLength = MemoryLayout<nlmsgerr>.size

    /// `#define NLMSG_ALIGN(len) ( ((len)+NLMSG_ALIGNTO-1) & ~(NLMSG_ALIGNTO-1) )`
    static func aligned(_ length: Int) -> Int {
        (length + 3) & ~3
    }

    /// How libnl validates each extended-ACK attribute before it is read: the message a
    /// NUL-terminated string, the others exactly a u32.
    static let policy: [nla_policy] = {
        var policy = [nla_policy](
            repeating: nla_policy(), count: Int(NLMSGERR_ATTR_MAX.rawValue) + 1)
        let u32 = nla_policy(type: UInt16(NLA_U32), minlen: 4, maxlen: 4)
        policy[Int(NLMSGERR_ATTR_MSG.rawValue)] = nla_policy(
            type: UInt16(NLA_STRING), minlen: 0, maxlen: 0)
        policy[Int(NLMSGERR_ATTR_OFFS.rawValue)] = u32
        policy[Int(NLMSGERR_ATTR_MISS_TYPE.rawValue)] = u32
        policy[Int(NLMSGERR_ATTR_MISS_NEST.rawValue)] = u32
        return policy
    }()

    /// The error in `message` (one whole netlink message, header first): nil when it is
    /// an acknowledgement (error 0) or a successful `NLMSG_DONE`.
    static func parse(_ message: UnsafeRawBufferPointer) throws(MalformedMessageError)
        -> NetlinkError?
    {
        guard message.count >= headerLength, let base = message.baseAddress else {
            throw MalformedMessageError(
                "\(message.count) bytes are too few for a message header")
        }
        let header = message.loadUnaligned(as: nlmsghdr.self)
        let length = Int(header.nlmsg_len)
        guard length >= headerLength, length <= message.count else {
            throw MalformedMessageError(
                "message length \(length) does not fit its \(message.count) bytes")
        }
        let flags = CInt(header.nlmsg_flags)
        let code: Int32
        var attributesOffset: Int
        switch CInt(header.nlmsg_type) {
        case NLMSG_ERROR:
            guard length >= headerLength + errorLength else {
                throw MalformedMessageError(
                    "NLMSG_ERROR payload of \(length - headerLength) bytes is shorter "
                        + "than struct nlmsgerr")
            }
            code = message.loadUnaligned(fromByteOffset: headerLength, as: Int32.self)
            if code == 0 { return nil }
            if flags & NLM_F_CAPPED != 0 {
                attributesOffset = headerLength + errorLength
            } else {
                // The whole request was copied back in front of the attributes.
                let requestLength = message.loadUnaligned(
                    fromByteOffset: headerLength + MemoryLayout<Int32>.size, as: UInt32.self)
                attributesOffset =
                    headerLength + MemoryLayout<Int32>.size + aligned(Int(requestLength))
            }
        case NLMSG_DONE:
            // Some protocols end dumps with an empty NLMSG_DONE.
            if length == headerLength { return nil }
            guard length >= headerLength + MemoryLayout<Int32>.size else {
                throw MalformedMessageError(
                    "NLMSG_DONE payload of \(length - headerLength) bytes is shorter "
                        + "than its int error")
            }
            code = message.loadUnaligned(fromByteOffset: headerLength, as: Int32.self)
            if code == 0 { return nil }
            attributesOffset = headerLength + MemoryLayout<Int32>.size
        default:
            throw MalformedMessageError(
                "message type \(header.nlmsg_type) is neither NLMSG_ERROR nor NLMSG_DONE")
        }
        // The kernel sends -errno; anything else is garbage (and -Int32.min would trap).
        guard code < 0, code != Int32.min else {
            throw MalformedMessageError("error code \(code) is not a negated errno")
        }
        var error = NetlinkError(errno: Errno(rawValue: -code), sequence: header.nlmsg_seq)
        guard flags & NLM_F_ACK_TLVS != 0 else { return error }
        guard attributesOffset <= length else {
            throw MalformedMessageError(
                "NLMSG_ERROR claims a longer request than its \(length) bytes hold")
        }
        // nla_parse only reads; it takes a mutable pointer for historical reasons.
        let attributes = UnsafeMutableRawPointer(mutating: base + attributesOffset)
            .assumingMemoryBound(to: nlattr.self)
        try withUnsafeTemporaryAllocation(
            of: UnsafeMutablePointer<nlattr>?.self, capacity: policy.count
        ) { (table) throws(MalformedMessageError) in
            let result = nla_parse(
                table.baseAddress, CInt(NLMSGERR_ATTR_MAX.rawValue), attributes,
                CInt(length - attributesOffset), policy)
            guard result == 0 else {
                throw MalformedMessageError(
                    "extended-ACK attributes: \(String(cString: nl_geterror(result)))",
                    offset: attributesOffset)
            }
            // nla_parse stops quietly at an attribute that runs past the end.
            var remaining = CInt(length - attributesOffset)
            var attribute = attributes
            while nla_ok(attribute, remaining) != 0 {
                attribute = nla_next(attribute, &remaining)
            }
            guard remaining <= 0 else {
                throw MalformedMessageError(
                    "extended-ACK attributes: \(remaining) bytes after the last one",
                    offset: length - Int(remaining))
            }
            if let text = table[Int(NLMSGERR_ATTR_MSG.rawValue)] {
                guard let string = String(validatingCString: nla_get_string(text)) else {
                    throw MalformedMessageError("extended-ACK message is not valid UTF-8")
                }
                error.message = string
            }
            if let offset = table[Int(NLMSGERR_ATTR_OFFS.rawValue)] {
                error.offendingAttributeOffset = nla_get_u32(offset)
            }
            if let missing = table[Int(NLMSGERR_ATTR_MISS_TYPE.rawValue)] {
                // A u32 on the wire holding an attribute type, which is 16 bits.
                error.missingAttribute = NetlinkError.MissingAttribute(
                    type: UInt16(truncatingIfNeeded: nla_get_u32(missing)),
                    nestOffset: table[Int(NLMSGERR_ATTR_MISS_NEST.rawValue)].map { nla_get_u32($0) }
                )
            }
        }
        return error
    }
}
