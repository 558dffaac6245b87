import Netlink
import NetlinkSpec

extension SpecCodec {
    /// The attributes in `bytes` as an object keyed by the spec's names (`set` nil: none
    /// known). What each type becomes:
    /// - integers: numbers (exact, any width); an enum's entry name; for flags a list of
    ///   the names of the bits set; values the spec does not name stay numbers.
    /// - `string`: text; `flag`: true; `binary`: hex, or the `display-hint`'s text (`mac`,
    ///   `ipv4`, `ipv6`, `uuid`), a list of numbers (`sub-type`), an object (`struct`).
    /// - `nest`: an object; `multi-attr`: a list; `indexed-array`: a list of its elements.
    /// - `nest-type-value`: an object with the numbers the `type-value` names beside the
    ///   inner attributes (a list of them when the payload holds several).
    /// - `bitfield32`: `{"value": …, "selector": …}`; `pad`: skipped when empty, as
    ///   padding is (in hex otherwise).
    /// - an attribute the spec does not know: `"UnknownAttr(N)"` (as ynl names it) with its
    ///   payload in hex, or an object when it is nested. An attribute that should appear
    ///   once but came several times: a list of them all. Nothing is dropped.
    ///
    /// Throws `MalformedMessageError` naming the attribute when the bytes do not fit the
    /// spec; `SpecError` for what `checkSupported` refuses.
    public func decodeAttributes(set: AttributeSet?, in bytes: RawSpan, path: String) throws -> JSONObject {
        var object = JSONObject()
        var repeated: Set<String> = []  // keys whose values were gathered into a list
        try forEachAttribute(in: bytes, path: path) { header, payload in
            guard let set, let attribute = attributesByValue[set.name]?[Int(header.type)] else {
                let key = "UnknownAttr(\(header.type))"
                add(try decodeUnknown(header, payload, path: "\(path).\(key)"), as: key, to: &object, multi: false, repeated: &repeated)
                return
            }
            // Padding carries nothing; a "pad" with a payload is something else, so shown.
            if attribute.type == .pad && payload.byteCount == 0 { return }
            let value = try decode(attribute, header, payload, path: "\(path).\(attribute.name)")
            add(value, as: attribute.name, to: &object, multi: attribute.isMultiAttribute, repeated: &repeated)
        }
        return object
    }

    private func add(_ value: JSONValue, as key: String, to object: inout JSONObject, multi: Bool, repeated: inout Set<String>) {
        if multi {
            guard case .array(let list)? = object[key] else { return object[key] = .array([value]) }
            object[key] = .array(list + [value])
        } else if let existing = object[key] {
            if repeated.contains(key), case .array(let list) = existing {
                object[key] = .array(list + [value])
            } else {
                object[key] = .array([existing, value])
                repeated.insert(key)
            }
        } else {
            object[key] = value
        }
    }

    private func decode(_ attribute: Attribute, _ header: NetlinkAttributeHeader, _ payload: RawSpan, path: String) throws -> JSONValue {
        try checkSupported(attribute)
        switch attribute.type {
        case .nest:
            return .object(try decodeAttributes(set: try nestedSet(of: attribute), in: payload, path: path))
        case .string:
            return .string(try text(header, payload, path: path))
        case .flag:
            guard payload.byteCount == 0 else { throw malformed(path, "a flag with a \(payload.byteCount)-byte payload") }
            return .bool(true)
        case .binary, .unused, .pad:
            return try decodeBinary(attribute, header.bytes(in: payload), path: path)
        case .bitfield32:
            let field = try reading(path) { () throws(MalformedMessageError) in try header.bitfield32(in: payload) }
            let values = integerValues(of: attribute, format: IntegerFormat.u32)
            return .object(["value": values.decode(Int128(field.value)), "selector": values.decode(Int128(field.selector))])
        case .u8, .u16, .u32, .u64, .s8, .s16, .s32, .s64, .uint, .sint:
            let format = IntegerFormat(attribute.type, byteOrder: attribute.byteOrder)!
            let bytes = header.bytes(in: payload)
            let number = try reading(path) { () throws(MalformedMessageError) in
                try format.read(bytes, networkByteOrder: header.isNetworkByteOrder)
            }
            return integerValues(of: attribute, format: format).decode(number)
        case .indexedArray:
            var elements: [JSONValue] = []
            try forEachAttribute(in: payload, path: path) { element, elementPayload in
                let elementPath = "\(path)[\(elements.count)]"
                elements.append(try decodeElement(of: attribute, element, elementPayload, path: elementPath))
            }
            return .array(elements)
        case .nestTypeValue:
            let entries = try decodeTypeValues(attribute, payload, levels: attribute.typeValue[...], prefix: JSONObject(), path: path)
            return entries.count == 1 ? .object(entries[0]) : .array(entries.map(JSONValue.object))
        }
    }

