import CLibnlGenl
import GenericNetlink
import Testing

@testable import GenericNetlinkLibnl

/// `LibnlPolicy`: what `genlmsg_parse` checks of each attribute of a reply, made from the
/// attribute's kind in the family's schema.
@Suite struct PolicyTests {
    /// The policy entry a kind should become: libnl's type, and the payload's least and
    /// greatest size (0: not checked).
    struct Expected: Sendable, CustomTestStringConvertible {
        var kind: AttributeSchema.Kind
        var type: Int
        var minimumLength: UInt16
        var maximumLength: UInt16
        var testDescription: String { kind.rawValue }
    }

    static let everyKind: [Expected] = [
        // Fixed-size integers: exactly their size, so nla_get_* never reads past one.
        Expected(kind: .u8, type: NLA_U8, minimumLength: 1, maximumLength: 1),
        Expected(kind: .u16, type: NLA_U16, minimumLength: 2, maximumLength: 2),
        Expected(kind: .u32, type: NLA_U32, minimumLength: 4, maximumLength: 4),
        Expected(kind: .u64, type: NLA_U64, minimumLength: 8, maximumLength: 8),
        Expected(kind: .s8, type: NLA_S8, minimumLength: 1, maximumLength: 1),
        Expected(kind: .s16, type: NLA_S16, minimumLength: 2, maximumLength: 2),
        Expected(kind: .s32, type: NLA_S32, minimumLength: 4, maximumLength: 4),
        Expected(kind: .s64, type: NLA_S64, minimumLength: 8, maximumLength: 8),
        // The kernel's variable-size integers: 4 or 8 bytes, which libnl has no type for.
        Expected(kind: .uint, type: NLA_UNSPEC, minimumLength: 4, maximumLength: 8),
        Expected(kind: .sint, type: NLA_UNSPEC, minimumLength: 4, maximumLength: 8),
        Expected(kind: .bitfield32, type: NLA_UNSPEC, minimumLength: 8, maximumLength: 8),
        // NLA_STRING: libnl checks the NUL.
        Expected(kind: .string, type: NLA_STRING, minimumLength: 0, maximumLength: 0),
        Expected(kind: .flag, type: NLA_FLAG, minimumLength: 0, maximumLength: 0),
        Expected(kind: .nest, type: NLA_NESTED, minimumLength: 0, maximumLength: 0),
        Expected(kind: .indexedArray, type: NLA_NESTED, minimumLength: 0, maximumLength: 0),
        Expected(kind: .nestTypeValue, type: NLA_NESTED, minimumLength: 0, maximumLength: 0),
        // Bytes of any length, and attributes that carry nothing to read.
        Expected(kind: .binary, type: NLA_UNSPEC, minimumLength: 0, maximumLength: 0),
        Expected(kind: .pad, type: NLA_UNSPEC, minimumLength: 0, maximumLength: 0),
        Expected(kind: .unused, type: NLA_UNSPEC, minimumLength: 0, maximumLength: 0),
    ]

    @Test(arguments: everyKind)
    func eachKindHasItsTypeAndSizes(expected: Expected) throws {
        let attribute = AttributeSchema(name: "a", type: 1, kind: expected.kind)
        let policy = LibnlPolicy(AttributeSetSchema(name: "set", attributes: [attribute]))
        let entry = policy.entries[1]
        #expect(Int(entry.type) == expected.type)
        #expect(entry.minlen == expected.minimumLength)
        #expect(entry.maxlen == expected.maximumLength)
    }

    @Test func entriesAreIndexedByTypeUpToTheHighest() throws {
        let policy = LibnlPolicy(
            AttributeSetSchema(
                name: "set",
                attributes: [
                    AttributeSchema(name: "five", type: 5, kind: .string),
                    AttributeSchema(name: "two", type: 2, kind: .u32),
                ]))
        #expect(policy.maximumType == 5)
        #expect(policy.entries.count == 6)
        #expect(Int(policy.entries[2].type) == NLA_U32)
        #expect(Int(policy.entries[5].type) == NLA_STRING)
        // Types the schema does not name are left unchecked.
        for type in [0, 1, 3, 4] {
            let entry = policy.entries[type]
            #expect(Int(entry.type) == NLA_UNSPEC && entry.minlen == 0 && entry.maxlen == 0)
        }
    }

    @Test func emptySetHasOnlyTypeZero() throws {
        let policy = LibnlPolicy(AttributeSetSchema(name: "set", attributes: []))
        #expect(policy.maximumType == 0)
        #expect(policy.entries.count == 1)
    }
}
