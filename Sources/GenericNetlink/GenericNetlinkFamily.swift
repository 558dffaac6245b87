import CNetlink
import Netlink

/// A generic netlink family as the controller (nlctrl) describes it.
public struct GenericNetlinkFamily: Hashable, Sendable {
    /// One command the family implements.
    public struct Operation: Hashable, Sendable {
        /// The command number (`CTRL_ATTR_OP_ID`).
        public var command: UInt32
        /// `CTRL_ATTR_OP_FLAGS`.
        public var flags: OperationFlags

        public init(command: UInt32, flags: OperationFlags) {
            self.command = command
            self.flags = flags
        }
    }

    /// `GENL_*` flags of an operation.
    public struct OperationFlags: OptionSet, Hashable, Sendable {
        public var rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// `GENL_ADMIN_PERM`: needs `CAP_NET_ADMIN`.
        public static let adminPermission = OperationFlags(rawValue: UInt32(GENL_ADMIN_PERM))
        /// `GENL_CMD_CAP_DO`: has a `doit` handler.
        public static let canDo = OperationFlags(rawValue: UInt32(GENL_CMD_CAP_DO))
        /// `GENL_CMD_CAP_DUMP`: has a `dumpit` handler.
        public static let canDump = OperationFlags(rawValue: UInt32(GENL_CMD_CAP_DUMP))
        /// `GENL_CMD_CAP_HASPOL`: has an attribute policy.
        public static let hasPolicy = OperationFlags(rawValue: UInt32(GENL_CMD_CAP_HASPOL))
        /// `GENL_UNS_ADMIN_PERM`: needs `CAP_NET_ADMIN` in the user namespace.
        public static let namespaceAdminPermission = OperationFlags(
            rawValue: UInt32(GENL_UNS_ADMIN_PERM))
    }

    /// A multicast group the family sends events to.
    public struct MulticastGroup: Hashable, Sendable {
        /// `CTRL_ATTR_MCAST_GRP_NAME`.
        public var name: String
        /// `CTRL_ATTR_MCAST_GRP_ID`: the group to join with `NETLINK_ADD_MEMBERSHIP`.
        public var id: UInt32

        public init(name: String, id: UInt32) {
            self.name = name
            self.id = id
        }
    }

    /// `CTRL_ATTR_FAMILY_NAME`.
    public var name: String
    /// `CTRL_ATTR_FAMILY_ID`: the `nlmsg_type` of the family's messages.
    public var id: UInt16
    /// `CTRL_ATTR_VERSION`.
    public var version: UInt32
    /// `CTRL_ATTR_HDRSIZE`: the family's fixed header after `genlmsghdr`, in bytes.
    public var headerSize: UInt32
    /// `CTRL_ATTR_MAXATTR`: the highest attribute type.
    public var maximumAttribute: UInt32
    public var operations: [Operation]
    public var multicastGroups: [MulticastGroup]

    public init(
        name: String, id: UInt16, version: UInt32 = 0, headerSize: UInt32 = 0,
        maximumAttribute: UInt32 = 0, operations: [Operation] = [],
        multicastGroups: [MulticastGroup] = []
    ) {
        self.name = name
        self.id = id
        self.version = version
        self.headerSize = headerSize
        self.maximumAttribute = maximumAttribute
        self.operations = operations
        self.multicastGroups = multicastGroups
    }

    /// Decodes a `CTRL_CMD_NEWFAMILY` message; throws when it lacks a name or an id.
    public init(decoding message: GenericNetlinkMessage) throws {
        try self.init(attributes: message.payload)
    }

    /// Decodes the attributes of a `CTRL_CMD_NEWFAMILY` message.
    public init(attributes bytes: ArraySlice<UInt8>) throws {
        var name: String?
        var id: UInt16?
        self.init(name: "", id: 0)
        var attributes = AttributeDecoder(bytes)
        while let attribute = attributes.next() {
            switch Int(attribute.type) {
            case CTRL_ATTR_FAMILY_NAME: name = try attribute.string()
            case CTRL_ATTR_FAMILY_ID: id = try attribute.uint16()
            case CTRL_ATTR_VERSION: version = try attribute.uint32()
            case CTRL_ATTR_HDRSIZE: headerSize = try attribute.uint32()
            case CTRL_ATTR_MAXATTR: maximumAttribute = try attribute.uint32()
            case CTRL_ATTR_OPS: operations = try Self.decodeOperations(attribute)
            case CTRL_ATTR_MCAST_GROUPS: multicastGroups = try Self.decodeGroups(attribute)
            default: break  // policy and newer attributes
            }
        }
        try attributes.finish()
        guard let name, let id else {
            throw MalformedMessageError("family description without a name or an id")
        }
        self.name = name
        self.id = id
    }

    /// `CTRL_ATTR_OPS`: a nest of nests (numbered 1, 2, …), one per operation.
    private static func decodeOperations(_ list: NetlinkAttribute) throws -> [Operation] {
        var operations: [Operation] = []
        try AttributeDecoder.forEach(in: list.payload) { entry in
            var command: UInt32?
            var flags: UInt32 = 0
            try AttributeDecoder.forEach(in: entry.payload) { field in
                switch Int(field.type) {
                case CTRL_ATTR_OP_ID: command = try field.uint32()
                case CTRL_ATTR_OP_FLAGS: flags = try field.uint32()
                default: break
                }
            }
            guard let command else {
                throw MalformedMessageError("operation without CTRL_ATTR_OP_ID")
            }
            operations.append(Operation(command: command, flags: OperationFlags(rawValue: flags)))
        }
        return operations
    }

    /// `CTRL_ATTR_MCAST_GROUPS`: a nest of nests, one per group.
    private static func decodeGroups(_ list: NetlinkAttribute) throws -> [MulticastGroup] {
        var groups: [MulticastGroup] = []
        try AttributeDecoder.forEach(in: list.payload) { entry in
            var name: String?
            var id: UInt32?
            try AttributeDecoder.forEach(in: entry.payload) { field in
                switch Int(field.type) {
                case CTRL_ATTR_MCAST_GRP_NAME: name = try field.string()
                case CTRL_ATTR_MCAST_GRP_ID: id = try field.uint32()
                default: break
                }
            }
            guard let name, let id else {
                throw MalformedMessageError("multicast group without a name or an id")
            }
            groups.append(MulticastGroup(name: name, id: id))
        }
        return groups
    }
}
