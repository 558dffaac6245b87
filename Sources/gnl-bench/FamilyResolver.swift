import CommandLineSupport
import GenericNetlinkLibnl
import GenericNetlink
import Netlink

/// Something that resolves family names to ids, for `bench-resolve`.
protocol FamilyResolver: AnyObject {
    func familyID(named name: String) throws -> UInt16
}

extension Backend {
    /// Opens a resolver on this backend; needs no particular family to exist.
    func openResolver() throws -> any FamilyResolver {
        switch self {
        case .raw:
            return try RawFamilyResolver()
        case .libnl:
            return try LibnlFamilyResolver()
        }
    }
}

extension LibnlFamilyResolver: FamilyResolver {}

/// The raw controller, asked every time (the cache would answer without the kernel).
final class RawFamilyResolver: FamilyResolver {
    // familyID(named:) takes no closure, so nothing can re-enter it: the runtime's
    // dynamic exclusivity check, a sizeable share of a look-up (measured in
    // measurements/analysis.md), has nothing to catch.
    @exclusivity(unchecked) private var connection: GenericNetlinkConnection<NetlinkSocket>

    init() throws {
        connection = try GenericNetlinkConnection()
    }

    func familyID(named name: String) throws -> UInt16 {
        try connection.queryFamilyID(named: name)
    }
}
