import CNetlink
import GenericNetlink
import Glibc
import Netlink
import NetlinkTesting

/// An nlctrl that knows the given families, on `FakeKernel`.
func fakeController(knowing families: [GenericNetlinkFamily]) -> FakeKernel {
    FakeKernel { request in try controllerReplies(to: request, knowing: families) }
}

/// nlctrl's answer to `request` (`CTRL_CMD_GETFAMILY`, done or dumped) when `families`
/// are registered: for fake kernels that play nlctrl and a family.
func controllerReplies(to request: NetlinkMessage, knowing families: [GenericNetlinkFamily]) throws
    -> [[UInt8]]
{
    let message = try GenericNetlinkMessage(decoding: request)
    guard message.header.command == UInt8(CTRL_CMD_GETFAMILY) else {
        return [try FakeKernel.error(EOPNOTSUPP, answering: request)]
    }
    if request.header.flags.contains(.dump) {
        var replies = try families.map { try familyMessage($0, answering: request, flags: .multipart) }
        replies.append(try FakeKernel.done(answering: request))
        return [FakeKernel.datagram(replies)]
    }
    var name: String?
    try AttributeDecoder.forEach(in: message.payload) {
        if $0.type == UInt16(CTRL_ATTR_FAMILY_NAME) { name = try $0.string() }
    }
    guard let family = families.first(where: { $0.name == name }) else {
        return [try FakeKernel.error(ENOENT, answering: request)]
    }
    return [try familyMessage(family, answering: request)]
}

/// `CTRL_CMD_NEWFAMILY` describing `family`, as the kernel writes it.
func familyMessage(
    _ family: GenericNetlinkFamily, answering request: NetlinkMessage,
    flags: NetlinkMessageFlags = []
) throws -> [UInt8] {
    try FakeKernel.reply(to: request, flags: flags) { encoder in
        encoder.append(GenericNetlinkHeader(command: UInt8(CTRL_CMD_NEWFAMILY), version: 2))
        try family.appendAttributes(to: &encoder)
    }
}

/// nlctrl's announcement of `family` (`CTRL_CMD_NEWFAMILY` or `_DELFAMILY`) to its
/// `notify` group.
func familyAnnouncement(_ family: GenericNetlinkFamily, command: Int) throws -> [UInt8] {
    try FakeKernel.notification(type: Controller.familyID) { encoder in
        encoder.append(GenericNetlinkHeader(command: UInt8(command), version: 2))
        try family.appendAttributes(to: &encoder)
    }
}
