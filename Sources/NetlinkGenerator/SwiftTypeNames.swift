import NetlinkSpec

/// The Swift type names a spec's definitions, attribute sets and operations get inside
/// the family's namespace (`GnlFoobarXmpl.Attrs`), kept apart where they would collide.
struct SwiftTypeNames {
    /// The family's namespace, e.g. `GnlFoobarXmpl`.
    let namespace: String
    private var definitionNames: [String: String] = [:]
    private var setNames: [String: String] = [:]
    /// Enums some attribute uses as flags (`enum-as-flags`): they get an OptionSet too.
    private(set) var enumsUsedAsFlags: Set<String> = []

    /// Names the generated code declares itself inside the namespace, and the types it
    /// uses from the standard library and the kit, which a type of the same name in the
    /// namespace would hide (ethtool has an attribute set named `string`).
    static let reserved: Set<String> = [
        "Command", "Client", "Schema", "Attribute", "Borrowed", "Type", "Self", "Protocol",
        "String", "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64",
        "Bool", "Array", "Dictionary", "Set", "Range", "Optional", "Result", "Error", "Never", "Void", "Any",
        "RawSpan", "Span", "OptionSet", "RawRepresentable", "Hashable", "Sendable", "CustomStringConvertible",
        "NetlinkBitfield32", "MessageEncoder", "NetlinkAttributeHeader", "AttributeDecoder", "AttributeLayout",
        "MalformedMessageError", "FamilySchema", "AttributeSetSchema", "AttributeSchema", "GenericNetlinkClient",
        "GenericNetlinkConnection", "NetlinkTransport", "NetlinkSocket", "DumpRetryPolicy", "DumpInterruptedError",
        "Notification", "MulticastGroup", "GenericNetlinkHeader", "NotificationSubscription", "NetlinkMulticastTransport",
    ]

    init(spec: Spec, namespace: String) {
        self.namespace = namespace
        // The namespace's own name too: a set named like the family gets a suffix.
        var taken = Self.reserved.union([namespace])
        for definition in spec.definitions where definition.kind != .const {
            let name = Self.unique(SwiftNames.upperCamel(definition.name), in: &taken)
            definitionNames[definition.name] = name
        }
        for set in spec.attributeSets {
            for attribute in set.attributes where attribute.enumAsFlags {
                if let name = attribute.enumName, spec.definition(named: name)?.kind == .enum {
                    enumsUsedAsFlags.insert(name)
                    definitionNames[name + "#flags"] = Self.unique(
                        SwiftNames.upperCamel(name) + "Flags", in: &taken)
                }
            }
        }
        for set in spec.attributeSets {
            var name = SwiftNames.upperCamel(set.name)
            if taken.contains(name) { name += "Attributes" }
            setNames[set.name] = Self.unique(name, in: &taken)
        }
    }

    private static func unique(_ name: String, in taken: inout Set<String>) -> String {
        var candidate = name
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(name)\(number)"
            number += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// `GnlFoobarXmpl.Attrs`: qualified, so it reads the same anywhere in the file.
    func set(_ name: String) -> String { "\(namespace).\(setNames[name]!)" }
    func setShort(_ name: String) -> String { setNames[name]! }
    func definition(_ name: String) -> String { "\(namespace).\(definitionNames[name]!)" }
    func definitionShort(_ name: String) -> String { definitionNames[name]! }

    /// The OptionSet for a flags definition, or for an enum used as flags.
    func flags(_ definition: Definition) -> String {
        definition.kind == .flags ? self.definition(definition.name) : "\(namespace).\(definitionNames[definition.name + "#flags"]!)"
    }

    func flagsShort(ofEnum name: String) -> String { definitionNames[name + "#flags"]! }
}
