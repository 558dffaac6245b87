/// A request value (`--json`) the spec cannot encode, and where in the request it is:
/// `.header.flags: 'fast' is not an entry of flags header-flags (known: …)`.
public struct RequestValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the request, in the spec's names from the top (`.header.dev-name`);
    /// empty for the request as a whole.
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "request: \(message)" : "request \(path): \(message)"
    }
}
