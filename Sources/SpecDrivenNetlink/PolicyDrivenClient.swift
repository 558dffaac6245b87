import GenericNetlink
import Netlink

/// Calls a family that has no spec here, by command number, with attributes typed by the
/// kernel's policy (`PolicyCodec`); kernel errors describe the attribute they point at by
/// that policy (`bad attribute: type 1 of command 1's policy: u32, max 10`).
public final class PolicyDrivenClient<Transport: NetlinkTransport & ~Copyable> {
    public let family: GenericNetlinkFamily
    public let codec: PolicyCodec
    private var connection: GenericNetlinkConnection<Transport>

    /// Resolves `familyName` and dumps its policy; throws `FamilyNotFoundError` when the
    /// kernel does not register it.
    public init(familyName: String, connection: consuming GenericNetlinkConnection<Transport>) throws {
        family = try connection.family(named: familyName)
        codec = PolicyCodec(policies: try KernelPolicies.load(family: family, connection: &connection))
        self.connection = connection
    }

    /// Called with each warning the kernel attaches to an answer that succeeded (an
    /// extended-ACK message on an acknowledgement, or on the end of a dump).
    public var warningHandler: ((NetlinkWarning) -> Void)? {
        get { connection.netlink.warningHandler }
        set { connection.netlink.warningHandler = newValue }
    }

    /// Checks that the kernel implements `command` in `mode`.
    private func check(_ command: UInt8, mode: OperationMode) throws {
        guard let operation = family.operations.first(where: { $0.command == UInt32(command) }) else {
            let known = family.operations.map { String($0.command) }.joined(separator: ", ")
            throw OperationError("family \(family.name) has no command \(command) (commands: \(known))")
        }
        guard operation.flags.contains(mode == .do ? .canDo : .canDump) else {
            throw OperationError("command \(command) of family \(family.name) has no \(mode.rawValue)")
        }
    }

    /// Sends a `do` request; the answer as `SpecDrivenClient.do` gives it.
    public func `do`(_ command: UInt8, request: JSONValue, flags: NetlinkMessageFlags = []) throws -> JSONValue {
        try check(command, mode: .do)
        let object = try Self.object(request)
        var replies: [JSONValue] = []
        try naming(command, mode: .do) { connection in
            try connection.requestAcknowledged(
                family: family.id, command: command, version: 1, flags: flags,
                { try codec.encodeRequest(object, command: command, mode: .do, into: &$0) },
                each: { message in replies.append(.object(try PolicyCodec.decodeAttributes(in: message.payload.span.bytes))) })
        }
        return JSONValue(doReplies: replies)
    }

    /// Dumps `command` and returns every message.
    public func dump(_ command: UInt8, request: JSONValue) throws -> [JSONObject] {
        try check(command, mode: .dump)
        let object = try Self.object(request)
        var messages: [JSONObject] = []
        try naming(command, mode: .dump) { connection in
            try connection.dump(
                family: family.id, command: command, version: 1,
                { try codec.encodeRequest(object, command: command, mode: .dump, into: &$0) },
                eachAttributes: { _, payload in messages.append(try PolicyCodec.decodeAttributes(in: payload)) })
        }
        return messages
    }

    private static func object(_ request: JSONValue) throws(RequestValueError) -> JSONObject {
        switch request {
        case .object(let object): return object
        case .null: return JSONObject()
        default: throw RequestValueError(path: "", "expected an object of attributes, found \(request.kindDescription)")
        }
    }

    private func naming(
        _ command: UInt8, mode: OperationMode, _ body: (inout GenericNetlinkConnection<Transport>) throws -> Void
    ) throws {
        do {
            try body(&connection)
        } catch let error as NetlinkError {
            throw error.naming(
                operation: "\(family.name) command \(command)", request: connection.netlink.lastRequest(), command: command,
                mode: mode, codec: codec)
        }
    }
}

extension PolicyDrivenClient where Transport == NetlinkSocket {
    /// Opens a netlink socket, resolves the family and dumps its policy.
    public convenience init(familyName: String) throws {
        try self.init(familyName: familyName, connection: GenericNetlinkConnection())
    }
}
