import CLibnlGenl
import GenericNetlink
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The family-neutral half of a client on libnl-genl-3, used the way libnl is meant to be
/// used: `genl_ctrl_resolve`, messages built with `genlmsg_put`/`nla_put_*`, sent with
/// `nl_send_auto` (which asks for an ACK and numbers the request), received with
/// `nl_recvmsgs` and callbacks with libnl's sequence check on, replies parsed with
/// `genlmsg_parse` and a policy made from the family's schema. A family's libnl client
/// is its commands over this.
///
/// It throws what the raw clients throw (`NetlinkError` with the operation and attribute
/// named, `DumpInterruptedError`, `FamilyNotFoundError`); libnl's own failures, which the
/// raw clients cannot have, are `LibnlError`. No libnl type appears in its API. A client
/// is not thread-safe, and a dump's closure must not use the client it was given to.
public final class LibnlGenericClient {
    let socket: LibnlSocket
    /// One set of callbacks for all requests; each request points them at its own state.
    private let callbacks: LibnlCallbacks
    /// The sequence number of a request that could not be sent. libnl numbered it and
    /// now expects its answer, which will never come: the next request reuses the number
    /// so that libnl's sequence check stays in step.
    private var unsentSequence: UInt32?
    public let familyID: UInt16
    /// The interface version sent in every request's `genlmsghdr`.
    public let version: UInt8
    /// The family's attributes: replies are parsed and errors named with it.
    public let schema: FamilySchema

    /// Opens a libnl socket and resolves `familyName`; throws `FamilyNotFoundError` when
    /// the family is not registered.
    public init(familyName: String, version: UInt8, schema: FamilySchema) throws {
        socket = try LibnlSocket()
        familyID = try resolveFamily(named: familyName, on: socket)
        callbacks = try LibnlCallbacks()
        self.version = version
        self.schema = schema
    }

    /// How a request went, when the kernel did not refuse it.
    public struct ExchangeResult: Sendable {
        /// The request's sequence number, as `nl_send_auto` assigned it.
        public var sequence: UInt32
        /// Reply messages received (for a dump: the dump's messages).
        public var messageCount: Int
        /// A message came with `NLM_F_DUMP_INTR`; all of the dump was still read.
        public var isInterrupted: Bool
    }

    /// Sends one request to the family and reads its whole answer, handing every reply
    /// message to `handle`.
    ///
    /// `writeAttributes` adds the attributes with `nla_put_*` (room for `attributeSpace`
    /// bytes of them was made) and returns libnl's result. A dump (`NLM_F_DUMP`) is read
    /// to its `NLMSG_DONE`, any other request to the ACK `nl_send_auto` asked for or to
    /// the kernel's `NLMSG_ERROR`. When `handle` throws, the rest of the answer is read
    /// and dropped, then its error is rethrown; then the kernel's, if any, with
    /// `operation` and the attribute it points at in `set` named.
    @discardableResult
    public func exchange(
        command: UInt8, operation: String, set: String, dump: Bool = false, attributeSpace: Int,
        _ writeAttributes: (OpaquePointer) -> CInt,
        each handle: (UnsafeMutablePointer<nlmsghdr>) throws -> Void
    ) throws -> ExchangeResult {
        let message = try LibnlMessage(attributeSpace: attributeSpace)
        let flags = dump ? NetlinkMessageFlags.dump.rawValue : 0
        guard
            genlmsg_put(
                message.pointer, UInt32(NL_AUTO_PORT), unsentSequence ?? UInt32(NL_AUTO_SEQ),
                CInt(familyID), 0, CInt(flags), command, version) != nil
        else {
            throw LibnlError(function: "genlmsg_put", code: NLE_NOMEM)
        }
        try LibnlFailure.check(call: "nla_put") { writeAttributes(message.pointer) }
        do {
            return try send(message, handle)
        } catch let error as NetlinkError {
            let header = message.header
            let request = [UInt8](UnsafeRawBufferPointer(start: header, count: Int(header.pointee.nlmsg_len)))
            throw error.naming(operation: operation, request: request, set: set, schema: schema)
        }
    }

