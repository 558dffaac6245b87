import Foundation

/// A generic netlink family described in the kernel's YNL format
/// (`Documentation/netlink/specs/*.yaml`; rules in the kernel's
/// `Documentation/userspace-api/netlink/specs.rst`).
///
/// Loading checks what the kernel's JSON schemas check (known keys per protocol level,
/// types, names) and what they cannot: that every set, definition and attribute a spec
/// refers to exists. Values the spec leaves out are resolved the way the kernel's
/// generator resolves them (attributes and commands count from 1, enums from 0).
public struct Spec: Hashable, Sendable {
    /// The schema level, each a superset of the one before.
    public enum ProtocolLevel: String, Hashable, Sendable, Comparable, CaseIterable {
        case genetlink
        case genetlinkC = "genetlink-c"
        case genetlinkLegacy = "genetlink-legacy"

        public static func < (a: Self, b: Self) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public enum KernelPolicy: String, Hashable, Sendable, CaseIterable {
        case split
        case perOp = "per-op"
        case global
    }

    /// The family name the kernel registers (`CTRL_ATTR_FAMILY_NAME`).
    public var name: String
    public var doc: String
    public var protocolLevel: ProtocolLevel
    /// `uapi-header`, e.g. `linux/netdev.h`.
    public var uapiHeader: String?
    public var cFamilyName: String?
    public var cVersionName: String?
    public var maxByDefine: Bool
    public var commandMaxName: String?
    public var commandCountName: String?
    public var kernelPolicy: KernelPolicy
    /// The family version (`version`, genetlink-legacy; 1 otherwise).
    public var version: Int
    public var definitions: [Definition]
    public var attributeSets: [AttributeSet]
    public var operations: Operations
    public var multicastGroups: [MulticastGroup]
    /// `kernel-family.headers`: extra includes for the generated kernel code.
    public var kernelHeaders: [String]
    /// `kernel-family.sock-priv`.
    public var kernelSocketPrivate: String?
    /// The first line's `SPDX-License-Identifier`, if any.
    public var license: String?
    /// Where the spec was read from, as given (for messages and generated-file headers).
    public var source: String

    public func attributeSet(named name: String) -> AttributeSet? {
        attributeSets.first { $0.name == name }
    }

    public func definition(named name: String) -> Definition? {
        definitions.first { $0.name == name }
    }

    /// The integer const a check names: by its name, or by its prefixed name (the
    /// const `key-len` with `name-prefix: wg-` is also `wg-key-len`, as C sees it).
    public func integerConstant(named name: String) -> (definition: Definition, value: Int)? {
        for definition in definitions where definition.kind == .const {
            guard case .integer(let value) = definition.value else { continue }
            let prefixed = (definition.namePrefix ?? "\(identifierName)-") + definition.name
            if definition.name == name || prefixed == name { return (definition, value) }
        }
        return nil
    }

    /// A length a check gives: a number, an integer const, or `CONST - 1`.
    public func length(_ length: IntegerOrName) -> Int? {
        switch length {
        case .integer(let value): return value
        case .name(let text):
            if text.hasSuffix(" - 1") { return integerConstant(named: String(text.dropLast(4))).map { $0.value - 1 } }
            return integerConstant(named: text)?.value
        }
    }

    /// A min/max a check gives: a number, a limit such as `u32-max`, or an integer const.
    public func limit(_ limit: IntegerOrName) -> Int128? {
        switch limit {
        case .integer(let value): return Int128(value)
        case .name(let name): return IntegerLimit(name)?.value ?? integerConstant(named: name).map { Int128($0.value) }
        }
    }

    /// The size in bytes of a struct definition (packed, as the spec format says); nil when
    /// it is not a struct or a member's length is unknown.
    public func structSize(_ name: String) -> Int? {
        guard let definition = definition(named: name), definition.kind == .struct else { return nil }
        var total = 0
        for member in definition.members {
            if let width = member.type.integerWidth {
                total += width
            } else if let nested = member.structName {
                guard let size = structSize(nested) else { return nil }
                total += size
            } else if let length = member.length.flatMap(self.length) {
                total += length
            } else {
                return nil
            }
        }
        return total
    }

    /// The name with dashes made underscores, as C identifiers and YNL prefixes use it.
    public var identifierName: String { name.replacingOccurrences(of: "-", with: "_") }
}

extension Spec {
    /// Reads and checks the spec at `path`.
    public init(contentsOf path: String) throws(SpecError) {
        try self.init(yaml: SpecReader.text(ofFile: path, what: "spec"), source: path)
    }

    /// Parses and checks a spec's text; `source` names it in errors.
    public init(yaml: String, source: String = "<string>") throws(SpecError) {
        var reader = SpecReader(source: source)
        self = try reader.read(yaml)
    }
}
