/// `struct genlmsghdr`: the 4-byte header after `nlmsghdr` in every generic netlink message.
///
///     struct genlmsghdr { __u8 cmd; __u8 version; __u16 reserved; };
public struct GenericNetlinkHeader: Hashable, Sendable {
    /// `cmd`: the family's command.
    public var command: UInt8
    /// `version`: the family's interface version.
    public var version: UInt8

    /// `GENL_HDRLEN`.
    public static let length = 4

    @inlinable
    public init(command: UInt8, version: UInt8) {
        self.command = command
        self.version = version
    }
}
