import CLibnlGenl
import FoobarXmpl
import GenericNetlink
import Netlink
import Testing

@testable import FoobarXmplLibnl

#if canImport(Glibc)
import Glibc
#endif

/// The libnl client against the host kernel, which has no gnl_foobar_xmpl but always
/// has nlctrl: a client opened on nlctrl sends the family's commands to a family that
/// does not implement them, and the kernel's answers exercise every path of the
/// client — requests, replies, dumps, errors with extended ACK, libnl's sequence
/// check — without the module.
@Suite struct LiveClientTests {
    static let nlctrl = "nlctrl"

    @Test func openingWithoutTheModuleThrowsFamilyNotFound() throws {
        #expect(throws: FamilyNotFoundError(name: FoobarXmplFamily.name)) {
            try LibnlFoobarXmplClient()
        }
        #expect(throws: FamilyNotFoundError(name: "no_such_fam")) {
            try LibnlFoobarXmplClient(familyName: "no_such_fam")
        }
    }

    @Test func resolvesNlctrlToItsFixedID() throws {
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        #expect(client.familyID == Controller.familyID)
    }

    @Test func commandsNlctrlDoesNotImplementAreRefusedWithTheirErrno() throws {
        // ECHO_MSG (1) is CTRL_CMD_NEWFAMILY and REPLY_WITH_NLMSG_ERR (2) is
        // CTRL_CMD_DELFAMILY to nlctrl: neither has a handler.
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        let echo = try #require(throws: NetlinkError.self) { try client.echo("hi") }
        #expect(echo.errno == Errno.notSupported)
        let reply = try #require(throws: NetlinkError.self) { try client.replyWithError() }
        #expect(reply.errno == Errno.notSupported)
        let dump = try #require(throws: NetlinkError.self) { try client.dump(count: 3) { _ in } }
        #expect(dump.errno == Errno.notSupported)
        // Each error carries its own request's sequence number: libnl stayed in step.
        #expect(reply.sequence == echo.sequence &+ 1)
        #expect(dump.sequence == reply.sequence &+ 1)
    }

    @Test func unencodableTextIsRefusedBeforeSending() throws {
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        // Sent, either would be refused by the kernel with EOPNOTSUPP instead.
        let long = String(repeating: "x", count: NetlinkAttribute.maximumStringLength + 1)
        #expect(throws: UnencodableTextError(byteCount: long.utf8.count)) { try client.echo(long) }
        #expect(throws: UnencodableTextError(byteCount: 10, nulOffset: 3)) {
            try client.echo("nul\0inside")
        }
        #expect(throws: UnencodableTextError.self) {
            try client.dump(count: 1, text: "nul\0") { _ in }
        }
        #expect(throws: UnencodableTextError.self) {
            try client.dump(count: nil, text: long) { _ in }
        }
        let next = try #require(throws: NetlinkError.self) { try client.echo("after") }
        #expect(next.errno == Errno.notSupported)
    }

    @Test func failedSendLeavesTheClientInStep() throws {
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        // A send buffer too small for the request: sendmsg fails with EMSGSIZE.
        var small: CInt = 1024
        let descriptor = nl_socket_get_fd(client.socket.pointer)
        #expect(
            setsockopt(
                descriptor, SOL_SOCKET, SO_SNDBUF, &small, socklen_t(MemoryLayout<CInt>.size))
                == 0)
        let text = String(repeating: "z", count: 8000)
        for _ in 0..<2 {
            let error = try #require(throws: SystemCallError.self) { try client.echo(text) }
            #expect(error.errno == Errno(rawValue: EMSGSIZE))
        }
        // libnl numbered the unsent requests; the next one is still answered in step.
        var large = CInt(LibnlSocket.sendBufferSize)
        #expect(
            setsockopt(
                descriptor, SOL_SOCKET, SO_SNDBUF, &large, socklen_t(MemoryLayout<CInt>.size))
                == 0)
        let first = try #require(throws: NetlinkError.self) { try client.echo(text) }
        #expect(first.errno == .notSupported)
        let second = try #require(throws: NetlinkError.self) { try client.echo("hi") }
        #expect(second.sequence == first.sequence &+ 1)
        #expect(try getFamily(client, name: "nlctrl").0 == Controller.familyID)
    }

    @Test func longestEncodableTextIsSent() throws {
        // It fits one attribute, so it reaches the kernel (which refuses the command).
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        let longest = String(repeating: "y", count: NetlinkAttribute.maximumStringLength)
        let error = try #require(throws: NetlinkError.self) { try client.echo(longest) }
        #expect(error.errno == Errno.notSupported)
    }

    // MARK: nlctrl's own commands, through the client's request machinery

    /// CTRL_CMD_GETFAMILY for `name`, its reply's family id handed back.
    func getFamily(_ client: LibnlFoobarXmplClient, name: String) throws -> (UInt16?, Int) {
        var id: UInt16?
        let result = try client.exchange(
            command: UInt8(CTRL_CMD_GETFAMILY), version: 1,
            attributeSpace: Int(nla_total_size(CInt(name.utf8.count + 1))),
            { nla_put_string($0, CInt(CTRL_ATTR_FAMILY_NAME), name) },
            each: { header in
                let attribute = genlmsg_attrdata(genlmsg_hdr(header), 0)
                let length = genlmsg_attrlen(genlmsg_hdr(header), 0)
                if let found = nla_find(attribute, length, CInt(CTRL_ATTR_FAMILY_ID)) {
                    id = nla_get_u16(found)
                }
            })
        return (id, result.messageCount)
    }

    /// Every family's name, from a CTRL_CMD_GETFAMILY dump streamed through `each`.
    func familyNames(
        _ client: LibnlFoobarXmplClient, each: (String) throws -> Void = { _ in }
    ) throws -> [String] {
        var names: [String] = []
        try client.exchange(
            command: UInt8(CTRL_CMD_GETFAMILY), version: 1, dump: true, attributeSpace: 0,
            { _ in 0 },
            each: { header in
                let attribute = genlmsg_attrdata(genlmsg_hdr(header), 0)
                let length = genlmsg_attrlen(genlmsg_hdr(header), 0)
                let found = try #require(nla_find(attribute, length, CInt(CTRL_ATTR_FAMILY_NAME)))
                let name = String(cString: nla_get_string(found))
                names.append(name)
                try each(name)
            })
        return names
    }

    @Test func requestWithAReplyAndAnAck() throws {
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        for _ in 0..<3 {
            let (id, replies) = try getFamily(client, name: "nlctrl")
            #expect(id == Controller.familyID)
            #expect(replies == 1)
        }
    }

    @Test func dumpIsStreamedAndMatchesTheRawBackend() throws {
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        let names = try familyNames(client)
        #expect(names.contains("nlctrl"))
        var raw = try GenericNetlinkConnection()
        #expect(names.sorted() == (try raw.families()).map(\.name).sorted())
    }

    @Test func dumpIsDrainedWhenTheBodyThrows() throws {
        struct Enough: Error {}
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        let all = try familyNames(client)
        var seen = 0
        #expect(throws: Enough.self) {
            try familyNames(client) { _ in
                seen += 1
                throw Enough()
            }
        }
        #expect(seen == 1)
        // The rest of that dump was read: the next answers are in step.
        #expect(try familyNames(client) == all)
        #expect(try getFamily(client, name: "nlctrl").0 == Controller.familyID)
    }

    @Test func kernelErrorCarriesTheExtendedAckLikeTheRawBackend() throws {
        // GENL_NAMSIZ is 16 with the NUL: nlctrl's policy rejects the attribute.
        let name = "a_name_too_long_for_genl"
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        let error = try #require(throws: NetlinkError.self) { try getFamily(client, name: name) }
        #expect(error.errno == .invalidArgument || error.errno == .resultOutOfRange)
        #expect(error.message != nil)
        // nlmsghdr (16) + genlmsghdr (4): the name is the first attribute.
        #expect(error.offendingAttributeOffset == 20)

        var raw = try GenericNetlinkConnection()
        var rawError = try #require(throws: NetlinkError.self) { try raw.family(named: name) }
        rawError.sequence = error.sequence  // each socket numbers its own requests
        #expect(error == rawError)
        #expect(try getFamily(client, name: "nlctrl").0 == Controller.familyID)
    }

    @Test func unknownFamilyIsAnErrnoWithoutExtendedAck() throws {
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        let error = try #require(throws: NetlinkError.self) {
            try getFamily(client, name: "no_such_fam")
        }
        #expect(error.errno == .noSuchFileOrDirectory)
    }

    @Test func manyClientsOpenAndCloseCleanly() throws {
        // Each client owns a socket and a callback set; deinit frees both.
        for _ in 0..<200 {
            let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
            #expect(client.familyID == Controller.familyID)
        }
        for _ in 0..<50 {
            #expect(throws: FamilyNotFoundError.self) { try LibnlFoobarXmplClient() }
        }
    }
}
