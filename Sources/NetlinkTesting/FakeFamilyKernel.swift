import CNetlink
import GenericNetlink
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension FakeKernel {
    /// A kernel that has one generic netlink family, for testing a family's client: nlctrl
    /// answers a `CTRL_CMD_GETFAMILY` for `family`'s name with `family` (any other name
    /// with `ENOENT`), and every request to the family is handed to `respond`, decoded,
    /// for the datagrams it answers with (`reply(to:command:flags:_:)` builds them).
    ///
    ///     let kernel = FakeKernel.serving(GenericNetlinkFamily(name: "my_family", id: 0x20)) { message, request in
    ///         [FakeKernel.datagram([try FakeKernel.reply(to: request, command: message.header.command) { _ in }])]
    ///     }
    public static func serving(
        _ family: GenericNetlinkFamily, portID: UInt32 = 4242,
        respond: @escaping (GenericNetlinkMessage, NetlinkMessage) throws -> [[UInt8]]
    ) -> FakeKernel {
        FakeKernel(portID: portID) { request in
            let message = try GenericNetlinkMessage(decoding: request)
            guard request.header.type == Controller.familyID else { return try respond(message, request) }
            var name: String?
            try AttributeDecoder.forEach(in: message.payload) {
                if $0.type == UInt16(CTRL_ATTR_FAMILY_NAME) { name = try $0.string() }
            }
            guard message.header.command == UInt8(CTRL_CMD_GETFAMILY), name == family.name else {
                return [try error(ENOENT, answering: request)]
            }
            return [try reply(to: request, command: UInt8(CTRL_CMD_NEWFAMILY), version: 2) {
                try family.appendAttributes(to: &$0)
            }]
        }
    }

    /// A generic netlink message answering `request`: `genlmsghdr` with `command`, then
    /// the attributes `writeAttributes` appends.
    public static func reply(
        to request: NetlinkMessage, command: UInt8, version: UInt8 = 1, flags: NetlinkMessageFlags = [],
        _ writeAttributes: (inout MessageEncoder) throws -> Void
    ) rethrows -> [UInt8] {
        try reply(to: request, flags: flags) { encoder in
            encoder.append(GenericNetlinkHeader(command: command, version: version))
            try writeAttributes(&encoder)
        }
    }
}
