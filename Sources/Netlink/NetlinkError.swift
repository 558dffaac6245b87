/// The kernel refused a request: an `NLMSG_ERROR` (or an `NLMSG_DONE` that ends a failed
/// dump) with a non-zero error, together with what the extended ACK said about it.
///
/// Every backend throws this one type for kernel errors, so callers match on `errno`
/// and show `message` without caring how the request travelled.
public struct NetlinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A required attribute the kernel found missing (`NLMSGERR_ATTR_MISS_TYPE`/`_MISS_NEST`).
    public struct MissingAttribute: Hashable, Sendable {
        /// The attribute type that was required.
        public var type: UInt16
        /// Byte offset, in the request, of the nest it was missing from; nil at top level.
        public var nestOffset: UInt32?

        public init(type: UInt16, nestOffset: UInt32? = nil) {
            self.type = type
            self.nestOffset = nestOffset
        }
    }

    /// The error number (positive), e.g. `EINVAL`.
    public var errno: Errno
    /// The extended-ACK message (`NLMSGERR_ATTR_MSG`), when the kernel gave one.
    public var message: String?
    /// Byte offset of the offending attribute from the start of the request's
    /// `nlmsghdr` (`NLMSGERR_ATTR_OFFS`).
    public var offendingAttributeOffset: UInt32?
    /// The required attribute that was missing, when the kernel named one.
    public var missingAttribute: MissingAttribute?
    /// Sequence number of the request that failed.
    public var sequence: UInt32
    /// The operation that failed, by its spec name (`echo-msg`), when the client knows it.
    public var operation: String?
    /// The attribute `offendingAttributeOffset` points at, by its spec names from the top
    /// of the request (`.header.dev-index`), when the client knows the family's schema.
    public var offendingAttribute: String?
    /// The missing attribute by its spec names (`.ifindex`), likewise.
    public var missingAttributeName: String?

    public init(
        errno: Errno,
        message: String? = nil,
        offendingAttributeOffset: UInt32? = nil,
        missingAttribute: MissingAttribute? = nil,
        sequence: UInt32 = 0,
        operation: String? = nil,
        offendingAttribute: String? = nil,
        missingAttributeName: String? = nil
    ) {
        self.errno = errno
        self.message = message
        self.offendingAttributeOffset = offendingAttributeOffset
        self.missingAttribute = missingAttribute
        self.sequence = sequence
        self.operation = operation
        self.offendingAttribute = offendingAttribute
        self.missingAttributeName = missingAttributeName
    }

    /// "EINVAL (22): <extended-ACK message>", or the C library's text when the kernel
    /// sent no message; then what the kernel said about attributes, by name when the
    /// client knows them (`(bad attribute: .msg)`, as the kernel's YNL library writes
    /// it), else by offset; the operation first when it is known.
    public var description: String {
        var text = operation.map { "\($0): " } ?? ""
        text += "\(errno): \(message ?? errno.explanation)"
        if let offendingAttribute {
            text += " (bad attribute: \(offendingAttribute))"
        } else if let offset = offendingAttributeOffset {
            text += " (offending attribute at byte \(offset))"
        }
        if let missingAttributeName {
            text += " (missing attribute: \(missingAttributeName))"
        } else if let missing = missingAttribute {
            text += " (missing attribute \(missing.type)"
            if let nest = missing.nestOffset {
                text += " in the nest at byte \(nest)"
            }
            text += ")"
        }
        return text
    }
}
