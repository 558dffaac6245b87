import CommandLineParsing
import CommandLineSupport
import JSONWriting
import GenericNetlink
import Netlink

/// `gnl-foobar families`: lists every generic netlink family, "name id version" per line.
struct FamiliesCommand: Command {
    static let spec = CommandSpec(
        name: "families",
        abstract: "List the kernel's generic netlink families: \"<name> <id> <version>\" each.")

    var options: CommonOptions

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        options = try CommonOptions(arguments)
    }

    func run() throws {
        guard options.backend == .raw else {
            throw CommandFailure("families is listed with --backend raw only")
        }
        var connection = try GenericNetlinkConnection()
        let families = try connection.families()
        if options.json {
            print(JSONText.array(families.map(FamilyJSON.describe)))
        } else {
            for family in families {
                print(family.name, family.id, family.version)
            }
        }
    }
}

/// A family as a JSON object.
enum FamilyJSON {
    static func describe(_ family: GenericNetlinkFamily) -> String {
        JSONText.object([
            "name": JSONText.string(family.name),
            "id": String(family.id),
            "version": String(family.version),
            "headerSize": String(family.headerSize),
            "maximumAttribute": String(family.maximumAttribute),
            "operations": JSONText.array(family.operations.map {
                JSONText.object(["command": String($0.command), "flags": String($0.flags.rawValue)])
            }),
            "multicastGroups": JSONText.array(family.multicastGroups.map {
                JSONText.object(["name": JSONText.string($0.name), "id": String($0.id)])
            }),
        ])
    }
}
