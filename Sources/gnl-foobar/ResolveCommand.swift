import CommandLineParsing
import CommandLineSupport
import JSONWriting
import FoobarXmpl
import FoobarXmplLibnl
import GenericNetlinkLibnl
import GenericNetlink
import Netlink

/// `gnl-foobar resolve [NAME]`: prints a family's id.
struct ResolveCommand: Command {
    static let spec = CommandSpec(
        name: "resolve", abstract: "Print the id the kernel assigned to a family.",
        arguments: [.optional("NAME", help: "The family name (default \(GnlFoobarXmpl.familyName)).")])

    var options: CommonOptions
    var name: String

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        options = try CommonOptions(arguments)
        name = try arguments.value("NAME") ?? GnlFoobarXmpl.familyName
    }

    func run() throws {
        switch options.backend {
        case .libnl:
            // libnl's genl_ctrl_resolve gives the id alone.
            let id = try LibnlFamilyResolver().familyID(named: name)
            print(options.json ? JSONText.object(["name": JSONText.string(name), "id": String(id)]) : id)
        case .raw:
            var connection = try GenericNetlinkConnection()
            let family = try connection.family(named: name)
            print(options.json ? FamilyJSON.describe(family) : family.id)
        }
    }
}
