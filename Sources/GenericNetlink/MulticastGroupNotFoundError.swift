/// A family has no multicast group by this name (the kernel was built without the
/// feature that adds it, say, or the name is misspelt).
public struct MulticastGroupNotFoundError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The group asked for.
    public var group: String
    /// The family it was looked for in.
    public var family: String
    /// The groups the family has, by name, as nlctrl described them.
    public var availableGroups: [String]

    public init(group: String, family: String, availableGroups: [String]) {
        self.group = group
        self.family = family
        self.availableGroups = availableGroups
    }

    /// "family netdev has no multicast group 'mgnt' (its groups: mgmt, page-pool)".
    public var description: String {
        let groups = availableGroups.isEmpty ? "it has none" : "its groups: " + availableGroups.joined(separator: ", ")
        return "family \(family) has no multicast group '\(group)' (\(groups))"
    }
}

extension GenericNetlinkFamily {
    /// The multicast group called `name`, as nlctrl described it.
    public func multicastGroup(named name: String) throws(MulticastGroupNotFoundError) -> MulticastGroup {
        guard let group = multicastGroups.first(where: { $0.name == name }) else {
            throw MulticastGroupNotFoundError(
                group: name, family: self.name, availableGroups: multicastGroups.map(\.name))
        }
        return group
    }
}
