import FoobarXmpl
import GenericNetlink
import Netlink
import Testing

@testable import FoobarXmplLibnl

/// The family's commands against the host kernel, which has no gnl_foobar_xmpl but always
/// has nlctrl: a client opened on nlctrl sends them to a family that does not implement
/// them, so each reaches the kernel and comes back refused, named as the family's
/// operation. The request machinery itself is GenericNetlinkLibnlTests' business.
@Suite struct LiveCommandTests {
    static let nlctrl = "nlctrl"

    @Test func openingWithoutTheModuleThrowsFamilyNotFound() throws {
        #expect(throws: FamilyNotFoundError(name: GnlFoobarXmpl.familyName)) {
            try LibnlFoobarXmplClient()
        }
    }

    @Test func eachCommandIsSentAsItsOperation() throws {
        // ECHO_MSG (1) is CTRL_CMD_NEWFAMILY and REPLY_WITH_NLMSG_ERR (2) is
        // CTRL_CMD_DELFAMILY to nlctrl: neither has a handler.
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        let echo = try #require(throws: NetlinkError.self) { try client.echo("hi") }
        let echoBytes = try #require(throws: NetlinkError.self) { try client.echo("hi", bytes: { _ in }) }
        let reply = try #require(throws: NetlinkError.self) { try client.replyWithError() }
        let dump = try #require(throws: NetlinkError.self) { try client.dump(count: 3) { _ in } }
        let dumpBytes = try #require(throws: NetlinkError.self) {
            try client.dump(count: nil, bytes: { _, _ in })
        }
        let dumpText = try #require(throws: NetlinkError.self) {
            try client.dump(count: 1, text: "x") { _ in }
        }
        let errors = [echo, echoBytes, reply, dump, dumpBytes, dumpText]
        #expect(errors.map(\.errno) == Array(repeating: .notSupported, count: errors.count))
        #expect(
            errors.map(\.operation) == [
                "echo-msg", "echo-msg", "reply-with-nlmsg-err", "echo-msg", "echo-msg", "echo-msg",
            ])
        // Each error carries its own request's sequence number: libnl stayed in step.
        #expect(zip(errors, errors.dropFirst()).allSatisfy { $1.sequence == $0.sequence &+ 1 })
    }

    @Test func unencodableTextIsRefusedBeforeSending() throws {
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        // Sent, either would be refused by the kernel with EOPNOTSUPP instead.
        let long = String(repeating: "x", count: NetlinkAttribute.maximumStringLength + 1)
        #expect(throws: UnencodableTextError(byteCount: long.utf8.count)) { try client.echo(long) }
        #expect(throws: UnencodableTextError(byteCount: 10, nulOffset: 3)) {
            try client.echo("nul\0inside")
        }
        #expect(throws: UnencodableTextError.self) { try client.echo("nul\0", bytes: { _ in }) }
        #expect(throws: UnencodableTextError.self) {
            try client.dump(count: 1, text: "nul\0") { _ in }
        }
        #expect(throws: UnencodableTextError.self) {
            try client.dump(count: nil, text: long) { _ in }
        }
        let next = try #require(throws: NetlinkError.self) { try client.echo("after") }
        #expect(next.errno == .notSupported)
    }

    @Test func longestEncodableTextIsSent() throws {
        // The request has room for it, so it reaches the kernel (which refuses the command).
        let client = try LibnlFoobarXmplClient(familyName: Self.nlctrl)
        let longest = String(repeating: "y", count: NetlinkAttribute.maximumStringLength)
        let error = try #require(throws: NetlinkError.self) { try client.echo(longest) }
        #expect(error.errno == .notSupported)
        let dump = try #require(throws: NetlinkError.self) {
            try client.dump(count: 1, text: longest) { _ in }
        }
        #expect(dump.errno == .notSupported)
    }
}
