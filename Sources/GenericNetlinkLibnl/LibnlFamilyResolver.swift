import CLibnlGenl
import GenericNetlink
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Resolves generic netlink family names with libnl's `genl_ctrl_resolve`, on a socket of
/// its own: works for any family, so on hosts without the module too (the benchmark
/// compares it with the raw controller on `nlctrl`).
public final class LibnlFamilyResolver {
    private let socket: LibnlSocket

    public init() throws {
        socket = try LibnlSocket()
    }

    /// The id of `name`; throws `FamilyNotFoundError` when no such family is registered.
    public func familyID(named name: String) throws -> UInt16 {
        try resolveFamily(named: name, on: socket)
    }
}

/// `genl_ctrl_resolve` with its failures mapped to this package's errors.
func resolveFamily(named name: String, on socket: borrowing LibnlSocket) throws -> UInt16 {
    errno = 0
    let id = genl_ctrl_resolve(socket.pointer, name)
    let savedErrno = errno
    if id == -NLE_OBJ_NOTFOUND {
        throw FamilyNotFoundError(name: name)
    }
    if id < 0 {
        throw LibnlFailure.error(code: id, call: "genl_ctrl_resolve", errno: savedErrno)
    }
    return UInt16(truncatingIfNeeded: id)
}
