import Testing

@testable import GenericNetlink
@testable import Netlink

/// Against the host kernel's own nlctrl, which every Linux has.
@Suite struct LiveControllerTests {
    @Test func resolvesNlctrlToItsFixedID() throws {
        var connection = try GenericNetlinkConnection()
        let family = try connection.family(named: "nlctrl")
        #expect(family.id == 0x10)
        #expect(family.name == "nlctrl")
        #expect(family.version >= 1)
        let getFamily = try #require(family.operations.first { $0.command == 3 })  // CTRL_CMD_GETFAMILY
        #expect(getFamily.flags.isSuperset(of: [.canDo, .canDump]))
        #expect(family.multicastGroups.contains { $0.name == "notify" })
    }

    @Test func resolvesNlctrlsIDAlone() throws {
        var connection = try GenericNetlinkConnection()
        #expect(try connection.queryFamilyID(named: "nlctrl") == 0x10)
        #expect(throws: FamilyNotFoundError(name: "no_such_fam")) {
            try connection.queryFamilyID(named: "no_such_fam")
        }
    }

    @Test func listsFamiliesIncludingNlctrl() throws {
        var connection = try GenericNetlinkConnection()
        let families = try connection.families()
        #expect(families.contains { $0.name == "nlctrl" && $0.id == 0x10 })
        #expect(Set(families.map(\.id)).count == families.count)
    }

    @Test func unknownFamilyIsNotFound() throws {
        var connection = try GenericNetlinkConnection()
        #expect(throws: FamilyNotFoundError(name: "no_such_fam")) {
            try connection.family(named: "no_such_fam")
        }
    }

    @Test func nameLongerThanGenlNamsizIsRefusedByPolicy() throws {
        // GENL_NAMSIZ is 16 with the NUL: nlctrl's policy rejects the attribute itself.
        var connection = try GenericNetlinkConnection()
        let error = try #require(throws: NetlinkError.self) {
            try connection.family(named: "a_name_too_long_for_genl")
        }
        #expect(error.errno == .invalidArgument)
        #expect(error.message != nil)
        // The attribute follows nlmsghdr (16) and genlmsghdr (4).
        #expect(error.offendingAttributeOffset == 20)
    }
}

/// nlctrl's own validation policy, from the host kernel.
@Suite struct LivePolicyTests {
    @Test func nlctrlLimitsFamilyNamesToGenlNamsiz() throws {
        var connection = try GenericNetlinkConnection()
        let policy = try connection.policy(ofFamily: "nlctrl")
        #expect(policy.familyID == 0x10)
        let getFamily = try #require(policy.attributes(ofCommand: 3))  // CTRL_CMD_GETFAMILY
        let name = try #require(getFamily[2])  // CTRL_ATTR_FAMILY_NAME
        #expect(name.type == AttributePolicy.nulStringType)
        #expect(name.maximumLength == 15)  // GENL_NAMSIZ - 1
    }

    @Test func unknownFamilyHasNoPolicy() throws {
        var connection = try GenericNetlinkConnection()
        #expect(throws: FamilyNotFoundError(name: "no_such_fam")) {
            try connection.policy(ofFamily: "no_such_fam")
        }
    }
}
