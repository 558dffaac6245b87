import NetlinkSpec

/// One struct per attribute set: members, decoding (a general walk, and for each reply
/// layout the spec lists a fast path at fixed offsets), encoding, and the borrowed form.
extension SwiftClientGenerator {
    func setFields(_ set: AttributeSet) throws(SpecError) -> [SwiftField] {
        var result: [SwiftField] = []
        for attribute in set.attributes {
            if let field = try fields.field(attribute) { result.append(field) }
        }
        return result
    }

    func writeSet(_ set: AttributeSet, _ out: inout SwiftWriter) throws(SpecError) {
        let setFields = try setFields(set)
        out.blank()
        out.lines(SwiftNames.docLines(set.doc ?? "The `\(set.name)` attribute set.", indent: ""))
        out.open("public struct \(types.setShort(set.name)): Hashable, Sendable")
        out.line("/// The attribute type numbers (`nla_type`).")
        out.open("public enum Attribute")
        for attribute in set.attributes {
            out.line("public static let \(SwiftNames.lowerCamel(attribute.name)): UInt16 = \(attribute.value)")
        }
        out.close()
        for field in setFields {
            out.lines(SwiftNames.docLines(field.attribute.doc, indent: ""))
            out.line("public var \(field.name): \(field.memberType)")
        }
        out.blank()
        let parameters = setFields.map { "\($0.name): \($0.memberType) = \($0.defaultValue)" }
        out.open("public init(\(parameters.joined(separator: ", ")))")
        for field in setFields { out.line("self.\(field.name) = \(field.name)") }
        out.close()
        out.blank()
        out.line("/// Decodes a message's (or a nest's) attributes; unknown ones are skipped, and")
        out.line("/// of an attribute that is not multi-attr the last one counts.")
        out.open("@inlinable public init(attributes: RawSpan) throws")
        out.line("self.init()")
        if setFields.isEmpty {
            out.line("try AttributeDecoder.forEach(in: attributes) { _, _ in }")
        } else {
            out.open("try AttributeDecoder.forEach(in: attributes) { header, range in")
            out.line("let payload = attributes.extracting(unchecked: range)")
            out.line("switch header.type {")
            for field in setFields { writeDecodeCase(field, &out) }
            out.line("default: break")
            out.line("}")
            out.close()
        }
        out.close()
        out.blank()
        out.line("/// Writes every attribute that is set, in the spec's order.")
        out.open("@inlinable public func encode(to encoder: inout MessageEncoder) throws")
        for field in setFields where field.encodeValue != nil { writeEncode(field, &out) }
        out.close()
        writeBorrowed(set, setFields, &out)
        out.close()
    }

    func writeDecodeCase(_ field: SwiftField, _ out: inout SwiftWriter) {
        let type = "Attribute.\(SwiftNames.lowerCamel(field.attribute.name))"
        let member = "self.\(field.name)"
        switch field.storage {
        case .optional, .flag:
            out.line("case \(type): \(member) = \(field.decodeValue("header", "payload"))")
        case .array where field.attribute.type == .indexedArray:
            out.line("case \(type):")
            out.indent()
            out.line("\(member) = []")
            out.open("try AttributeDecoder.forEach(in: payload) { entryHeader, entryRange in")
            out.line("let entryPayload = payload.extracting(unchecked: entryRange)")
            out.line("\(member).append(\(field.decodeValue("entryHeader", "entryPayload")))")
            out.close()
            out.dedent()
        case .array:
            out.line("case \(type): \(member).append(\(field.decodeValue("header", "payload")))")
        case .keyed(let levels):
            out.line("case \(type):")
            out.indent()
            var span = "payload"
            var keys: [String] = []
            for level in 1...levels {
                out.open("try AttributeDecoder.forEach(in: \(span)) { header\(level), range\(level) in")
                out.line("let payload\(level) = \(span).extracting(unchecked: range\(level))")
                span = "payload\(level)"
                keys.append("header\(level).type")
            }
            var target = member
            for (index, key) in keys.enumerated() {
                target += index == keys.count - 1 ? "[\(key)]" : "[\(key), default: [:]]"
            }
            out.line("\(target) = \(field.decodeValue("header\(levels)", span))")
            for _ in 1...levels { out.close() }
            out.dedent()
        }
    }

    func writeEncode(_ field: SwiftField, _ out: inout SwiftWriter) {
        guard let encode = field.encodeValue else { return }
        let type = "Attribute.\(SwiftNames.lowerCamel(field.attribute.name))"
        switch field.storage {
        case .optional:
            out.line("if let value = self.\(field.name) { \(encode(type, "value")) }")
        case .flag:
            out.line("if self.\(field.name) { \(encode(type, "true")) }")
        case .array where field.attribute.type == .indexedArray:
            out.open("if !self.\(field.name).isEmpty")
            out.open("try encoder.appendNested(\(type)) { encoder in")
            out.line("for (index, value) in self.\(field.name).enumerated() { \(encode("UInt16(index)", "value")) }")
            out.close()
            out.close()
        case .array:
            out.line("for value in self.\(field.name) { \(encode(type, "value")) }")
        case .keyed:
            break
        }
    }

