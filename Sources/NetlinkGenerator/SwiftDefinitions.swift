import NetlinkSpec

/// The spec's `definitions` in Swift: constants, command numbers, enums (open
/// `RawRepresentable` structs), flags (`OptionSet`s) and packed structs.
extension SwiftClientGenerator {
    func writeConstants(_ out: inout SwiftWriter) {
        for definition in spec.definitions where definition.kind == .const {
            out.blank()
            out.lines(SwiftNames.docLines(definition.doc, indent: ""))
            let name = SwiftNames.lowerCamel(definition.name)
            switch definition.value {
            case .integer(let value): out.line("public static let \(name) = \(value)")
            case .string(let text): out.line("public static let \(name) = \(SwiftNames.literal(text))")
            case nil: break
            }
        }
    }

    /// The command numbers requests carry (`genlmsghdr.cmd`).
    func writeCommands(_ out: inout SwiftWriter) {
        out.blank()
        out.line("/// Command numbers, as requests carry them in `genlmsghdr.cmd`.")
        out.open("public enum Command")
        for operation in spec.operations.list {
            guard let value = operation.requestValue ?? operation.replyValue else { continue }
            out.line("public static let \(SwiftNames.lowerCamel(operation.name)): UInt8 = \(value)")
        }
        out.close()
    }

    func writeEnum(_ definition: Definition, _ out: inout SwiftWriter) {
        let name = types.definitionShort(definition.name)
        out.blank()
        out.lines(SwiftNames.docLines(definition.doc, indent: ""))
        out.line("/// A value the spec does not list (from a newer kernel) decodes too: see `name`.")
        out.open("public struct \(name): RawRepresentable, Hashable, Sendable, CustomStringConvertible")
        out.line("public var rawValue: Int")
        out.line("@inlinable public init(rawValue: Int) { self.rawValue = rawValue }")
        for entry in definition.entries {
            out.lines(SwiftNames.docLines(entry.doc, indent: ""))
            out.line("public static let \(SwiftNames.lowerCamel(entry.name)) = \(name)(rawValue: \(entry.value))")
        }
        out.line("/// The spec's name of the value; nil for one it does not list.")
        out.open("public var name: String?")
        out.line("switch rawValue {")
        var seen: Set<Int> = []
        for entry in definition.entries where seen.insert(entry.value).inserted {
            out.line("case \(entry.value): \(SwiftNames.literal(entry.name))")
        }
        out.line("default: nil")
        out.line("}")
        out.close()
        out.line("public var description: String { name ?? String(rawValue) }")
        out.close()
    }

    /// A flags definition, or an enum some attribute uses as flags (bit n = the entry of
    /// value n).
    func writeFlags(_ definition: Definition, asFlagsOfEnum: Bool, _ out: inout SwiftWriter) {
        let name = asFlagsOfEnum ? types.flagsShort(ofEnum: definition.name) : types.definitionShort(definition.name)
        out.blank()
        out.lines(SwiftNames.docLines(definition.doc, indent: ""))
        out.open("public struct \(name): OptionSet, Hashable, Sendable, CustomStringConvertible")
        out.line("public var rawValue: UInt64")
        out.line("@inlinable public init(rawValue: UInt64) { self.rawValue = rawValue }")
        for entry in definition.entries {
            out.lines(SwiftNames.docLines(entry.doc, indent: ""))
            out.line(
                "public static let \(SwiftNames.lowerCamel(entry.name)) = \(name)(rawValue: \(definition.userValue(entry, asFlags: true)))")
        }
        let pairs = definition.entries.map { "(\(definition.userValue($0, asFlags: true)), \(SwiftNames.literal($0.name)))" }
        out.line("/// Each bit's name in the spec, in bit order.")
        out.line("public static let bitNames: [(bit: UInt64, name: String)] = [\(pairs.joined(separator: ", "))]")
        out.line("/// The spec's names of the bits set, in bit order; bits it does not list as numbers.")
        out.open("public var names: [String]")
        out.line("var names = Self.bitNames.filter { rawValue & $0.bit != 0 }.map(\\.name)")
        out.line("let known = Self.bitNames.reduce(0) { $0 | $1.bit }")
        out.line("if rawValue & ~known != 0 { names.append(String(rawValue & ~known)) }")
        out.line("return names")
        out.close()
        out.line("public var description: String { \"[\" + names.joined(separator: \", \") + \"]\" }")
        out.close()
    }

