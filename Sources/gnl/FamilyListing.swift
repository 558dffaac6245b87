import GenericNetlink

/// `--list-families`: what the kernel registers (nlctrl), one family a line:
/// `netdev 20 1 /usr/share/ynl/specs/netdev.yaml` (name, id, version, its spec or `-`).
enum FamilyListing {
    static func print(specs directories: SpecDirectories) throws {
        var connection = try GenericNetlinkConnection()
        for family in try connection.families().sorted(by: { $0.name < $1.name }) {
            Swift.print(family.name, family.id, family.version, directories.spec(of: family.name) ?? "-")
        }
    }
}
