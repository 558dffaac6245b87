import NetlinkSpec

/// A request struct per operation: the attributes the spec lists for it, encoded in order.
extension SwiftClientGenerator {
    func requestName(_ operation: Operation, dump: Bool) -> String {
        SwiftNames.upperCamel(operation.name) + (dump ? "DumpRequest" : "Request")
    }

    /// A struct per request: the attributes the spec lists for it, encoded in that order.
    func writeRequests(_ operation: Operation, _ out: inout SwiftWriter) throws(SpecError) {
        guard let setName = operation.attributeSet, let set = spec.attributeSet(named: setName) else { return }
        let doList = operation.doMode.map { $0.request?.attributes ?? [] }
        let dumpList = operation.dumpMode.map { $0.request?.attributes ?? [] }
        if let doList {
            try writeRequest(requestName(operation, dump: false), operation, "do", doList, set, &out)
        }
        if let dumpList {
            if let doList, doList == dumpList {
                out.blank()
                out.line("/// The request of `\(operation.name)` as a dump: the same attributes as its do.")
                out.line("public typealias \(requestName(operation, dump: true)) = \(requestName(operation, dump: false))")
            } else {
                try writeRequest(requestName(operation, dump: true), operation, "dump", dumpList, set, &out)
            }
        }
    }

    func writeRequest(
        _ name: String, _ operation: Operation, _ mode: String, _ attributeNames: [String], _ set: AttributeSet,
        _ out: inout SwiftWriter
    ) throws(SpecError) {
        var requestFields: [SwiftField] = []
        for attributeName in attributeNames {
            guard let attribute = set.attribute(named: attributeName), let field = try fields.field(attribute) else { continue }
            if field.encodeValue == nil {
                throw attribute.location.error(
                    "\(attribute.type.rawValue) attributes cannot be sent (in the \(mode) request of \(operation.name))")
            }
            requestFields.append(field)
        }
        let setType = types.set(set.name)
        out.blank()
        out.line("/// The request of `\(operation.name)` (\(mode)).")
        out.open("public struct \(name): Hashable, Sendable")
        for field in requestFields {
            out.lines(SwiftNames.docLines(field.attribute.doc, indent: ""))
            out.line("public var \(field.name): \(field.memberType)")
        }
        let parameters = requestFields.map { "\($0.name): \($0.memberType) = \($0.defaultValue)" }
        out.open("public init(\(parameters.joined(separator: ", ")))")
        for field in requestFields { out.line("self.\(field.name) = \(field.name)") }
        out.close()
        out.open("@inlinable public func encode(to encoder: inout MessageEncoder) throws")
        if !requestFields.isEmpty { out.line("typealias Attribute = \(setType).Attribute") }
        for field in requestFields { writeEncode(field, &out) }
        out.close()
        out.close()
    }
}
