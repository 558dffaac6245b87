import NetlinkSpec

/// An operation a spec-driven call cannot make: the spec has no such operation, or not
/// in the mode asked for (`--do` of a dump-only operation).
public struct OperationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    static func unknown(_ name: String, in spec: Spec) -> OperationError {
        let known = spec.operations.list.filter { $0.doMode != nil || $0.dumpMode != nil }.map(\.name)
        return OperationError("family \(spec.name) has no operation '\(name)' (operations: \(known.joined(separator: ", ")))")
    }
}
