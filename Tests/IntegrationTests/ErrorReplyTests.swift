import FoobarXmpl
import Netlink
import Testing

@Suite struct ErrorReplyTests {
    @Test(arguments: backends)
    func replyWithErrorThrowsEinvalWithTheExtendedAckText(backend: Backend) throws {
        let client = try backend.open()
        let error = try #require(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(error.errno.rawValue == 22)
        #expect(error.errno == FoobarXmplFamily.replyErrno)
        #expect(error.message == FoobarXmplFamily.replyErrorMessage)
        #expect(error.description == "EINVAL (22): \(FoobarXmplFamily.replyErrorMessage)")
    }

    @Test(arguments: backends)
    func clientIsUsableAfterTheError(backend: Backend) throws {
        let client = try backend.open()
        #expect(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(try client.echo("fine") == "fine")
    }
}
