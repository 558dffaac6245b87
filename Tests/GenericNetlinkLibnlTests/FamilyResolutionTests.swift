import GenericNetlink
import Testing

@testable import GenericNetlinkLibnl

/// Opening a client resolves its family with `genl_ctrl_resolve`; the host kernel always
/// has nlctrl, at its fixed id, and never a family called "no_such_fam".
@Suite struct FamilyResolutionTests {
    @Test func openingAnUnknownFamilyThrowsFamilyNotFound() throws {
        #expect(throws: FamilyNotFoundError(name: "no_such_fam")) {
            try LibnlGenericClient(familyName: "no_such_fam", version: 1, schema: Nlctrl.schema)
        }
    }

    @Test func resolvesNlctrlToItsFixedID() throws {
        let client = try Nlctrl.client()
        #expect(client.familyID == Controller.familyID)
        #expect(client.version == Nlctrl.version)
        #expect(client.schema.familyName == Nlctrl.name)
    }

    @Test func resolverAnswersForAnyFamilyAndKeepsAnsweringAfterAMiss() throws {
        let resolver = try LibnlFamilyResolver()
        #expect(try resolver.familyID(named: Nlctrl.name) == Controller.familyID)
        #expect(throws: FamilyNotFoundError(name: "no_such_fam")) {
            try resolver.familyID(named: "no_such_fam")
        }
        #expect(try resolver.familyID(named: Nlctrl.name) == Controller.familyID)
    }
}