    /// A struct definition: fixed-size members, packed in order (genetlink-legacy).
    func writeStruct(_ definition: Definition, _ out: inout SwiftWriter) throws(SpecError) {
        let name = types.definitionShort(definition.name)
        var members: [(name: String, type: String, size: Int, member: StructMember)] = []
        for member in definition.members {
            let size: Int
            let type: String
            if let width = member.type.integerWidth {
                size = width
                type = (member.type.isSigned ? "Int" : "UInt") + "\(width * 8)"
            } else if let structName = member.structName {
                guard let nestedSize = spec.structSize(structName) else {
                    throw definition.location.error("struct '\(structName)' has a member of unknown length")
                }
                size = nestedSize
                type = types.definition(structName)
            } else {
                guard let length = member.length.flatMap(spec.length) else {
                    throw definition.location.error("struct member '\(member.name)' has no length")
                }
                size = length
                type = "[UInt8]"
            }
            members.append((SwiftNames.lowerCamel(member.name), type, size, member))
        }
        let total = members.reduce(0) { $0 + $1.size }
        out.blank()
        out.lines(SwiftNames.docLines(definition.doc, indent: ""))
        out.open("public struct \(name): Hashable, Sendable")
        out.line("/// Its size on the wire: the members packed, no padding.")
        out.line("public static let byteCount = \(total)")
        for member in members {
            out.lines(SwiftNames.docLines(member.member.doc, indent: ""))
            out.line("public var \(member.name): \(member.type)")
        }
        let parameters = members.map { m -> String in
            let initial = m.type == "[UInt8]" ? "[UInt8](repeating: 0, count: \(m.size))"
                : m.type.hasPrefix("UInt") || m.type.hasPrefix("Int") ? "0" : "\(m.type)()"
            return "\(m.name): \(m.type) = \(initial)"
        }
        out.open("public init(\(parameters.joined(separator: ", ")))")
        for member in members { out.line("self.\(member.name) = \(member.name)") }
        out.close()
        out.line("/// Reads the struct from the start of `bytes`; throws when they are too few.")
        out.open("@inlinable public init(decoding bytes: RawSpan) throws(MalformedMessageError)")
        out.open("guard bytes.byteCount >= Self.byteCount else")
        out.line("throw MalformedMessageError(\"\\(bytes.byteCount) bytes, too few for \(definition.name) (\\(Self.byteCount))\")")
        out.close()
        var offset = 0
        for member in members {
            if let width = member.member.type.integerWidth {
                let load = "bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: \(offset), as: \(member.type).self)"
                let bigEndian = member.member.byteOrder == .bigEndian && width > 1
                out.line("\(member.name) = \(bigEndian ? "\(member.type)(bigEndian: \(load))" : load)")
            } else if member.type == "[UInt8]" {
                out.line("\(member.name) = bytes.extracting(unchecked: \(offset)..<\(offset + member.size)).withUnsafeBytes { Array($0) }")
            } else {
                out.line("\(member.name) = try \(member.type)(decoding: bytes.extracting(unchecked: \(offset)..<\(offset + member.size)))")
            }
            offset += member.size
        }
        out.close()
        out.line("/// The struct's bytes, as the kernel lays them out.")
        out.open("@inlinable public func encoded() -> [UInt8]")
        out.line("var bytes: [UInt8] = []")
        out.line("bytes.reserveCapacity(Self.byteCount)")
        for member in members {
            if let width = member.member.type.integerWidth {
                let value = member.member.byteOrder == .bigEndian && width > 1 ? "\(member.name).bigEndian" : member.name
                out.line("withUnsafeBytes(of: \(value)) { bytes.append(contentsOf: $0) }")
            } else if member.type == "[UInt8]" {
                out.line("bytes.append(contentsOf: \(member.name).prefix(\(member.size)))")
                out.line("bytes.append(contentsOf: repeatElement(0, count: max(0, \(member.size) - \(member.name).count)))")
            } else {
                out.line("bytes.append(contentsOf: \(member.name).encoded())")
            }
        }
        out.line("return bytes")
        out.close()
        out.close()
    }
}
