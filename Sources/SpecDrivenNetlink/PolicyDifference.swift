import NetlinkSpec

/// One way a spec and the running kernel's policies disagree (`gnl --check-spec`).
public struct PolicyDifference: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The kernel has no such command, or not in this mode.
        case missingCommand = "missing command"
        /// The kernel implements a command or mode the spec does not describe.
        case extraCommand = "command not in the spec"
        /// The spec lists an attribute the kernel's policy does not accept.
        case missingAttribute = "missing attribute"
        /// The kernel's policy accepts an attribute the spec does not list.
        case extraAttribute = "attribute not in the spec"
        /// The attribute's type differs.
        case type = "other type"
        /// Integer limits (min, max, mask) differ.
        case range = "other range"
        /// String or binary length limits differ.
        case length = "other length"
        /// The spec lists attributes for a request the kernel checks with no policy at all.
        case noPolicy = "no policy"
    }

    public var kind: Kind
    /// The operation (`dev-get`), or the kernel's command number when the spec has none.
    public var operation: String
    /// `do` or `dump`; nil for the operation as a whole.
    public var mode: OperationMode?
    /// The attribute, by the spec's names from the top (`.header.dev-name`); empty for the
    /// operation or request as a whole.
    public var path: String
    /// What differs, said plainly.
    public var detail: String
    /// Where in the spec (the attribute's or the operation's place).
    public var location: SpecLocation?

    public var description: String {
        var text = ""
        if let location {
            text += location.file + (location.line.map { ":\($0)" } ?? "") + ": "
        }
        text += operation + (mode.map { " \($0.rawValue)" } ?? "")
        if !path.isEmpty { text += " \(path)" }
        return text + ": \(kind.rawValue): \(detail)"
    }
}
