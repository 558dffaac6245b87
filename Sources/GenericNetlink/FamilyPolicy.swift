import CNetlink
import Netlink

/// How a family validates requests, as nlctrl reports it (`CTRL_CMD_GETPOLICY`): which
/// policy each command uses, and what each policy allows per attribute.
public struct FamilyPolicy: Hashable, Sendable {
    /// The policies one command validates its requests with (indexes into `policies`).
    public struct CommandPolicies: Hashable, Sendable {
        /// `CTRL_ATTR_POLICY_DO`.
        public var doPolicy: UInt32?
        /// `CTRL_ATTR_POLICY_DUMP`.
        public var dumpPolicy: UInt32?

        public init(doPolicy: UInt32? = nil, dumpPolicy: UInt32? = nil) {
            self.doPolicy = doPolicy
            self.dumpPolicy = dumpPolicy
        }
    }

    /// The family id the answer was about.
    public var familyID: UInt16
    /// By command number.
    public var commands: [UInt32: CommandPolicies] = [:]
    /// By policy index, then attribute type.
    public var policies: [UInt32: [UInt16: AttributePolicy]] = [:]

    public init(familyID: UInt16) {
        self.familyID = familyID
    }

    /// What `command` accepts, attribute by attribute, for a `doit` or a dump request.
    public func attributes(ofCommand command: UInt32, dump: Bool = false)
        -> [UInt16: AttributePolicy]?
    {
        guard let entry = commands[command],
            let index = dump ? entry.dumpPolicy : entry.doPolicy
        else { return nil }
        return policies[index]
    }

    /// Folds one `CTRL_CMD_GETPOLICY` dump message into the policy.
    mutating func add(_ message: GenericNetlinkMessage) throws {
        var attributes = message.attributes()
        while let attribute = attributes.next() {
            switch Int(attribute.type) {
            case CTRL_ATTR_FAMILY_ID:
                familyID = try attribute.uint16()
            case CTRL_ATTR_OP_POLICY:
                try AttributeDecoder.forEach(in: attribute.payload) { command in
                    var entry = commands[UInt32(command.type)] ?? CommandPolicies()
                    try AttributeDecoder.forEach(in: command.payload) { field in
                        switch Int(field.type) {
                        case CTRL_ATTR_POLICY_DO: entry.doPolicy = try field.uint32()
                        case CTRL_ATTR_POLICY_DUMP: entry.dumpPolicy = try field.uint32()
                        default: break
                        }
                    }
                    commands[UInt32(command.type)] = entry
                }
            case CTRL_ATTR_POLICY:
                try AttributeDecoder.forEach(in: attribute.payload) { policy in
                    try AttributeDecoder.forEach(in: policy.payload) { rule in
                        policies[UInt32(policy.type), default: [:]][rule.type] =
                            try AttributePolicy(decoding: rule)
                    }
                }
            default:
                break
            }
        }
        try attributes.finish()
    }
}

/// What a policy allows for one attribute (`NL_POLICY_TYPE_ATTR_*`).
public struct AttributePolicy: Hashable, Sendable {
    /// `NL_POLICY_TYPE_ATTR_TYPE`: one of `enum netlink_attribute_type` (`NL_ATTR_TYPE_*`).
    public var type: UInt32
    public var minimumSignedValue: Int64?
    public var maximumSignedValue: Int64?
    public var minimumUnsignedValue: UInt64?
    public var maximumUnsignedValue: UInt64?
    /// For binary and string attributes, in bytes (a NUL string's excludes the NUL).
    public var minimumLength: UInt32?
    public var maximumLength: UInt32?
    /// For nested attributes: the policy of the nest's content.
    public var nestedPolicy: UInt32?
    public var nestedMaximumType: UInt32?
    /// For unsigned integers validated by a mask (`NLA_POLICY_MASK`): the bits allowed.
    public var mask: UInt64?
    /// For `bitfield32`: the bits allowed.
    public var bitfield32Mask: UInt32?

    public init(type: UInt32) {
        self.type = type
    }

    /// `NL_ATTR_TYPE_NUL_STRING`.
    public static let nulStringType = NL_ATTR_TYPE_NUL_STRING.rawValue
    /// `NL_ATTR_TYPE_U32`.
    public static let u32Type = NL_ATTR_TYPE_U32.rawValue

    init(decoding rule: NetlinkAttribute) throws {
        var type: UInt32?
        self.init(type: 0)
        var fields = rule.nestedAttributes()
        while let field = fields.next() {
            switch UInt32(field.type) {
            case NL_POLICY_TYPE_ATTR_TYPE.rawValue: type = try field.uint32()
            case NL_POLICY_TYPE_ATTR_MIN_VALUE_S.rawValue: minimumSignedValue = try field.int64()
            case NL_POLICY_TYPE_ATTR_MAX_VALUE_S.rawValue: maximumSignedValue = try field.int64()
            case NL_POLICY_TYPE_ATTR_MIN_VALUE_U.rawValue: minimumUnsignedValue = try field.uint64()
            case NL_POLICY_TYPE_ATTR_MAX_VALUE_U.rawValue: maximumUnsignedValue = try field.uint64()
            case NL_POLICY_TYPE_ATTR_MIN_LENGTH.rawValue: minimumLength = try field.uint32()
            case NL_POLICY_TYPE_ATTR_MAX_LENGTH.rawValue: maximumLength = try field.uint32()
            case NL_POLICY_TYPE_ATTR_POLICY_IDX.rawValue: nestedPolicy = try field.uint32()
            case NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE.rawValue: nestedMaximumType = try field.uint32()
            case NL_POLICY_TYPE_ATTR_MASK.rawValue: mask = try field.uint64()
            case NL_POLICY_TYPE_ATTR_BITFIELD32_MASK.rawValue: bitfield32Mask = try field.uint32()
            default: break
            }
        }
        try fields.finish()
        guard let type else {
            throw MalformedMessageError("attribute policy without NL_POLICY_TYPE_ATTR_TYPE")
        }
        self.type = type
    }
}

extension GenericNetlinkConnection where Transport: ~Copyable {
    /// The validation policy of the family called `name` (a `CTRL_CMD_GETPOLICY` dump),
    /// of all its commands, or of `command` alone (`CTRL_ATTR_OP`; its policies are then
    /// numbered apart). Throws `FamilyNotFoundError` when no such family is registered.
    public mutating func policy(ofFamily name: String, command: UInt32? = nil) throws -> FamilyPolicy {
        var policy = FamilyPolicy(familyID: 0)
        do {
            try dump(
                family: Controller.familyID, command: UInt8(CTRL_CMD_GETPOLICY),
                version: Controller.version,
                { encoder in
                    try encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: name)
                    if let command { encoder.appendAttribute(UInt16(CTRL_ATTR_OP), command) }
                },
                each: { try policy.add($0) })
        } catch let error as NetlinkError where error.errno == .noSuchFileOrDirectory && command == nil {
            throw FamilyNotFoundError(name: name)
        }
        return policy
    }
}