    private func send(
        _ message: borrowing LibnlMessage, _ handle: (UnsafeMutablePointer<nlmsghdr>) throws -> Void
    ) throws -> ExchangeResult {
        try withoutActuallyEscaping(handle) { handle in
            var state = LibnlExchange(handle: handle)
            return try withUnsafeMutablePointer(to: &state) { state in
                LibnlExchange.install(state, on: callbacks.pointer)
                errno = 0
                let sent = nl_send_auto(socket.pointer, message.pointer)
                let savedErrno = errno
                let sequence = message.header.pointee.nlmsg_seq
                guard sent >= 0 else {
                    unsentSequence = sequence
                    throw LibnlFailure.error(code: sent, call: "sendmsg", errno: savedErrno)
                }
                unsentSequence = nil
                while !state.pointee.isFinished {
                    errno = 0
                    let result = nl_recvmsgs(socket.pointer, callbacks.pointer)
                    let savedErrno = errno
                    // The kernel's refusal; libnl returns it as an NLE code as well.
                    if state.pointee.answerError != nil { break }
                    if result == -NLE_DUMP_INTR {
                        // libnl read the dump to its end, then said it was interrupted.
                        state.pointee.isInterrupted = true
                    } else if result < 0 {
                        throw LibnlFailure.error(code: result, call: "recvmsg", errno: savedErrno)
                    }
                }
                if let error = state.pointee.handlerError ?? state.pointee.answerError {
                    throw error
                }
                return ExchangeResult(
                    sequence: sequence, messageCount: state.pointee.messageCount,
                    isInterrupted: state.pointee.isInterrupted)
            }
        }
    }

    /// Parses a reply with `genlmsg_parse` and `policy` and hands `body` the attribute
    /// table, indexed by attribute type.
    public func withAttributes<Result>(
        of header: UnsafeMutablePointer<nlmsghdr>, policy: LibnlPolicy,
        _ body: (UnsafeMutableBufferPointer<UnsafeMutablePointer<nlattr>?>) throws -> Result
    ) throws -> Result {
        try withUnsafeTemporaryAllocation(
            of: UnsafeMutablePointer<nlattr>?.self, capacity: policy.entries.count
        ) { table in
            let result = genlmsg_parse(header, 0, table.baseAddress, policy.maximumType, policy.entries)
            guard result == 0 else {
                throw MalformedMessageError("reply attributes: \(String(cString: nl_geterror(result)))")
            }
            try Self.checkNothingLeftOver(header)
            return try body(table)
        }
    }
}

extension LibnlGenericClient {
    /// nla_parse stops quietly at an attribute that runs past the message (it only logs
    /// the leftover bytes), which would drop it: walk the attributes as it did and throw
    /// if bytes are left, as the raw clients do.
    static func checkNothingLeftOver(_ header: UnsafeMutablePointer<nlmsghdr>) throws {
        let genericHeader = nlmsg_data(header).assumingMemoryBound(to: genlmsghdr.self)
        var remaining = genlmsg_attrlen(genericHeader, 0)
        var attribute = genlmsg_attrdata(genericHeader, 0)
        while nla_ok(attribute, remaining) != 0 {
            attribute = nla_next(attribute, &remaining)
        }
        if remaining > 0 {
            throw MalformedMessageError("reply attributes: \(remaining) bytes left that are no attribute")
        }
    }
}

/// A libnl reply policy made from an attribute set of a family's schema: what
/// `genlmsg_parse` checks before an attribute is read (the type's size, a string's NUL).
/// Built once per set by a family's client.
public struct LibnlPolicy: @unchecked Sendable {
    let entries: [nla_policy]
    var maximumType: CInt { CInt(entries.count - 1) }

    public init(_ set: AttributeSetSchema) {
        var entries = [nla_policy](repeating: nla_policy(), count: Int(set.attributes.keys.max() ?? 0) + 1)
        for (type, attribute) in set.attributes {
            entries[Int(type)] = Self.entry(attribute.kind)
        }
        self.entries = entries
    }

    private static func entry(_ kind: AttributeSchema.Kind) -> nla_policy {
        func fixed(_ type: Int, _ size: UInt16) -> nla_policy {
            nla_policy(type: UInt16(type), minlen: size, maxlen: size)
        }
        switch kind {
        case .u8: return fixed(NLA_U8, 1)
        case .u16: return fixed(NLA_U16, 2)
        case .u32: return fixed(NLA_U32, 4)
        case .u64: return fixed(NLA_U64, 8)
        case .s8: return fixed(NLA_S8, 1)
        case .s16: return fixed(NLA_S16, 2)
        case .s32: return fixed(NLA_S32, 4)
        case .s64: return fixed(NLA_S64, 8)
        case .string: return nla_policy(type: UInt16(NLA_STRING), minlen: 0, maxlen: 0)
        case .flag: return nla_policy(type: UInt16(NLA_FLAG), minlen: 0, maxlen: 0)
        case .nest, .indexedArray, .nestTypeValue:
            return nla_policy(type: UInt16(NLA_NESTED), minlen: 0, maxlen: 0)
        case .uint, .sint: return nla_policy(type: UInt16(NLA_UNSPEC), minlen: 4, maxlen: 8)
        case .bitfield32: return nla_policy(type: UInt16(NLA_UNSPEC), minlen: 8, maxlen: 8)
        case .binary, .pad, .unused: return nla_policy()
        }
    }
}
