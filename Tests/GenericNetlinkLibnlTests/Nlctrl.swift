import CLibnlGenl
import GenericNetlink
import GenericNetlinkLibnl
import Testing

/// nlctrl, the controller every Linux kernel registers, is the family the live tests talk
/// to through `LibnlGenericClient`: no module needed.
enum Nlctrl {
    static let name = "nlctrl"
    /// The version requests carry (the raw controller's).
    static let version: UInt8 = 1
    /// The set of every nlctrl request and reply.
    static let set = "ctrl-attrs"

    /// The part of the kernel's nlctrl.yaml (Documentation/netlink/specs) these tests use:
    /// the family's description, as GETFAMILY answers it.
    static let schema = FamilySchema(
        familyName: name,
        sets: [
            AttributeSetSchema(
                name: set,
                attributes: [
                    AttributeSchema(name: "family-id", type: UInt16(CTRL_ATTR_FAMILY_ID), kind: .u16),
                    AttributeSchema(name: "family-name", type: UInt16(CTRL_ATTR_FAMILY_NAME), kind: .string),
                    AttributeSchema(name: "version", type: UInt16(CTRL_ATTR_VERSION), kind: .u32),
                    AttributeSchema(name: "hdrsize", type: UInt16(CTRL_ATTR_HDRSIZE), kind: .u32),
                    AttributeSchema(name: "maxattr", type: UInt16(CTRL_ATTR_MAXATTR), kind: .u32),
                    AttributeSchema(
                        name: "ops", type: UInt16(CTRL_ATTR_OPS), kind: .indexedArray, nestedSet: "op-attrs"),
                    AttributeSchema(
                        name: "mcast-groups", type: UInt16(CTRL_ATTR_MCAST_GROUPS), kind: .indexedArray,
                        nestedSet: "mcast-group-attrs"),
                ]),
            AttributeSetSchema(
                name: "op-attrs",
                attributes: [
                    AttributeSchema(name: "id", type: UInt16(CTRL_ATTR_OP_ID), kind: .u32),
                    AttributeSchema(name: "flags", type: UInt16(CTRL_ATTR_OP_FLAGS), kind: .u32),
                ]),
            AttributeSetSchema(
                name: "mcast-group-attrs",
                attributes: [
                    AttributeSchema(name: "name", type: UInt16(CTRL_ATTR_MCAST_GRP_NAME), kind: .string),
                    AttributeSchema(name: "id", type: UInt16(CTRL_ATTR_MCAST_GRP_ID), kind: .u32),
                ]),
        ])

    /// How libnl checks nlctrl's replies before they are read.
    static let policy = LibnlPolicy(schema.sets[set]!)

    /// A client of nlctrl, resolved through nlctrl itself.
    static func client() throws -> LibnlGenericClient {
        try LibnlGenericClient(familyName: name, version: version, schema: schema)
    }
}

/// nlctrl's requests, through the client's request machinery.
extension LibnlGenericClient {
    /// `CTRL_CMD_GETFAMILY` for `name`: the id in its reply, and how the request went.
    func getFamily(named name: String) throws -> (id: UInt16?, result: ExchangeResult) {
        var id: UInt16?
        let result = try exchange(
            command: UInt8(CTRL_CMD_GETFAMILY), operation: "getfamily", set: Nlctrl.set,
            attributeSpace: Self.stringSpace(name),
            { nla_put_string($0, CInt(CTRL_ATTR_FAMILY_NAME), name) },
            each: { header in
                id = try withAttributes(of: header, policy: Nlctrl.policy) { table in
                    table[Int(CTRL_ATTR_FAMILY_ID)].map { nla_get_u16($0) }
                }
            })
        return (id, result)
    }

    /// Every family's name, from a `CTRL_CMD_GETFAMILY` dump, each handed to `each` as
    /// its message is read.
    func familyNames(each: (String) throws -> Void = { _ in }) throws -> [String] {
        var names: [String] = []
        try exchange(
            command: UInt8(CTRL_CMD_GETFAMILY), operation: "getfamily", set: Nlctrl.set, dump: true,
            attributeSpace: 0, { _ in 0 },
            each: { header in
                let name = try withAttributes(of: header, policy: Nlctrl.policy) { table in
                    String(cString: nla_get_string(try #require(table[Int(CTRL_ATTR_FAMILY_NAME)])))
                }
                names.append(name)
                try each(name)
            })
        return names
    }

    /// `CTRL_CMD_NEWFAMILY` with `name` as its family name: nlctrl sends it as a
    /// notification and has no handler for it, so once sent it is refused with
    /// `EOPNOTSUPP`, whatever its attributes.
    func newFamily(named name: String = "x", dump: Bool = false) throws {
        try exchange(
            command: UInt8(CTRL_CMD_NEWFAMILY), operation: "newfamily", set: Nlctrl.set, dump: dump,
            attributeSpace: Self.stringSpace(name),
            { nla_put_string($0, CInt(CTRL_ATTR_FAMILY_NAME), name) },
            each: { _ in })
    }

    /// The room a string attribute takes in a message (`nla_total_size`, its NUL included).
    static func stringSpace(_ text: String) -> Int {
        Int(nla_total_size(CInt(text.utf8.count + 1)))
    }
}
