import Netlink
import NetlinkSpec

extension SpecCodec {
    /// Writes the attributes of `set` that `object` names, in its order. What each type
    /// takes:
    /// - integers: a number, or text (`"0x1f"`, `"42"`); an enum's entry name; for flags
    ///   (`flags`, `enum-as-flags`) a name or a list of names; an `ipv4` hint's address.
    ///   `uint`/`sint` travel in 4 bytes when the value fits, else 8; `byte-order` is kept.
    /// - `string`: text. `flag`: true (false or null sends nothing).
    /// - `binary`: hex (`"0a1b"`, spaces or colons allowed), or the `display-hint`'s form
    ///   (`mac`, `ipv4`, `ipv6`, `uuid`); a list of numbers with `sub-type`; an object of
    ///   members with `struct`.
    /// - `nest`: an object; `multi-attr`: a list (one attribute each) or one value;
    ///   `indexed-array`: a list (elements numbered from 0, as the kernel's tools do).
    /// - `bitfield32`: `{"value": …, "selector": …}`.
    public func encodeAttributes(
        _ object: JSONObject, set: AttributeSet, path: String, into encoder: inout MessageEncoder
    ) throws {
        for (name, value) in object.members {
            let attributePath = "\(path).\(name)"
            guard let attribute = set.attribute(named: name) else {
                throw RequestValueError(
                    path: attributePath,
                    "attribute set '\(set.name)' has no attribute '\(name)' (known: "
                        + set.attributes.filter { $0.type != .pad && $0.type != .unused }.map(\.name)
                        .joined(separator: ", ") + ")")
            }
            if attribute.isMultiAttribute, case .array(let elements) = value {
                for (index, element) in elements.enumerated() {
                    try encode(attribute, element, path: "\(attributePath)[\(index)]", into: &encoder)
                }
            } else {
                try encode(attribute, value, path: attributePath, into: &encoder)
            }
        }
    }

    private func encode(
        _ attribute: Attribute, _ value: JSONValue, path: String, into encoder: inout MessageEncoder
    ) throws {
        do {
            try encodeValue(attribute, value, path: path, into: &encoder)
        } catch let error as AttributeTooLongError {
            throw RequestValueError(path: path, "\(error)")  // where in the request it is
        }
    }

    private func encodeValue(
        _ attribute: Attribute, _ value: JSONValue, path: String, into encoder: inout MessageEncoder
    ) throws {
        try checkSupported(attribute)
        let type = UInt16(attribute.value)
        switch attribute.type {
        case .nest:
            let object = try expectObject(value, path: path, what: "nest \(attribute.nestedAttributes ?? "")")
            let inner = try nestedSet(of: attribute)
            try encoder.appendNested(type) { try encodeAttributes(object, set: inner, path: path, into: &$0) }
        case .indexedArray:
            guard case .array(let elements) = value else {
                throw RequestValueError(path: path, "expected a list (indexed-array), found \(value.kindDescription)")
            }
            guard elements.count <= Self.maximumAttributeType + 1 else {
                throw RequestValueError(path: path, "\(elements.count) elements are more than attribute types can number")
            }
            try encoder.appendNested(type) { encoder in
                for (index, element) in elements.enumerated() {
                    try encodeElement(of: attribute, element, index: UInt16(index), path: "\(path)[\(index)]", into: &encoder)
                }
            }
        case .flag:
            switch value {
            case .bool(true): encoder.appendFlag(type)
            case .bool(false), .null: break
            default: throw RequestValueError(path: path, "expected true or false (flag), found \(value.kindDescription)")
            }
        case .string:
            try appendString(value, type: type, path: path, into: &encoder)
        case .binary:
            try encoder.appendAttribute(type, bytes: try binaryPayload(of: attribute, value, path: path))
        case .bitfield32:
            let object = try expectObject(value, path: path, what: "bitfield32")
            let values = integerValues(of: attribute, format: IntegerFormat.u32)
            var field: [Int128] = []
            for member in ["value", "selector"] {
                guard let given = object[member] else { throw RequestValueError(path: "\(path).\(member)", "missing (bitfield32)") }
                field.append(try values.encode(given, path: "\(path).\(member)"))
            }
            try StructValues.refuseLeftovers(
                JSONObject(object.members.filter { $0.key != "value" && $0.key != "selector" }), path: path, structName: "nla_bitfield32")
            encoder.appendAttribute(type, bitfield32: NetlinkBitfield32(value: UInt32(field[0]), selector: UInt32(field[1])))
        case .u8, .u16, .u32, .u64, .s8, .s16, .s32, .s64, .uint, .sint:
            let format = IntegerFormat(attribute.type, byteOrder: attribute.byteOrder)!
            let number = try integerValues(of: attribute, format: format).encode(value, path: path)
            try encoder.appendAttribute(type, bytes: format.bytes(number))
        case .pad, .unused, .nestTypeValue:
            throw RequestValueError(path: path, "\(attribute.type.rawValue) attributes are never sent")
        }
    }

