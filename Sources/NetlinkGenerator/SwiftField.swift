import NetlinkSpec

/// One attribute as a member of a generated Swift struct: its Swift type, and the code
/// that decodes it from a borrowed payload and encodes it into a request.
///
/// Decoding code runs where `header` (the attribute's `NetlinkAttributeHeader`) and
/// `payload` (its bytes, a `RawSpan`) are in scope; encoding code where `encoder` (an
/// `inout MessageEncoder`) is.
struct SwiftField {
    enum Storage: Equatable {
        /// `T?`: absent or one value (the last one wins).
        case optional
        /// `[T]`: every occurrence (`multi-attr`) or every element (`indexed-array`).
        case array
        /// `Bool`: a flag attribute, present or not.
        case flag
        /// `[UInt16: …]`, one level per `type-value` name (`nest-type-value`).
        case keyed(levels: Int)
    }

    let attribute: Attribute
    /// The member name, escaped if need be (`msg`, `` `default` ``).
    let name: String
    /// The type of one value.
    let valueType: String
    let storage: Storage
    /// Decodes one value (an expression; may `try`) from `header` and `payload`.
    let decodeValue: (_ header: String, _ payload: String) -> String
    /// Statements appending one value (`value`) as attribute type `type`; nil where the
    /// spec gives no way to send it (nest-type-value).
    let encodeValue: ((_ type: String, _ value: String) -> String)?
    /// What the borrowed form keeps: the value itself, or where its bytes lie.
    let borrowed: Borrowed?
    /// How the layout fast path reads it (`AttributeLayout`); nil where it cannot.
    var layout: Layout? = nil

    enum Layout {
        /// A fixed-width integer loaded as `raw`, then made the member's value by `convert`.
        case integer(raw: String, convert: (String) -> String)
        /// A payload range (named by the argument), made the borrowed member by `convert`.
        case payload(convert: (String) -> String)
    }

    enum Borrowed: Equatable {
        /// A scalar, decoded (its type is `valueType`).
        case value
        /// A string: the range of its text (before the NUL) in the attributes.
        case text
        /// Binary or a nest: the range of its payload in the attributes.
        case bytes
    }

    /// The member's declared type.
    var memberType: String {
        switch storage {
        case .optional: "\(valueType)?"
        case .array: "[\(valueType)]"
        case .flag: "Bool"
        case .keyed(let levels): String(repeating: "[UInt16: ", count: levels) + valueType + String(repeating: "]", count: levels)
        }
    }

    var defaultValue: String {
        switch storage {
        case .optional: "nil"
        case .array: "[]"
        case .flag: "false"
        case .keyed: "[:]"
        }
    }
}

/// Builds `SwiftField`s for a spec's attributes.
struct SwiftFieldFactory {
    let spec: Spec
    let types: SwiftTypeNames

    /// The field for `attribute`, or nil for attributes that carry nothing (pad, unused).
    func field(_ attribute: Attribute) throws(SpecError) -> SwiftField? {
        let name = SwiftNames.lowerCamel(attribute.name)
        switch attribute.type {
        case .pad, .unused:
            return nil
        case .flag:
            return SwiftField(
                attribute: attribute, name: name, valueType: "Bool", storage: .flag,
                decodeValue: { _, _ in "true" }, encodeValue: { type, _ in "encoder.appendFlag(\(type))" },
                borrowed: .value, layout: .payload(convert: { _ in "true" }))
        case .indexedArray:
            guard let subType = attribute.subType else { throw attribute.location.error("indexed-array without sub-type") }
            let element = try value(of: subType, attribute)
            return SwiftField(
                attribute: attribute, name: name, valueType: element.type, storage: .array,
                decodeValue: element.decode, encodeValue: element.encode, borrowed: nil)
        case .nestTypeValue:
            let nested = types.set(attribute.nestedAttributes!)
            let levels = max(1, attribute.typeValue.count)
            return SwiftField(
                attribute: attribute, name: name, valueType: nested, storage: .keyed(levels: levels),
                decodeValue: { _, payload in "try \(nested)(attributes: \(payload))" }, encodeValue: nil,
                borrowed: nil)
        default:
            let single = try value(of: attribute.type, attribute)
            return SwiftField(
                attribute: attribute, name: name, valueType: single.type,
                storage: attribute.isMultiAttribute ? .array : .optional, decodeValue: single.decode,
                encodeValue: single.encode, borrowed: attribute.isMultiAttribute ? nil : single.borrowed,
                layout: attribute.isMultiAttribute ? nil : single.layout)
        }
    }

    private struct Value {
        var type: String
        var decode: (String, String) -> String
        var encode: (String, String) -> String
        var borrowed: SwiftField.Borrowed?
        var layout: SwiftField.Layout? = nil
    }

    /// The layout reading of a value that `decode` reads from a header and a payload.
    private func payloadLayout(_ attribute: Attribute, _ decode: @escaping (String, String) -> String) -> SwiftField.Layout {
        .payload { range in
            decode("NetlinkAttributeHeader(type: \(attribute.value))", "attributes.extracting(unchecked: \(range))")
        }
    }