    /// `Borrowed`: the set read in place, for hot paths. Scalars are decoded; strings,
    /// binaries and nests are ranges into the attributes (`attributes.extracting(range)`),
    /// a string's without its NUL; repeated attributes are left to the copying form.
    func writeBorrowed(_ set: AttributeSet, _ setFields: [SwiftField], _ out: inout SwiftWriter) {
        let borrowed = setFields.filter { $0.borrowed != nil }
        out.blank()
        out.line("/// The attributes read in place, copying nothing: scalars decoded; strings, binaries")
        out.line("/// and nests as ranges of the attributes given (a string's text without its NUL),")
        out.line("/// read with `attributes.extracting(range)`. Repeated attributes are not kept.")
        out.open("public struct Borrowed: Hashable, Sendable")
        for field in borrowed {
            let type = field.borrowed == .value ? (field.storage == .flag ? "Bool" : "\(field.valueType)?") : "Range<Int>?"
            out.line("public var \(field.name): \(type)\(field.storage == .flag ? " = false" : " = nil")")
        }
        out.blank()
        out.line("@usableFromInline init() {}")
        out.blank()
        out.open("@inlinable @inline(__always) public init(attributes: RawSpan) throws")
        if borrowed.isEmpty {
            out.line("try AttributeDecoder.forEach(in: attributes) { _, _ in }")
        } else {
            out.open("try AttributeDecoder.forEach(in: attributes) { header, range in")
            out.line("switch header.type {")
            for field in borrowed {
                let type = "Attribute.\(SwiftNames.lowerCamel(field.attribute.name))"
                switch field.borrowed! {
                case .value:
                    out.line(
                        "case \(type): self.\(field.name) = \(field.decodeValue("header", "attributes.extracting(unchecked: range)"))")
                case .text:
                    out.line(
                        "case \(type): self.\(field.name) = NetlinkAttributeHeader.textRange(ofPayload: range, in: attributes)")
                case .bytes:
                    out.line("case \(type): self.\(field.name) = range")
                }
            }
            out.line("default: break")
            out.line("}")
            out.close()
        }
        out.close()
        for (label, attributeNames) in replyLayouts(of: set) {
            writeLayoutInit(label, attributeNames, setFields, &out)
        }
        out.close()
    }

    /// The reply layouts the spec lists for operations on `set` (their attribute lists,
    /// in order), each under the label of its borrowed initializer: `echoMsgReply`,
    /// `echoMsgDumpReply` (a dump with the do's layout shares its label).
    func replyLayouts(of set: AttributeSet) -> [(label: String, attributes: [String])] {
        var layouts: [(label: String, attributes: [String])] = []
        for operation in spec.operations.list where operation.attributeSet == set.name {
            for (suffix, mode) in [("Reply", operation.doMode), ("DumpReply", operation.dumpMode)] {
                guard let reply = mode?.reply, !reply.attributes.isEmpty,
                    !layouts.contains(where: { $0.attributes == reply.attributes })
                else { continue }
                layouts.append((SwiftNames.bare(SwiftNames.lowerCamel(operation.name)) + suffix, reply.attributes))
            }
        }
        return layouts
    }

    /// The label of the borrowed initializer for a reply, or nil when it has no layout
    /// fast path (the general walk then reads it).
    func layoutLabel(_ operation: Operation, dump: Bool) -> String? {
        guard let setName = operation.attributeSet, let set = spec.attributeSet(named: setName),
            let reply = (dump ? operation.dumpMode : operation.doMode)?.reply,
            let setFields = try? setFields(set), layoutFields(reply.attributes, setFields) != nil
        else { return nil }
        return replyLayouts(of: set).first { $0.attributes == reply.attributes }?.label
    }

    func layoutFields(_ attributeNames: [String], _ setFields: [SwiftField]) -> [SwiftField]? {
        var fields: [SwiftField] = []
        for name in attributeNames {
            guard let field = setFields.first(where: { $0.attribute.name == name }), field.layout != nil else {
                return nil
            }
            fields.append(field)
        }
        return fields.isEmpty ? nil : fields
    }

    /// A borrowed initializer that first reads the attributes at the offsets the spec's
    /// layout for a reply puts them (`AttributeLayout`), and walks them in general when
    /// the message has any other layout.
    func writeLayoutInit(
        _ label: String, _ attributeNames: [String], _ setFields: [SwiftField], _ out: inout SwiftWriter
    ) {
        guard let fields = layoutFields(attributeNames, setFields) else { return }
        out.blank()
        out.line("/// Reads the layout the spec lists for a reply (\(attributeNames.joined(separator: ", "))) at the")
        out.line("/// offsets it puts them, and walks the attributes when a message has another.")
        out.open("@inlinable @inline(__always) public init(\(label) attributes: RawSpan) throws")
        out.line("var offset = 0")
        var conditions: [String] = []
        for field in fields {
            let type = "Attribute.\(SwiftNames.lowerCamel(field.attribute.name))"
            switch field.layout! {
            case .integer(let raw, _):
                conditions.append("let \(field.name) = AttributeLayout.integer(\(type), \(raw).self, in: attributes, at: &offset)")
            case .payload:
                conditions.append("let \(field.name) = AttributeLayout.payload(\(type), in: attributes, at: &offset)")
            }
        }
        conditions.append("AttributeLayout.isAtEnd(attributes, offset)")
        for (index, condition) in conditions.enumerated() {
            let last = index == conditions.count - 1
            out.line((index == 0 ? "if " : "   ") + condition + (last ? " {" : ","))
        }
        out.indent()
        out.line("self.init()")
        for field in fields {
            switch field.layout! {
            case .integer(_, let convert): out.line("self.\(field.name) = \(convert(field.name))")
            case .payload(let convert): out.line("self.\(field.name) = \(convert(field.name))")
            }
        }
        out.line("return")
        out.close()
        out.line("try self.init(attributes: attributes)")
        out.close()
    }
}
