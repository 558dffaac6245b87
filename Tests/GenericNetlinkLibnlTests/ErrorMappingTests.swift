import CLibnlGenl
import Netlink
import Testing

@testable import GenericNetlinkLibnl

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ErrorMappingTests {
    @Test func failedSystemCallKeepsItsErrno() throws {
        // libnl returns -nl_syserr2nlerr(errno); errno still says which.
        let error = LibnlFailure.error(code: -nl_syserr2nlerr(EBADF), call: "recvmsg", errno: EBADF)
        #expect(
            error as? SystemCallError
                == SystemCallError(call: "recvmsg", errno: Errno(rawValue: EBADF)))
    }

    @Test func libnlsOwnFailureIsALibnlError() throws {
        let error = LibnlFailure.error(code: -NLE_SEQ_MISMATCH, call: "recvmsg", errno: 0)
        let libnl = try #require(error as? LibnlError)
        #expect(libnl == LibnlError(function: "recvmsg", code: NLE_SEQ_MISMATCH))
        #expect(libnl.description == "recvmsg: Message sequence number mismatch (libnl error 16)")
        // A stale errno that does not explain the code is not taken for the cause.
        #expect(
            LibnlFailure.error(code: -NLE_SEQ_MISMATCH, call: "recvmsg", errno: EINTR) is LibnlError
        )
    }

    @Test func checkPassesResultsThroughAndThrowsFailures() throws {
        #expect(try LibnlFailure.check(call: "x") { 5 } == 5)
        #expect(throws: LibnlError(function: "nla_put", code: NLE_NOMEM)) {
            try LibnlFailure.check(call: "nla_put") { -NLE_NOMEM }
        }
    }
}
