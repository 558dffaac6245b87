import Netlink
import NetlinkSpec

/// A `struct` definition's values (genetlink-legacy): a family's fixed header, or a binary
/// attribute laid out as a C struct. Members lie packed, in order, as the spec format says.
struct StructValues {
    let spec: Spec
    let definition: Definition

    /// The struct's size in bytes; nil when a member's length is unknown.
    var size: Int? { spec.structSize(definition.name) }

    /// Refuses a struct whose layout the codec cannot know.
    func checkSupported() throws(SpecError) {
        for member in definition.members {
            if member.type.integerWidth != nil { continue }
            if let nested = member.structName {
                guard let inner = spec.definition(named: nested), inner.kind == .struct else {
                    throw definition.location.error("member '\(member.name)' names '\(nested)', which is not a struct")
                }
                try StructValues(spec: spec, definition: inner).checkSupported()
            } else if member.length.flatMap(spec.length) == nil {
                throw definition.location.error(
                    "member '\(member.name)' (\(member.type.rawValue)) has no length (len), so the struct's layout is unknown; not supported")
            }
        }
    }

    /// The struct's bytes from the members of `object`, which are taken out of it (a fixed
    /// header's members sit beside the attributes); members not given are zero.
    func encode(taking object: inout JSONObject, path: String) throws(RequestValueError) -> [UInt8] {
        var bytes: [UInt8] = []
        for member in definition.members {
            let memberPath = "\(path).\(member.name)"
            let value = object[member.name]
            object[member.name] = nil
            if let format = IntegerFormat(member.type, byteOrder: member.byteOrder) {
                var number: Int128 = 0
                if let value {
                    number = try IntegerValues(spec: spec, format: format, enumName: member.enumName, asFlags: false, hint: member.displayHint)
                        .encode(value, path: memberPath)
                }
                bytes += format.bytes(number)
            } else if let nested = member.structName, let inner = spec.definition(named: nested) {
                var innerObject = JSONObject()
                if let value {
                    guard case .object(let given) = value else {
                        throw RequestValueError(path: memberPath, "expected an object (struct \(nested)), found \(value.kindDescription)")
                    }
                    innerObject = given
                }
                let innerValues = StructValues(spec: spec, definition: inner)
                bytes += try innerValues.encode(taking: &innerObject, path: memberPath)
                try Self.refuseLeftovers(innerObject, path: memberPath, structName: nested)
            } else {
                let length = member.length.flatMap(spec.length) ?? 0
                bytes += try fixedBytes(value, member: member, length: length, path: memberPath)
            }
        }
        return bytes
    }

    /// A binary or string member: exactly `length` bytes (text NUL-padded).
    private func fixedBytes(_ value: JSONValue?, member: StructMember, length: Int, path: String) throws(RequestValueError) -> [UInt8] {
        guard let value, value != .null else { return [UInt8](repeating: 0, count: length) }
        var bytes: [UInt8]
        switch (member.type, value) {
        case (.string, .string(let text)):
            bytes = Array(text.utf8)
            guard bytes.count < length else {
                throw RequestValueError(path: path, "\(bytes.count) bytes of text do not fit \(length) bytes with a NUL")
            }
        case (.binary, .string(let text)):
            guard let parsed = member.displayHint.flatMap(DisplayHint.init(rawValue:))?.parse(text) ?? DisplayHint.bytes(fromHex: text) else {
                throw RequestValueError(path: path, "'\(text)' is not hex" + (member.displayHint.map { " nor a \($0)" } ?? ""))
            }
            bytes = parsed
            guard bytes.count <= length else {
                throw RequestValueError(path: path, "\(bytes.count) bytes do not fit the member's \(length)")
            }
        default:
            throw RequestValueError(path: path, "expected a string for a \(member.type.rawValue) member, found \(value.kindDescription)")
        }
        return bytes + [UInt8](repeating: 0, count: length - bytes.count)
    }

    /// An object for `bytes`, which must be exactly the struct's size.
    func decode(_ bytes: ArraySlice<UInt8>) throws(MalformedMessageError) -> JSONObject {
        var object = JSONObject()
        var offset = bytes.startIndex
        for member in definition.members {
            if let format = IntegerFormat(member.type, byteOrder: member.byteOrder) {
                let width = format.width!
                guard bytes.endIndex - offset >= width else { throw truncated(bytes.count) }
                let number = try format.read(Array(bytes[offset..<offset + width]))
                object[member.name] = IntegerValues(spec: spec, format: format, enumName: member.enumName, asFlags: false, hint: member.displayHint)
                    .decode(number)
                offset += width
            } else if let nested = member.structName, let inner = spec.definition(named: nested) {
                let innerValues = StructValues(spec: spec, definition: inner)
                guard let size = innerValues.size, bytes.endIndex - offset >= size else { throw truncated(bytes.count) }
                object[member.name] = .object(try innerValues.decode(bytes[offset..<offset + size]))
                offset += size
            } else {
                let length = member.length.flatMap(spec.length) ?? 0
                guard bytes.endIndex - offset >= length else { throw truncated(bytes.count) }
                let field = Array(bytes[offset..<offset + length])
                if member.type == .string {
                    object[member.name] = .string(String(decoding: field.prefix { $0 != 0 }, as: UTF8.self))
                } else {
                    let hint = member.displayHint.flatMap(DisplayHint.init(rawValue:))
                    object[member.name] = .string(hint?.format(field) ?? DisplayHint.hex(field))
                }
                offset += length
            }
        }
        guard offset == bytes.endIndex else {
            throw MalformedMessageError("\(bytes.count) bytes for struct \(definition.name) of \(offset - bytes.startIndex)")
        }
        return object
    }

    private func truncated(_ count: Int) -> MalformedMessageError {
        MalformedMessageError("\(count) bytes are too few for struct \(definition.name) (\(size.map(String.init) ?? "?") bytes)")
    }

    /// Members the struct does not have are an error, not silently dropped.
    static func refuseLeftovers(_ object: JSONObject, path: String, structName: String) throws(RequestValueError) {
        if let key = object.keys.first {
            throw RequestValueError(path: "\(path).\(key)", "struct \(structName) has no member '\(key)'")
        }
    }
}
