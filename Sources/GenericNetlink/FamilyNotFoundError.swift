/// The controller (nlctrl) knows no generic netlink family by this name (`ENOENT`):
/// usually the module that registers it is not loaded.
public struct FamilyNotFoundError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The family name that was looked up.
    public var name: String

    public init(name: String) {
        self.name = name
    }

    public var description: String {
        "family \(name) not found — is the module loaded?"
    }
}