    /// How one value of `type` is typed and coded (for an attribute, or the elements of an
    /// indexed array).
    private func value(of type: AttributeType, _ attribute: Attribute) throws(SpecError) -> Value {
        switch type {
        case .string:
            return Value(
                type: "String", decode: { h, p in "try \(h).string(in: \(p))" },
                encode: { t, v in "try encoder.appendAttribute(\(t), string: \(v))" }, borrowed: .text,
                layout: .payload { r in
                    "NetlinkAttributeHeader.textRange(ofPayload: \(r), in: attributes)"
                })
        case .binary:
            if let structName = attribute.structName {
                let swiftType = types.definition(structName)
                return Value(
                    type: swiftType, decode: { _, p in "try \(swiftType)(decoding: \(p))" },
                    encode: { t, v in "try encoder.appendAttribute(\(t), bytes: \(v).encoded())" }, borrowed: .bytes,
                    layout: .payload { $0 })
            }
            if let subType = attribute.subType, let width = subType.integerWidth {
                let element = integerType(subType, width: width)
                return Value(
                    type: "[\(element)]", decode: { h, p in "try \(h).integers(\(element).self, in: \(p))" },
                    encode: { t, v in "try encoder.appendAttribute(\(t), integers: \(v))" }, borrowed: .bytes,
                    layout: .payload { $0 })
            }
            return Value(
                type: "[UInt8]", decode: { h, p in "\(h).bytes(in: \(p))" },
                encode: { t, v in "try encoder.appendAttribute(\(t), bytes: \(v))" }, borrowed: .bytes,
                layout: .payload { $0 })
        case .nest:
            guard let nestedName = attribute.nestedAttributes else {
                throw attribute.location.error("a nest without nested-attributes")
            }
            let nested = types.set(nestedName)
            return Value(
                type: nested, decode: { _, p in "try \(nested)(attributes: \(p))" },
                encode: { t, v in "try encoder.appendNested(\(t)) { encoder in try \(v).encode(to: &encoder) }" },
                borrowed: .bytes, layout: .payload { $0 })
        case .bitfield32:
            let decode: (String, String) -> String = { h, p in "try \(h).bitfield32(in: \(p))" }
            return Value(
                type: "NetlinkBitfield32", decode: decode,
                encode: { t, v in "encoder.appendAttribute(\(t), bitfield32: \(v))" }, borrowed: .value,
                layout: payloadLayout(attribute, decode))
        case .flag:
            return Value(type: "Bool", decode: { _, _ in "true" }, encode: { t, _ in "encoder.appendFlag(\(t))" }, borrowed: .value)
        case .uint, .sint, .u8, .u16, .u32, .u64, .s8, .s16, .s32, .s64:
            return integerValue(type, attribute)
        case .pad, .unused, .indexedArray, .nestTypeValue:
            throw attribute.location.error("\(type.rawValue) cannot be an element type here")
        }
    }

    private func integerType(_ type: AttributeType, width: Int) -> String {
        (type.isSigned ? "Int" : "UInt") + "\(width * 8)"
    }

    /// Integers, and the enums and flags that name their values.
    private func integerValue(_ type: AttributeType, _ attribute: Attribute) -> Value {
        let raw: String
        var decodeRaw: (String, String) -> String
        var encodeRaw: (String, String) -> String
        if type == .uint || type == .sint {
            raw = type == .uint ? "UInt64" : "Int64"
            let label = type == .uint ? "unsignedVariableWidth" : "signedVariableWidth"
            decodeRaw = { h, p in "try \(h).\(label)(in: \(p))" }
            encodeRaw = { t, v in "encoder.appendAttribute(\(t), \(label): \(v))" }
        } else {
            raw = integerType(type, width: type.integerWidth!)
            if attribute.byteOrder == .bigEndian && type.integerWidth! > 1 {
                decodeRaw = { h, p in "try \(h).bigEndianInteger(\(raw).self, in: \(p))" }
                encodeRaw = { t, v in "encoder.appendAttribute(\(t), bigEndian: \(v))" }
            } else {
                decodeRaw = { h, p in "try \(h).integer(\(raw).self, in: \(p))" }
                encodeRaw = { t, v in "encoder.appendAttribute(\(t), \(v))" }
            }
        }
        // The fast path loads fixed-width integers as they lie; big-endian ones are turned.
        var fromLoaded: (String) -> String = { $0 }
        if attribute.byteOrder == .bigEndian, let width = type.integerWidth, width > 1 {
            fromLoaded = { "\(raw)(bigEndian: \($0))" }
        }
        let fixedWidth = type.integerWidth != nil
        guard let enumName = attribute.enumName, let definition = spec.definition(named: enumName) else {
            return Value(
                type: raw, decode: decodeRaw, encode: encodeRaw, borrowed: .value,
                layout: fixedWidth ? .integer(raw: raw, convert: fromLoaded) : payloadLayout(attribute, decodeRaw))
        }
        let asFlags = definition.kind == .flags || attribute.enumAsFlags
        let swiftType = asFlags ? types.flags(definition) : types.definition(enumName)
        let rawValue = asFlags ? "UInt64" : "Int"
        let typed: (String) -> String = { "\(swiftType)(rawValue: \(rawValue)(truncatingIfNeeded: \($0)))" }
        let decode: (String, String) -> String = { h, p in typed(decodeRaw(h, p)) }
        return Value(
            type: swiftType, decode: decode,
            encode: { t, v in encodeRaw(t, "\(raw)(truncatingIfNeeded: \(v).rawValue)") }, borrowed: .value,
            layout: fixedWidth ? .integer(raw: raw, convert: { typed(fromLoaded($0)) }) : payloadLayout(attribute, decode))
    }
}