    private func decodeElement(of attribute: Attribute, _ header: NetlinkAttributeHeader, _ payload: RawSpan, path: String) throws -> JSONValue {
        let subType = attribute.subType!  // checkSupported made sure
        switch subType {
        case .nest:
            return .object(try decodeAttributes(set: try nestedSet(of: attribute), in: payload, path: path))
        case .string:
            return .string(try text(header, payload, path: path))
        case .binary:
            let bytes = header.bytes(in: payload)
            let hint = attribute.displayHint.flatMap(DisplayHint.init(rawValue:))
            return .string(hint?.format(bytes) ?? DisplayHint.hex(bytes))
        default:
            let format = IntegerFormat(subType, byteOrder: attribute.byteOrder)!
            let bytes = header.bytes(in: payload)
            let number = try reading(path) { () throws(MalformedMessageError) in
                try format.read(bytes, networkByteOrder: header.isNetworkByteOrder)
            }
            return integerValues(of: attribute, format: format).decode(number)
        }
    }

    private func decodeBinary(_ attribute: Attribute, _ bytes: [UInt8], path: String) throws -> JSONValue {
        if let structName = attribute.structName, let definition = spec.definition(named: structName) {
            return .object(try reading(path) { () throws(MalformedMessageError) in
                try StructValues(spec: spec, definition: definition).decode(bytes[...])
            })
        }
        if let subType = attribute.subType, let format = IntegerFormat(subType, byteOrder: attribute.byteOrder) {
            let width = format.width!
            guard bytes.count % width == 0 else {
                throw malformed(path, "\(bytes.count) bytes are not a whole number of \(format.name)")
            }
            let values = integerValues(of: attribute, format: format)
            var elements: [JSONValue] = []
            for start in stride(from: 0, to: bytes.count, by: width) {
                elements.append(values.decode(try format.read(Array(bytes[start..<start + width]))))
            }
            return .array(elements)
        }
        let hint = attribute.displayHint.flatMap(DisplayHint.init(rawValue:))
        return .string(hint?.format(bytes) ?? DisplayHint.hex(bytes))
    }

    /// `nest-type-value`: each level's attributes carry a number in their type (named by
    /// `type-value`), the innermost hold attributes of the nested set.
    private func decodeTypeValues(
        _ attribute: Attribute, _ payload: RawSpan, levels: ArraySlice<String>, prefix: JSONObject, path: String
    ) throws -> [JSONObject] {
        guard let level = levels.first else {
            var entry = prefix
            for (key, value) in try decodeAttributes(set: try nestedSet(of: attribute), in: payload, path: path).members {
                entry[key] = value
            }
            return [entry]
        }
        var entries: [JSONObject] = []
        try forEachAttribute(in: payload, path: path) { header, inner in
            var innerPrefix = prefix
            innerPrefix[level] = .integer(Int128(header.type))
            entries += try decodeTypeValues(attribute, inner, levels: levels.dropFirst(), prefix: innerPrefix, path: "\(path)[\(header.type)]")
        }
        return entries
    }

    /// An attribute the spec does not know, kept: nested ones walked, others in hex.
    private func decodeUnknown(_ header: NetlinkAttributeHeader, _ payload: RawSpan, path: String) throws -> JSONValue {
        if header.isNested { return .object(try decodeAttributes(set: nil, in: payload, path: path)) }
        return .string(DisplayHint.hex(header.bytes(in: payload)))
    }

    private func text(_ header: NetlinkAttributeHeader, _ payload: RawSpan, path: String) throws(MalformedMessageError) -> String {
        try reading(path) { () throws(MalformedMessageError) in try header.string(in: payload) }
    }

    /// Walks the attributes in `bytes`, handing each to `body`; a list that is not well
    /// formed is thrown naming where it is (`path`), errors of `body` as they are.
    private func forEachAttribute(
        in bytes: RawSpan, path: String, _ body: (NetlinkAttributeHeader, RawSpan) throws -> Void
    ) throws {
        var failure: (any Error)?
        do {
            try AttributeDecoder.forEach(in: bytes) { header, range in
                guard failure == nil else { return }
                do { try body(header, bytes.extracting(range)) } catch { failure = error }
            }
        } catch {
            if let failure { throw failure }
            guard let error = error as? MalformedMessageError else { throw error }
            throw malformed(path.isEmpty ? "the message" : path, error.problem)
        }
        if let failure { throw failure }
    }

    /// Runs a typed read, naming the attribute in the error it throws.
    private func reading<T>(_ path: String, _ read: () throws(MalformedMessageError) -> T) throws(MalformedMessageError) -> T {
        do {
            return try read()
        } catch {
            throw malformed(path, error.problem)
        }
    }

    private func malformed(_ path: String, _ problem: String) -> MalformedMessageError {
        MalformedMessageError("\(path): \(problem)")
    }
}
