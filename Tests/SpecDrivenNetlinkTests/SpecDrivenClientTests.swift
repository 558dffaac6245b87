import CNetlink
import Glibc
import GenericNetlink
import Netlink
import NetlinkTesting
import SpecDrivenNetlink
import Testing

/// The spec-driven client against a fake kernel: what it sends, how it reads the answers
/// (replies, acknowledgements, dumps, interrupted dumps) and how it names errors.
@Suite struct SpecDrivenClientTests {
    static let familyID: UInt16 = 0x30

    /// A kernel with the codec spec's family: `get` answers with the request's own
    /// attributes (twice when `u8` is 2, not at all when 0), `with-header` echoes too, a
    /// dump of `get` sends `u8` messages, and `failing` refuses pointing at byte `offset`.
    static func client(
        interruptDumps: Int = 0, errorOffset: UInt32? = nil
    ) throws -> SpecDrivenClient<FakeKernel> {
        var interruptions = interruptDumps
        let kernel = FakeKernel { request in
            if request.header.type == Controller.familyID {
                let family = GenericNetlinkFamily(name: "codec", id: familyID, version: 1)
                return [try FakeKernel.reply(to: request) { encoder in
                    encoder.append(GenericNetlinkHeader(command: UInt8(CTRL_CMD_NEWFAMILY), version: 2))
                    try family.appendAttributes(to: &encoder)
                }]
            }
            let message = try GenericNetlinkMessage(decoding: request)
            if let errorOffset {
                return [try FakeKernel.error(EINVAL, answering: request, message: "no", offset: errorOffset)]
            }
            let attributes = Array(message.payload)
            if request.header.flags.contains(.dump) {
                let count = attributes.count >= 5 ? Int(attributes[4]) : 0
                let flags: NetlinkMessageFlags = interruptions > 0 ? [.multipart, .dumpInterrupted] : .multipart
                interruptions -= 1
                var replies = (0..<count).map { index in
                    FakeKernel.reply(to: request, flags: flags) { encoder in
                        encoder.append(GenericNetlinkHeader(command: message.header.command, version: 1))
                        for byte in CodecSpec.attribute(CodecSpec.type("u8"), [UInt8(index)]) { encoder.append(byte) }
                    }
                }
                replies.append(try FakeKernel.done(answering: request, flags: flags))
                return [FakeKernel.datagram(replies)]
            }
            let copies = attributes.count >= 5 && attributes[0] == 5 && attributes[2] == 1 ? Int(attributes[4]) : 1
            let echo = (0..<copies).map { _ in
                FakeKernel.reply(to: request) { encoder in
                    encoder.append(GenericNetlinkHeader(command: message.header.command, version: 1))
                    for byte in attributes { encoder.append(byte) }
                }
            }
            return [FakeKernel.datagram(echo + [FakeKernel.acknowledgement(of: request)])]
        }
        return try SpecDrivenClient(spec: CodecSpec.spec, connection: GenericNetlinkConnection(transport: kernel))
    }

    @Test func aDoAnswersWithItsReplyNullOrAList() throws {
        let client = try Self.client()
        #expect(try client.do("get", request: JSONValue(parsing: #"{"u8": 1, "text": "hi"}"#))
            == JSONValue(parsing: #"{"u8": 1, "text": "hi"}"#))
        #expect(try client.do("get", request: JSONValue(parsing: #"{"u8": 0}"#)) == .null)
        #expect(try client.do("get", request: JSONValue(parsing: #"{"u8": 2}"#))
            == JSONValue(parsing: #"[{"u8": 2}, {"u8": 2}]"#))
    }

    @Test func theFixedHeaderTravelsAndComesBack() throws {
        let client = try Self.client()
        let reply = try client.do("with-header", request: JSONValue(parsing: #"{"index": 9, "kind": "blue", "u32": 3}"#))
        #expect(reply == (try JSONValue(parsing: #"{"index": 9, "kind": "blue", "pad": "000000", "u32": 3}"#)))
    }

    @Test func aDumpGivesEveryMessage() throws {
        let client = try Self.client()
        let messages = try client.dump("get", request: JSONValue(parsing: #"{"u8": 3}"#))
        #expect(messages.map { $0["u8"] } == [.integer(0), .integer(1), .integer(2)])
    }

    @Test func anInterruptedDumpIsRetriedThenThrown() throws {
        let retried = try Self.client(interruptDumps: 1)
        #expect(try retried.dump("get", request: JSONValue(parsing: #"{"u8": 2}"#)).count == 2)
        let given = try Self.client(interruptDumps: 5)
        #expect(throws: DumpInterruptedError<NetlinkMessage>.self) {
            _ = try given.dump("get", request: JSONValue(parsing: #"{"u8": 2}"#), attempts: 3)
        }
    }

    /// The offset counts from `nlmsghdr`; with a fixed header the attributes start later.
    @Test func errorsNameTheAttributeAfterTheFixedHeader() throws {
        // nlmsghdr 16 + genlmsghdr 4 + hdr 8: the first attribute is at 28.
        let client = try Self.client(errorOffset: 28)
        let error = try #require(throws: NetlinkError.self) {
            _ = try client.do("with-header", request: JSONValue(parsing: #"{"index": 1, "u32": 3}"#))
        }
        #expect("\(error)" == "with-header: EINVAL (22): no (bad attribute: .u32)")
        let nested = try Self.client(errorOffset: 24)
        let inner = try #require(throws: NetlinkError.self) {
            _ = try nested.do("get", request: JSONValue(parsing: #"{"inner": {"a": 1}}"#))
        }
        #expect(inner.offendingAttribute == ".inner.a")
    }

    @Test func operationsAreCheckedBeforeAnythingIsSent() throws {
        let client = try Self.client()
        #expect { _ = try client.do("nope", request: .null) } throws: { "\($0)".hasPrefix("family codec has no operation 'nope'") }
        #expect { _ = try client.dump("with-header", request: .null) } throws: {
            "\($0)" == "operation 'with-header' has no dump (it has: do)"
        }
    }
}
