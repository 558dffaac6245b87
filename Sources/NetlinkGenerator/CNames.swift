import NetlinkSpec

/// The C names the kernel's YNL generator gives a spec's elements (its `c_upper`,
/// `c_lower` and prefix rules), shared by the uapi header and the kernel code.
struct CNames {
    let spec: Spec

    static func upper(_ name: String) -> String { name.uppercased().replacingOccurrences(of: "-", with: "_") }
    static func lower(_ name: String) -> String { name.lowercased().replacingOccurrences(of: "-", with: "_") }

    /// `NETDEV_FAMILY_NAME` (`c-family-name`).
    var familyNameDefine: String { Self.upper(spec.cFamilyName ?? spec.name + "_FAMILY_NAME") }
    /// `NETDEV_FAMILY_VERSION` (`c-version-name`).
    var familyVersionDefine: String { Self.upper(spec.cVersionName ?? spec.name + "_FAMILY_VERSION") }
    /// `netdev`: the family's C identifier.
    var family: String { Self.lower(spec.identifierName) }

    /// The uapi header's path as C includes it (`uapi-header`, default `linux/<family>.h`).
    var uapiHeader: String { spec.uapiHeader ?? "linux/\(spec.identifierName).h" }

    var uapiGuard: String {
        let header = uapiHeader
        var name = spec.identifierName
        if header.hasPrefix("linux/"), header.hasSuffix(".h") {
            name = String(header.dropFirst(6).dropLast(2))
        }
        return "_UAPI_LINUX_\(Self.upper(name))_H".replacingOccurrences(of: "/", with: "_")
    }

    // MARK: Definitions

    /// `NETDEV_<NAME>` for a const.
    func constant(_ definition: Definition) -> String {
        if definition.header != nil { return Self.upper(definition.name) }
        return Self.upper((definition.namePrefix ?? "\(spec.identifierName)-") + definition.name)
    }

    /// The prefix of an enum's entries: `name-prefix`, else `<family>-<enum>-`.
    func entryPrefix(_ definition: Definition) -> String {
        definition.namePrefix ?? "\(spec.identifierName)-\(definition.name)-"
    }

    func entry(_ entry: EnumEntry, of definition: Definition) -> String {
        Self.upper(entryPrefix(definition) + entry.name)
    }

    /// `enum netdev_xdp_act`, or nil for an anonymous enum.
    func enumName(_ definition: Definition) -> String? {
        switch definition.enumName {
        case .absent: "\(family)_\(Self.lower(definition.name))"
        case .none: nil
        case .named(let name): name.isEmpty ? nil : Self.lower(name)
        }
    }

    // MARK: Attributes

    /// The prefix of a set's attributes: `name-prefix`, else `<family>-a-` for the set
    /// named like the family, else `<family>-a-<set>-`. Subsets use their main set's.
    func attributePrefix(_ set: AttributeSet) -> String {
        if let main = set.subsetOf, let mainSet = spec.attributeSet(named: main) {
            return attributePrefix(mainSet)
        }
        if let prefix = set.namePrefix { return prefix }
        if set.name == spec.name { return "\(spec.identifierName)-a-" }
        return "\(spec.identifierName)-a-\(set.name)-"
    }

    func attribute(_ attribute: Attribute, in set: AttributeSet) -> String {
        Self.upper((attribute.namePrefix ?? attributePrefix(set)) + attribute.name)
    }

    func attributeMax(_ set: AttributeSet) -> String {
        let main = set.subsetOf.flatMap(spec.attributeSet(named:)) ?? set
        return Self.upper(main.attributeMaxName ?? attributePrefix(main) + "max")
    }

    func attributeCount(_ set: AttributeSet) -> String {
        let main = set.subsetOf.flatMap(spec.attributeSet(named:)) ?? set
        return Self.upper(main.attributeCountName ?? "__" + attributePrefix(main) + "max")
    }

    /// `enum <name>` of a set, or nil (anonymous, the default).
    func setEnumName(_ set: AttributeSet) -> String? {
        if case .named(let name) = set.enumName, !name.isEmpty { return Self.lower(name) }
        return nil
    }

    // MARK: Operations

    var commandPrefix: String { Self.upper(spec.operations.namePrefix ?? spec.name + "-cmd-") }
    var notificationPrefix: String { spec.operations.asyncPrefix.map(Self.upper) ?? commandPrefix }

    func command(_ operation: Operation) -> String {
        (spec.operations.asyncPrefix != nil && operation.isNotification ? notificationPrefix : commandPrefix)
            + Self.upper(operation.name)
    }

    var commandMax: String { Self.upper(spec.commandMaxName ?? commandPrefix + "MAX") }
    var commandCount: String { Self.upper(spec.commandCountName ?? "__" + commandPrefix + "MAX") }

    // MARK: Multicast groups

    func group(_ group: MulticastGroup) -> String {
        Self.upper(group.cDefineName ?? "\(spec.identifierName)-mcgrp-\(group.name)")
    }
}
