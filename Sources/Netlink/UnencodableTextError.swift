/// Text that a NUL-terminated netlink string attribute cannot carry: it contains a NUL
/// byte, or it is longer than the 16-bit attribute length allows. Thrown before anything
/// is sent.
public struct UnencodableTextError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text's length in UTF-8 bytes.
    public var byteCount: Int
    /// Offset of the first NUL byte, when that is what made the text unencodable.
    public var nulOffset: Int?

    public init(byteCount: Int, nulOffset: Int? = nil) {
        self.byteCount = byteCount
        self.nulOffset = nulOffset
    }

    public var description: String {
        if let nulOffset {
            return "text contains a NUL byte at offset \(nulOffset); "
                + "a netlink string attribute ends at its first NUL"
        }
        return "text of \(byteCount) bytes is longer than one netlink string attribute "
            + "can carry (\(NetlinkAttribute.maximumStringLength) bytes)"
    }
}
