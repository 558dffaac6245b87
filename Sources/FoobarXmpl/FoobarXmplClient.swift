import Netlink

/// One message of a `gnl_foobar_xmpl` dump.
public struct FoobarXmplDumpMessage: Hashable, Sendable {
    /// Position in the dump: 0, 1, 2, … (`GNL_FOOBAR_XMPL_A_DUMP_INDEX`).
    public var index: UInt32
    /// The message text (`GNL_FOOBAR_XMPL_A_MSG`), "dump message <index>".
    public var text: String

    public init(index: UInt32, text: String) {
        self.index = index
        self.text = text
    }
}

/// A client of the `gnl_foobar_xmpl` generic netlink family.
///
/// Two backends implement it: `GnlFoobarXmplClient` (generated from the family's spec, on
/// this package's raw netlink sockets) and the libnl one. Both behave the same way:
/// - opening a client resolves the family; when it is not registered the initialiser
///   throws `FamilyNotFoundError`;
/// - the kernel's refusals are thrown as `NetlinkError` (errno + extended-ACK message);
/// - text a netlink string attribute cannot carry is refused with `UnencodableTextError`
///   before anything is sent (`NetlinkAttribute.checkEncodable(string:)`);
/// - system call failures are thrown as `SystemCallError`.
public protocol FoobarXmplClient {
    /// The family id the kernel assigned to `gnl_foobar_xmpl`.
    var familyID: UInt16 { get }

    /// Sends `text` with `GNL_FOOBAR_XMPL_C_ECHO_MSG` and returns the kernel's reply.
    func echo(_ text: String) throws -> String

    /// Echoes like `echo(_:)` without making a `String` of the reply: `body` gets the
    /// bytes of the reply's text (up to the NUL, not validated as UTF-8), borrowed from the
    /// receive buffer for the duration of the call. For hot loops that read the reply in
    /// place; a String costs a UTF-8 validation and a copy.
    func echo(_ text: String, bytes body: (_ reply: RawSpan) throws -> Void) throws

    /// Dumps `count` messages (nil: the kernel's default, 3), handing each to `body` as it
    /// arrives so a dump of millions never has to be held at once. If `body` throws, the
    /// rest of the dump is drained and the error rethrown. An interrupted dump
    /// (`NLM_F_DUMP_INTR`) is delivered completely, then reported with
    /// `DumpInterruptedError<FoobarXmplDumpMessage>`.
    func dump(count: UInt32?, _ body: (FoobarXmplDumpMessage) throws -> Void) throws

    /// Dumps like `dump(count:_:)` without making a `String` per message: `body` gets each
    /// message's index and the bytes of its text (up to the NUL, not validated as UTF-8),
    /// borrowed from the receive buffer for the duration of the call. For large dumps
    /// whose consumer reads the text in place.
    func dump(count: UInt32?, bytes body: (_ index: UInt32, _ text: RawSpan) throws -> Void)
        throws

    /// Sends `GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR`, which always fails: throws the
    /// kernel's `NetlinkError` (EINVAL with `GNL_FOOBAR_XMPL_REPLY_ERR_MSG`).
    func replyWithError() throws
}

extension FoobarXmplClient {
    /// Dumps `count` messages and returns them all (for small dumps).
    public func dumpAll(count: UInt32? = nil) throws -> [FoobarXmplDumpMessage] {
        var messages: [FoobarXmplDumpMessage] = []
        do {
            try dump(count: count) { messages.append($0) }
        } catch let interrupted as DumpInterruptedError<FoobarXmplDumpMessage> {
            throw DumpInterruptedError(
                sequence: interrupted.sequence, messageCount: interrupted.messageCount,
                partialResults: messages)
        }
        return messages
    }
}
