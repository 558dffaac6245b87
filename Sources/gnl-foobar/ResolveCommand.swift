import ArgumentParser
import FoobarXmpl
import GenericNetlink
import Netlink

/// `gnl-foobar resolve [NAME]`: prints a family's id.
struct ResolveCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Print the id the kernel assigned to a family.")

    @ParentCommand var root: GnlFoobar
    @OptionGroup var local: CommonOptions

    @Argument(help: "The family name.")
    var name: String = FoobarXmplFamily.name

    func run() throws {
        try reportingErrors {
            if backend != .raw {
                // libnl's genl_ctrl_resolve gives the id alone.
                let id = try backend.openResolver().familyID(named: name)
                print(json ? JSONText.object(["name": JSONText.string(name), "id": String(id)]) : id)
                return
            }
            var connection = try GenericNetlinkConnection()
            let family = try connection.family(named: name)
            print(json ? FamilyJSON.describe(family) : family.id)
        }
    }
}
