import GenericNetlink
import Netlink
import NetlinkSpec

/// Calls the operations of a generic netlink family by its spec: requests from JSON,
/// replies as JSON, kernel errors with the attribute they point at named by the spec
/// (`dev-get: ERANGE (34): integer out of range (bad attribute: .ifindex)`).
///
/// Like the generated clients it is not for use from several threads at once.
public final class SpecDrivenClient<Transport: NetlinkTransport & ~Copyable> {
    public let codec: SpecCodec
    /// The family as nlctrl described it when the client was opened.
    public let family: GenericNetlinkFamily
    private var connection: GenericNetlinkConnection<Transport>
    private let schema: FamilySchema

    /// The version requests carry in `genlmsghdr`; the kernel's YNL tools always send 1.
    static var requestVersion: UInt8 { 1 }

    /// Resolves the spec's family over `connection`; throws `FamilyNotFoundError` when the
    /// kernel does not register it.
    public init(spec: Spec, connection: consuming GenericNetlinkConnection<Transport>) throws {
        codec = SpecCodec(spec: spec)
        family = try connection.family(named: spec.name)
        schema = codec.schema
        self.connection = connection
    }

    public var spec: Spec { codec.spec }

    /// Called with each warning the kernel attaches to an answer that succeeded (an
    /// extended-ACK message on an acknowledgement, or on the end of a dump).
    public var warningHandler: ((NetlinkWarning) -> Void)? {
        get { connection.netlink.warningHandler }
        set { connection.netlink.warningHandler = newValue }
    }

    /// The operation called `name`, which must have `mode` (`do` or `dump`).
    public func operation(named name: String, mode: OperationMode) throws -> Operation {
        guard let operation = spec.operations.operation(named: name) else { throw OperationError.unknown(name, in: spec) }
        let hasMode = mode == .do ? operation.doMode != nil : operation.dumpMode != nil
        guard hasMode, let command = operation.requestValue, command <= Int(UInt8.max) else {
            let modes = [operation.doMode.map { _ in "do" }, operation.dumpMode.map { _ in "dump" }].compactMap { $0 }
            throw OperationError(
                "operation '\(name)' has no \(mode.rawValue)"
                    + (modes.isEmpty ? " (it is a notification)" : " (it has: \(modes.joined(separator: ", ")))"))
        }
        try codec.checkSupported(operation)
        return operation
    }

    /// Sends a `do` request (with `NLM_F_ACK`) and returns its answer: the reply object,
    /// null when the kernel only acknowledged it, a list when it sent several.
    public func `do`(_ name: String, request: JSONValue, flags: NetlinkMessageFlags = []) throws -> JSONValue {
        let operation = try operation(named: name, mode: .do)
        var replies: [JSONValue] = []
        try naming(operation) { connection in
            try connection.requestAcknowledged(
                family: family.id, command: UInt8(operation.requestValue!), version: Self.requestVersion, flags: flags,
                { try codec.encodeRequest(operation, request, into: &$0) },
                each: { message in
                    replies.append(.object(try codec.decodeMessage(operation, message.payload.span.bytes)))
                })
        }
        return JSONValue(doReplies: replies)
    }

    /// Dumps an operation, handing each message, decoded, to `body` as it arrives.
    /// Returns how many there were; an interrupted dump (`NLM_F_DUMP_INTR`) is thrown
    /// after the last one.
    @discardableResult
    public func dump(
        _ name: String, request: JSONValue, flags: NetlinkMessageFlags = [], each body: (JSONObject) throws -> Void
    ) throws -> Int {
        let operation = try operation(named: name, mode: .dump)
        return try naming(operation) { connection in
            try connection.dump(
                family: family.id, command: UInt8(operation.requestValue!), version: Self.requestVersion, flags: flags,
                { try codec.encodeRequest(operation, request, into: &$0) },
                eachAttributes: { _, payload in try body(codec.decodeMessage(operation, payload)) })
        }
    }

    /// Dumps an operation and returns every message; an interrupted dump is re-issued up to
    /// `attempts` times in all, then thrown.
    public func dump(_ name: String, request: JSONValue, flags: NetlinkMessageFlags = [], attempts: Int = 3) throws -> [JSONObject] {
        var attempt = 1
        while true {
            var messages: [JSONObject] = []
            do {
                try dump(name, request: request, flags: flags) { messages.append($0) }
                return messages
            } catch is DumpInterruptedError<NetlinkMessage> where attempt < attempts {
                attempt += 1
            }
        }
    }

    /// Runs `body` with the connection, naming the operation and the attributes of a
    /// kernel error from the spec.
    private func naming<Result>(
        _ operation: Operation, _ body: (inout GenericNetlinkConnection<Transport>) throws -> Result
    ) throws -> Result {
        do {
            return try body(&connection)
        } catch let error as NetlinkError {
            guard let set = codec.attributeSet(of: operation) else { throw error }
            throw error.naming(
                operation: operation.name, request: connection.netlink.lastRequest(), set: set.name, schema: schema,
                headerLength: codec.headerLength(of: operation))
        }
    }
}

extension SpecDrivenClient where Transport == NetlinkSocket {
    /// Opens a netlink socket and resolves the spec's family.
    public convenience init(spec: Spec) throws {
        try self.init(spec: spec, connection: GenericNetlinkConnection())
    }
}

/// `--do` or `--dump`.
public enum OperationMode: String, Sendable {
    case `do`, dump
}

extension JSONValue {
    /// What a `do` answered, as ynl shows it: null for an acknowledgement alone, the reply,
    /// or a list when there were several.
    init(doReplies replies: [JSONValue]) {
        switch replies.count {
        case 0: self = .null
        case 1: self = replies[0]
        default: self = .array(replies)
        }
    }
}
