import FoobarXmpl
import Netlink
import Testing

/// ECHO_MSG against the real module. These need it loaded: without it, opening a
/// client throws FamilyNotFoundError and every test fails.
@Suite struct EchoTests {
    static let texts = [
        "h",
        "héllo, wörld ✓ 𝄞",
        String(repeating: "x", count: GnlFoobarXmpl.msgMaxLen),
    ]

    @Test(arguments: backends, texts)
    func echoReturnsTheTextUnchanged(backend: Backend, text: String) throws {
        let client = try backend.open()
        #expect(try client.echo(text) == text)
    }

    @Test(arguments: backends)
    func manyEchoesOnOneClient(backend: Backend) throws {
        let client = try backend.open()
        for number in 0..<200 {
            #expect(try client.echo("echo \(number)") == "echo \(number)")
        }
    }

    @Test(arguments: backends)
    func textOneByteOverTheLimitIsRejectedByTheKernel(backend: Backend) throws {
        let client = try backend.open()
        let text = String(repeating: "x", count: GnlFoobarXmpl.msgMaxLen + 1)
        let error = try #require(throws: NetlinkError.self) { try client.echo(text) }
        #expect([Errno.resultOutOfRange, .invalidArgument].contains(error.errno))
        #expect(error.message != nil, "the kernel should say why")
    }

    @Test(arguments: backends)
    func textNoAttributeCanCarryIsRefusedBeforeSending(backend: Backend) throws {
        let client = try backend.open()
        #expect(throws: UnencodableTextError.self) {
            try client.echo(String(repeating: "x", count: 70_000))
        }
        #expect(throws: UnencodableTextError.self) { try client.echo("nul\0inside") }
        #expect(try client.echo("after") == "after")
    }

    @Test(arguments: backends)
    func familyIsResolved(backend: Backend) throws {
        let client = try backend.open()
        #expect(client.familyID >= 0x10)
    }
}
