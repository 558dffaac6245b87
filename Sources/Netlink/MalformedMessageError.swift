/// Bytes that are not a well-formed netlink message or attribute: truncated headers,
/// lengths pointing past the end, payloads of the wrong size, invalid UTF-8.
///
/// Decoding throws this instead of trapping, whatever the input.
public struct MalformedMessageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, e.g. "attribute length 2 is shorter than its header".
    public var problem: String
    /// Byte offset of the problem within the bytes being decoded, when known.
    public var offset: Int?

    public init(_ problem: String, offset: Int? = nil) {
        self.problem = problem
        self.offset = offset
    }

    public var description: String {
        if let offset {
            return "malformed netlink data at byte \(offset): \(problem)"
        }
        return "malformed netlink data: \(problem)"
    }
}