    /// One element of an indexed array: an attribute whose type is its index.
    private func encodeElement(
        of attribute: Attribute, _ value: JSONValue, index: UInt16, path: String, into encoder: inout MessageEncoder
    ) throws {
        let subType = attribute.subType!  // checkSupported made sure
        switch subType {
        case .nest:
            let object = try expectObject(value, path: path, what: "nest \(attribute.nestedAttributes ?? "")")
            let inner = try nestedSet(of: attribute)
            try encoder.appendNested(index) { try encodeAttributes(object, set: inner, path: path, into: &$0) }
        case .string:
            try appendString(value, type: index, path: path, into: &encoder)
        case .binary:
            try encoder.appendAttribute(index, bytes: try binaryPayload(of: attribute, value, path: path, asElement: true))
        default:
            let format = IntegerFormat(subType, byteOrder: attribute.byteOrder)!
            try encoder.appendAttribute(index, bytes: format.bytes(try integerValues(of: attribute, format: format).encode(value, path: path)))
        }
    }

    private func appendString(_ value: JSONValue, type: UInt16, path: String, into encoder: inout MessageEncoder) throws {
        guard case .string(let text) = value else {
            throw RequestValueError(path: path, "expected a string, found \(value.kindDescription)")
        }
        do {
            try encoder.appendAttribute(type, string: text)
        } catch {
            throw RequestValueError(path: path, "\(error)")
        }
    }

    /// A binary attribute's payload from hex, a display hint's text, a list of numbers
    /// (`sub-type`) or an object (`struct`). `asElement`: an indexed array's element,
    /// whose `sub-type` is the element's own type, not an array's.
    private func binaryPayload(of attribute: Attribute, _ value: JSONValue, path: String, asElement: Bool = false) throws -> [UInt8] {
        switch value {
        case .null:
            return []
        case .string(let text):
            let hint = attribute.displayHint.flatMap(DisplayHint.init(rawValue:))
            guard let bytes = hint?.parse(text) ?? DisplayHint.bytes(fromHex: text) else {
                throw RequestValueError(
                    path: path, "'\(text)' is not hex (two digits a byte)" + (hint.map { " nor \($0.rawValue) text" } ?? ""))
            }
            return bytes
        case .array(let elements) where !asElement && attribute.subType.flatMap({ IntegerFormat($0) }) != nil:
            let format = IntegerFormat(attribute.subType!, byteOrder: attribute.byteOrder)!
            let values = integerValues(of: attribute, format: format)
            var bytes: [UInt8] = []
            for (index, element) in elements.enumerated() {
                bytes += format.bytes(try values.encode(element, path: "\(path)[\(index)]"))
            }
            return bytes
        case .object(var object) where attribute.structName != nil:
            let definition = spec.definition(named: attribute.structName!)!
            let bytes = try StructValues(spec: spec, definition: definition).encode(taking: &object, path: path)
            try StructValues.refuseLeftovers(object, path: path, structName: definition.name)
            return bytes
        default:
            var expected = "hex text"
            if let structName = attribute.structName { expected += " or an object (struct \(structName))" }
            if let subType = attribute.subType, !asElement { expected += " or a list of \(subType.rawValue)" }
            throw RequestValueError(path: path, "expected \(expected), found \(value.kindDescription)")
        }
    }

    func integerValues(of attribute: Attribute, format: IntegerFormat) -> IntegerValues {
        IntegerValues(spec: spec, format: format, enumName: attribute.enumName, asFlags: attribute.enumAsFlags, hint: attribute.displayHint)
    }

    func nestedSet(of attribute: Attribute) throws(SpecError) -> AttributeSet {
        guard let name = attribute.nestedAttributes, let set = sets[name] else {
            throw attribute.location.error("'\(attribute.name)' names no attribute set (nested-attributes)")
        }
        return set
    }

    private func expectObject(_ value: JSONValue, path: String, what: String) throws(RequestValueError) -> JSONObject {
        guard case .object(let object) = value else {
            throw RequestValueError(path: path, "expected an object (\(what)), found \(value.kindDescription)")
        }
        return object
    }

    /// `NLA_TYPE_MASK`: the 14 bits of `nla_type` that number attributes.
    static var maximumAttributeType: Int { 0x3fff }
}
