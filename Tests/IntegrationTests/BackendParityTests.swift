import FoobarXmpl
import FoobarXmplLibnl
import Netlink
import Testing

/// The raw and libnl backends give the same answers to the same requests: the same
/// replies, the same dumps, the same errors down to the extended ACK. (Only sequence
/// numbers differ: each socket numbers its own requests, libnl from the clock.)
@Suite struct BackendParityTests {
    /// A request's outcome, comparable across backends.
    enum Outcome<Value: Equatable>: Equatable {
        case value(Value)
        case kernelError(NetlinkError)
        case otherError(String)

        init(_ body: () throws -> Value) {
            do {
                self = .value(try body())
            } catch var error as NetlinkError {
                error.sequence = 0
                self = .kernelError(error)
            } catch {
                self = .otherError("\(type(of: error)): \(error)")
            }
        }
    }

    static let texts = [
        "", "h", "hi", "héllo, wörld ✓ 𝄞", "with\nnewline and\ttab",
        String(repeating: "x", count: GnlFoobarXmpl.msgMaxLen),
        String(repeating: "x", count: GnlFoobarXmpl.msgMaxLen + 1),
        String(repeating: "é", count: 3000),
        "nul\0inside",
    ]

    @Test func echoesAreTheSame() throws {
        let raw = try GnlFoobarXmplClient()
        let libnl = try LibnlFoobarXmplClient()
        for text in Self.texts {
            let rawOutcome = Outcome { try raw.echo(text) }
            let libnlOutcome = Outcome { try libnl.echo(text) }
            #expect(rawOutcome == libnlOutcome, "echo of \(text.utf8.count) bytes")
        }
        #expect(Outcome { try raw.echo("hi") } == .value("hi"))
    }

    @Test(arguments: [nil, UInt32(0), 1, 1000])
    func dumpsAreTheSame(count: UInt32?) throws {
        let raw = try GnlFoobarXmplClient()
        let libnl = try LibnlFoobarXmplClient()
        let rawOutcome = Outcome { try raw.dumpAll(count: count) }
        let libnlOutcome = Outcome { try libnl.dumpAll(count: count) }
        #expect(rawOutcome == libnlOutcome)
        if case .value(let messages) = libnlOutcome {
            #expect(messages.count == Int(count ?? UInt32(GnlFoobarXmpl.dumpCountDefault)))
        }
    }

    @Test func bytesEchoesMatchTheStringEchoes() throws {
        let clients: [any FoobarXmplClient] = [try GnlFoobarXmplClient(), try LibnlFoobarXmplClient()]
        for client in clients {
            for text in Self.texts {
                let lent = Outcome {
                    var replies: [String] = []
                    try client.echo(text, bytes: { reply in
                        replies.append(reply.withUnsafeBytes { String(decoding: $0, as: UTF8.self) })
                    })
                    return replies
                }
                let echoed = Outcome { [try client.echo(text)] }
                #expect(lent == echoed, "\(type(of: client)): echo of \(text.utf8.count) bytes")
            }
        }
    }

    @Test(arguments: [UInt32(0), 1, 1000])
    func bytesDumpsMatchTheStringDumps(count: UInt32) throws {
        let clients: [any FoobarXmplClient] = [try GnlFoobarXmplClient(), try LibnlFoobarXmplClient()]
        for client in clients {
            var lent: [FoobarXmplDumpMessage] = []
            try client.dump(count: count, bytes: { index, text in
                lent.append(FoobarXmplDumpMessage(
                    index: index, text: text.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }))
            })
            #expect(lent == (try client.dumpAll(count: count)), "\(type(of: client))")
            #expect(lent.count == Int(count))
        }
    }

    @Test func errorsAreTheSame() throws {
        let raw = try GnlFoobarXmplClient()
        let libnl = try LibnlFoobarXmplClient()
        let rawError = Outcome {
            try raw.replyWithError()
            return true
        }
        #expect(
            rawError
                == Outcome {
                    try libnl.replyWithError()
                    return true
                })
        var expected = NetlinkError(
            errno: Errno(rawValue: CInt(GnlFoobarXmpl.replyErrno)), message: GnlFoobarXmpl.replyErrMsg)
        expected.operation = "reply-with-nlmsg-err"  // both backends name it
        #expect(rawError == .kernelError(expected))
        let overMaximum = UInt32(GnlFoobarXmpl.dumpCountMax) + 1
        let rawDump = Outcome { try raw.dumpAll(count: overMaximum) }
        #expect(rawDump == Outcome { try libnl.dumpAll(count: overMaximum) })
        guard case .kernelError(let error) = rawDump else {
            Issue.record("a count over the maximum was not refused: \(rawDump)")
            return
        }
        #expect(error.message != nil)
        #expect(error.offendingAttributeOffset == 20)
    }

    @Test func familyIDIsTheSame() throws {
        #expect(try GnlFoobarXmplClient().familyID == LibnlFoobarXmplClient().familyID)
    }

    /// A dump request's MSG becomes every message's text (libnl backend only: the
    /// shared protocol has no such parameter yet).
    @Test func dumpWithTextCarriesItInEveryMessage() throws {
        let client = try LibnlFoobarXmplClient()
        var messages: [FoobarXmplDumpMessage] = []
        try client.dump(count: 5, text: "same ✓") { messages.append($0) }
        #expect(messages == (0..<5).map { FoobarXmplDumpMessage(index: $0, text: "same ✓") })
    }
}
