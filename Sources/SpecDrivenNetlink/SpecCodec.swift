import GenericNetlink
import Netlink
import NetlinkSpec

/// Encodes requests and decodes replies of any generic netlink family by its YNL spec,
/// at run time: the family-neutral core of the `gnl` tool, and the counterpart of the
/// typed clients the generator writes at compile time.
///
/// Requests are JSON objects keyed by the spec's attribute names; replies come back the
/// same way (see `encodeAttributes` and `decodeAttributes` for each type's form). What the
/// codec cannot do for a spec is refused as a `SpecError` at the construct's place in
/// the spec (`checkSupported`), never guessed at.
public struct SpecCodec: Sendable {
    public let spec: Spec
    /// Attribute sets by name, and their attributes by number (a reply is read by number).
    let sets: [String: AttributeSet]
    let attributesByValue: [String: [Int: Attribute]]

    public init(spec: Spec) {
        self.spec = spec
        sets = Dictionary(spec.attributeSets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        attributesByValue = sets.mapValues { set in
            Dictionary(set.attributes.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The attributes of an operation's messages: its own set, or for a notification the
    /// set of the operation it repeats (`notify`).
    public func attributeSet(of operation: Operation) -> AttributeSet? {
        if let name = operation.attributeSet { return sets[name] }
        return operation.notify.flatMap(spec.operations.operation(named:)).flatMap(attributeSet(of:))
    }

    /// The struct an operation's messages carry after `genlmsghdr` (genetlink-legacy).
    public func fixedHeader(of operation: Operation) -> Definition? {
        (operation.fixedHeader ?? spec.operations.fixedHeader).flatMap(spec.definition(named:))
    }

    /// The bytes between `nlmsghdr` and the attributes: `genlmsghdr` and any fixed header,
    /// padded to 4 as the kernel reads them (`nlmsg_attrdata`).
    public func headerLength(of operation: Operation) -> Int {
        let fixed = fixedHeader(of: operation).flatMap { spec.structSize($0.name) } ?? 0
        return netlinkAligned(GenericNetlinkHeader.length + fixed)
    }

    /// The operation whose messages carry command number `command` from the kernel: a
    /// reply or a notification.
    public func operation(replyingWith command: UInt8) -> Operation? {
        let candidates = spec.operations.list.filter { $0.replyValue == Int(command) }
        return candidates.first(where: \.isNotification) ?? candidates.first
    }

    /// The family's attributes by number, for naming those the kernel's errors point at.
    public var schema: FamilySchema { FamilySchema(spec: spec) }

    // MARK: Messages

    /// Writes a request's payload after `genlmsghdr`: the fixed header, if the operation
    /// has one (its members taken from `request` beside the attributes, as ynl does), then
    /// the attributes in the order `request` gives them.
    public func encodeRequest(
        _ operation: Operation, _ request: JSONValue, into encoder: inout MessageEncoder
    ) throws {
        var object: JSONObject
        switch request {
        case .object(let given): object = given
        case .null: object = JSONObject()
        default: throw RequestValueError(path: "", "expected an object of attributes, found \(request.kindDescription)")
        }
        if let header = fixedHeader(of: operation) {
            for byte in try StructValues(spec: spec, definition: header).encode(taking: &object, path: "") {
                encoder.append(byte)
            }
            encoder.pad()
        }
        guard let set = attributeSet(of: operation) else {
            throw operation.location.error("operation '\(operation.name)' has no attribute set")
        }
        try encodeAttributes(object, set: set, path: "", into: &encoder)
    }

    /// A message of `operation` from the kernel, given its payload after `genlmsghdr`: the
    /// fixed header's members, then the attributes.
    public func decodeMessage(_ operation: Operation, _ payload: RawSpan) throws -> JSONObject {
        var object = JSONObject()
        var attributes = payload
        if let header = fixedHeader(of: operation) {
            let length = headerLength(of: operation) - GenericNetlinkHeader.length
            let structValues = StructValues(spec: spec, definition: header)
            guard let size = structValues.size, payload.byteCount >= length else {
                throw MalformedMessageError(
                    "a message of \(payload.byteCount) bytes after genlmsghdr is shorter than the fixed header \(header.name)")
            }
            let bytes = payload.withUnsafeBytes { Array($0[0..<size]) }[...]
            object = try structValues.decode(bytes)
            attributes = payload.extracting(length..<payload.byteCount)
        }
        for (key, value) in try decodeAttributes(set: attributeSet(of: operation), in: attributes, path: "").members {
            object[key] = value
        }
        return object
    }
}
