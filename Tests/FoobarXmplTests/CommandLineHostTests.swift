import CommandLineTesting
import FoobarXmpl
import Foundation
import GenericNetlink
import Testing

/// `gnl-foobar` on the host, where the module is not loaded: what works without it.
@Suite struct CommandLineHostTests {
    static func gnlFoobar(_ arguments: [String]) throws -> GnlFoobarRun {
        try GnlFoobarRun(arguments)
    }

    static var moduleIsLoaded: Bool {
        guard var connection = try? GenericNetlinkConnection() else { return false }
        return (try? connection.family(named: FoobarXmplFamily.name)) != nil
    }

    @Test func familiesListsOneFamilyPerLine() throws {
        let run = try Self.gnlFoobar(["families"])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.contains("nlctrl 16 2"))
        #expect(lines.allSatisfy { $0.split(separator: " ").count == 3 })
    }

    @Test func familiesAsJSON() throws {
        let run = try Self.gnlFoobar(["families", "--json"])
        #expect(run.status == 0)
        let families = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
        let nlctrl = try #require(families.first { $0["name"] as? String == "nlctrl" })
        #expect(nlctrl["id"] as? Int == 16)
        #expect((nlctrl["operations"] as? [Any])?.isEmpty == false)
    }

    @Test func resolvePrintsTheID() throws {
        let run = try Self.gnlFoobar(["resolve", "nlctrl"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "16\n")
    }

    @Test func textTooLongForAnAttributeIsRefusedBeforeSending() throws {
        // Refused even without the module: nothing is sent.
        let run = try Self.gnlFoobar(["echo", String(repeating: "x", count: 70_000)])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(
            run.standardError
                == "error: text of 70000 bytes is longer than one netlink string attribute can carry (65530 bytes)\n")
    }

    @Test(.enabled(if: !moduleIsLoaded, "the module is loaded here"))
    func missingModuleIsExplained() throws {
        for arguments in [["echo", "hi"], ["dump"], ["error"], ["resolve"]] {
            let run = try Self.gnlFoobar(arguments)
            #expect(run.status == 1)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError == "error: family gnl_foobar_xmpl not found — is the module loaded?\n")
        }
    }

    @Test func unknownFamilyIsAnError() throws {
        let run = try Self.gnlFoobar(["resolve", "no_such_fam"])
        #expect(run.status == 1)
        #expect(run.standardError == "error: family no_such_fam not found — is the module loaded?\n")
    }
}
