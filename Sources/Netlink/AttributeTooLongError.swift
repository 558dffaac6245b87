/// An attribute whose payload does not fit the 16-bit `nla_len`
/// (at most `NetlinkAttribute.maximumPayloadLength` bytes). Thrown while encoding,
/// before anything is sent.
public struct AttributeTooLongError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The attribute type being written.
    public var type: UInt16
    /// Its payload length in bytes.
    public var byteCount: Int

    public init(type: UInt16, byteCount: Int) {
        self.type = type
        self.byteCount = byteCount
    }

    public var description: String {
        "attribute \(type) of \(byteCount) bytes is longer than a netlink attribute can carry "
            + "(\(NetlinkAttribute.maximumPayloadLength) bytes)"
    }
}
