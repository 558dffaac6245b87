import CLibnlGenl
import CraftedMessages
import GenericNetlink
import Netlink
import Testing

@testable import GenericNetlinkLibnl

/// `withAttributes(of:policy:)`, the client's reading of a reply with `genlmsg_parse` and a
/// policy from the schema, on crafted nlctrl replies: attributes the policy allows are
/// handed over by type, those it refuses throw.
@Suite struct ReplyAttributeParsingTests {
    static let id = UInt16(CTRL_ATTR_FAMILY_ID)
    static let name = UInt16(CTRL_ATTR_FAMILY_NAME)

    let client: LibnlGenericClient

    init() throws {
        client = try Nlctrl.client()
    }

    /// A reply of nlctrl: nlmsghdr, genlmsghdr, `attributes`.
    func reply(_ attributes: [UInt8]) -> [UInt8] {
        Crafted.reply(command: UInt8(CTRL_CMD_NEWFAMILY), attributes)
    }

    /// What `read` makes of the attribute table `withAttributes` hands over for `message`.
    func parsed<Result>(
        _ message: [UInt8], policy: LibnlPolicy = Nlctrl.policy,
        _ read: (UnsafeMutableBufferPointer<UnsafeMutablePointer<nlattr>?>) throws -> Result
    ) throws -> Result {
        try Crafted.withHeader(message, as: nlmsghdr.self) { header in
            try client.withAttributes(of: header, policy: policy, read)
        }
    }

    /// The family id and name in `message`.
    func familyIDAndName(_ message: [UInt8]) throws -> (UInt16?, String?) {
        try parsed(message) { table in
            (table[Int(Self.id)].map { nla_get_u16($0) },
             table[Int(Self.name)].map { String(cString: nla_get_string($0)) })
        }
    }

    @Test func attributesAreHandedOverByType() throws {
        let (id, name) = try familyIDAndName(
            reply(Crafted.attribute(Self.name, string: "nlctrl") + Crafted.attribute(Self.id, [16, 0])))
        #expect(id == 16)
        #expect(name == "nlctrl")
        #expect(try familyIDAndName(reply([])) == (nil, nil))
    }

    @Test func attributesBeyondThePolicyAreSkipped() throws {
        // A newer kernel's attributes, unknown to the schema.
        let bytes = reply(
            Crafted.attribute(Self.name, string: "nlctrl") + Crafted.attribute(200, UInt32(0)))
        #expect(try familyIDAndName(bytes).1 == "nlctrl")
    }

    @Test(arguments: [[UInt8]([16]), [16, 0, 0, 0]])
    func fixedSizeAttributeOfAnotherSizeIsMalformed(payload: [UInt8]) throws {
        #expect(throws: MalformedMessageError.self) {
            try familyIDAndName(reply(Crafted.attribute(Self.id, payload)))
        }
    }

    @Test func stringWithoutItsNulIsMalformed() throws {
        #expect(throws: MalformedMessageError.self) {
            try familyIDAndName(reply(Crafted.attribute(Self.name, Array("nlctrl".utf8))))
        }
    }

    @Test func variableSizeIntegerIsFourOrEightBytes() throws {
        // The kernel's uint and sint: what `LibnlPolicy` lets through is what nla_get_u32/u64 read.
        let policy = LibnlPolicy(
            AttributeSetSchema(name: "set", attributes: [AttributeSchema(name: "n", type: 1, kind: .uint)]))
        func number(ofSize size: Int) throws -> Bool {
            try parsed(reply(Crafted.attribute(1, [UInt8](repeating: 0, count: size))), policy: policy) {
                $0[1] != nil
            }
        }
        #expect(try number(ofSize: 4))
        #expect(try number(ofSize: 8))
        #expect(throws: MalformedMessageError.self) { try number(ofSize: 2) }
        #expect(throws: MalformedMessageError.self) { try number(ofSize: 12) }
    }

    @Test func attributeRunningPastTheMessageIsMalformed() throws {
        // nla_parse stops quietly at it; the client throws, as the raw clients do.
        var attribute = Crafted.attribute(Self.name, string: "hi")
        attribute.replaceSubrange(0..<2, with: Crafted.bytes(UInt16(200)))
        // Give the buffer room so only nlmsg_len, not memory, bounds the attribute.
        let message = reply(Crafted.attribute(Self.id, [16, 0]) + attribute)
        var bytes = message + [UInt8](repeating: 0x41, count: 256)
        bytes.replaceSubrange(0..<4, with: Crafted.bytes(UInt32(message.count)))
        #expect(throws: MalformedMessageError.self) { try familyIDAndName(bytes) }
    }

    @Test func messageShorterThanTheGenericNetlinkHeaderIsMalformed() throws {
        // Two bytes of genlmsghdr, then two more in the buffer but not in nlmsg_len.
        let bytes = Crafted.message(type: 0x20, payload: [1, 1])
        #expect(throws: MalformedMessageError.self) { try familyIDAndName(bytes + [0, 0]) }
    }
}
