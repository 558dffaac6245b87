import FoobarXmpl
import Netlink
import Testing

@Suite struct ErrorReplyTests {
    @Test(arguments: backends)
    func replyWithErrorThrowsEinvalWithTheExtendedAckText(backend: Backend) throws {
        let client = try backend.open()
        let error = try #require(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(error.errno.rawValue == 22)
        #expect(error.errno == Errno(rawValue: CInt(GnlFoobarXmpl.replyErrno)))
        #expect(error.message == GnlFoobarXmpl.replyErrMsg)
        #expect(error.operation == "reply-with-nlmsg-err")
        #expect(error.description == "reply-with-nlmsg-err: EINVAL (22): \(GnlFoobarXmpl.replyErrMsg)")
    }

    @Test(arguments: backends)
    func clientIsUsableAfterTheError(backend: Backend) throws {
        let client = try backend.open()
        #expect(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(try client.echo("fine") == "fine")
    }
}
