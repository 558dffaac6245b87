import CLibnlGenl
import GenericNetlink
import Netlink
import Testing

@testable import GenericNetlinkLibnl

/// The host's nlctrl refusing requests: the kernel's `NetlinkError`, with its extended ACK
/// read by the libnl client itself and the operation and attribute named from the schema.
@Suite struct KernelRefusalTests {
    @Test func commandsNlctrlDoesNotImplementAreRefusedInStep() throws {
        let client = try Nlctrl.client()
        let request = try #require(throws: NetlinkError.self) { try client.newFamily() }
        let dump = try #require(throws: NetlinkError.self) { try client.newFamily(dump: true) }
        let again = try #require(throws: NetlinkError.self) { try client.newFamily() }
        for error in [request, dump, again] {
            #expect(error.errno == .notSupported)
            #expect(error.operation == "newfamily")
        }
        // Each error carries its own request's sequence number: libnl stayed in step.
        #expect(dump.sequence == request.sequence &+ 1)
        #expect(again.sequence == dump.sequence &+ 1)
        #expect(try client.getFamily(named: Nlctrl.name).id == Controller.familyID)
    }

    @Test func refusalByPolicyNamesTheAttributeLikeTheRawClient() throws {
        // GENL_NAMSIZ is 16 with the NUL: nlctrl's policy rejects the attribute.
        let name = "a_name_too_long_for_genl"
        let client = try Nlctrl.client()
        let error = try #require(throws: NetlinkError.self) { try client.getFamily(named: name) }
        #expect(error.errno == .invalidArgument || error.errno == .resultOutOfRange)
        #expect(error.message != nil)
        // nlmsghdr (16) + genlmsghdr (4): the name is the first attribute.
        #expect(error.offendingAttributeOffset == 20)
        #expect(error.operation == "getfamily")
        #expect(error.offendingAttribute == ".family-name")
        #expect(error.missingAttributeName == nil)
        #expect(error.description.hasSuffix("(bad attribute: .family-name)"))

        let rawError = try Self.rawClientsError(
            family: Nlctrl.name, schema: Nlctrl.schema, command: UInt8(CTRL_CMD_GETFAMILY),
            operation: "getfamily", set: Nlctrl.set
        ) { try $0.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: name) }
        #expect(error == rawError.renumbered(error.sequence))
        #expect(try client.getFamily(named: Nlctrl.name).id == Controller.familyID)
    }

    /// netdev (Linux 6.2 and later) says which attribute a request misses, nlctrl never
    /// does: `dev-get` wants the `ifindex` of its `dev` set.
    static let netdev = FamilySchema(
        familyName: "netdev",
        sets: [
            AttributeSetSchema(name: "dev", attributes: [AttributeSchema(name: "ifindex", type: 1, kind: .u32)])
        ])
    static let devGet: UInt8 = 1  // NETDEV_CMD_DEV_GET
    static let hasNetdev = (try? LibnlFamilyResolver().familyID(named: "netdev")) != nil

    @Test(.enabled(if: hasNetdev, "needs the netdev family (Linux 6.2 and later)"))
    func missingAttributeIsNamedLikeTheRawClient() throws {
        let client = try LibnlGenericClient(familyName: "netdev", version: 1, schema: Self.netdev)
        let error = try #require(throws: NetlinkError.self) {
            try client.exchange(
                command: Self.devGet, operation: "dev-get", set: "dev", attributeSpace: 0, { _ in 0 },
                each: { _ in })
        }
        #expect(error.errno == .invalidArgument)
        #expect(error.missingAttribute == NetlinkError.MissingAttribute(type: 1))
        #expect(error.operation == "dev-get")
        #expect(error.missingAttributeName == ".ifindex")
        let rawError = try Self.rawClientsError(
            family: "netdev", schema: Self.netdev, command: Self.devGet, operation: "dev-get", set: "dev"
        ) { _ in }
        #expect(error == rawError.renumbered(error.sequence))
    }

    @Test func unknownFamilyIsAnErrnoWithoutExtendedAck() throws {
        // Through exchange, not opening: nlctrl's ENOENT, which only opening turns into
        // FamilyNotFoundError.
        let client = try Nlctrl.client()
        let error = try #require(throws: NetlinkError.self) {
            try client.getFamily(named: "no_such_fam")
        }
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(error.operation == "getfamily")
        #expect(error.offendingAttributeOffset == nil)
        #expect(error.offendingAttribute == nil)
    }

    /// The error the raw backend's client (`GenericNetlinkClient`, the generated clients'
    /// base) throws for the same request, named from the same schema.
    static func rawClientsError(
        family: String, schema: FamilySchema, command: UInt8, operation: String, set: String,
        _ writeAttributes: (inout MessageEncoder) throws -> Void
    ) throws -> NetlinkError {
        let raw = try GenericNetlinkClient(familyName: family, version: 1, schema: schema)
        return try #require(throws: NetlinkError.self) {
            try raw.request(
                command, operation: operation, set: set, writeAttributes, replyAttributes: { _, _ in })
        }
    }
}

extension NetlinkError {
    /// The same error as the request numbered `sequence` would get: each socket numbers
    /// its own requests.
    func renumbered(_ sequence: UInt32) -> NetlinkError {
        var error = self
        error.sequence = sequence
        return error
    }
}
