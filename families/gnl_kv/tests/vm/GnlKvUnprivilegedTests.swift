import Glibc
import GnlKvFamily
import Netlink
import Testing

/// What a caller without CAP_NET_ADMIN may do, in the initial namespace. As root these
/// skip themselves; scripts/vm-suite.sh runs them again as uid 65534 (setpriv).
@Suite(.enabled(if: geteuid() != 0, "run as an unprivileged user by scripts/vm-suite.sh"))
struct GnlKvUnprivilegedTests {
    @Test func readsAreOpen() throws {
        let client = try GnlKvClient()
        _ = try client.dumpGetAll()
        do {
            _ = try client.get(.init(entry: .init(key: "no-such-key-for-nobody")))
        } catch let error as NetlinkError {
            #expect(error.errno == .noSuchFileOrDirectory, "the handler ran: the read was allowed")
        }
    }

    @Test func writesAreRefusedWithEPERM() throws {
        let client = try GnlKvClient()
        let set = try #require(throws: NetlinkError.self) { try client.set(.init(entry: .init(key: "k", value: [1]))) }
        #expect(set.errno == .notPermitted && set.operation == "set")
        #expect("\(set)".hasPrefix("set: EPERM (1): "), "a permission error, naming the command")
        let delete = try #require(throws: NetlinkError.self) { try client.delete(.init(entry: .init(key: "k"))) }
        #expect(delete.errno == .notPermitted && delete.operation == "delete")
        #expect("\(delete)".hasPrefix("delete: EPERM (1): "))
    }
}
