import GenericNetlink
import Glibc
import GnlKvFamily
import Netlink
import NetlinkTesting

/// The gnl_kv module played by `FakeKernel.serving`: a store answering set, get, delete
/// and the get dump as the module does (replies in its attribute layout: KEY, VERSION
/// behind a PAD, VALUE, TAGs), and every request kept for the tests to read.
final class FakeKvKernel {
    typealias Entry = GnlKv.Entry

    static let family = GenericNetlinkFamily(
        name: GnlKv.familyName, id: 0x31, version: UInt32(GnlKv.familyVersion),
        multicastGroups: [.init(name: "events", id: 0x41)])

    var entries: [String: Entry] = [:]
    var version: UInt64 = 1
    var requests: [GenericNetlinkMessage] = []
    /// Dump messages from this position on are flagged NLM_F_DUMP_INTR, for the next
    /// `interruptedDumps` dumps.
    var interruptFrom = 1
    var interruptedDumps = 0

    func makeClient() throws -> GnlKvClient<FakeKernel> {
        let kernel = FakeKernel.serving(Self.family) { [unowned self] message, request in
            requests.append(message)
            return try respond(to: message, request)
        }
        return try GnlKvClient(connection: GenericNetlinkConnection(transport: kernel))
    }

    private func respond(to message: GenericNetlinkMessage, _ request: NetlinkMessage) throws -> [[UInt8]] {
        let kv = try GnlKv.Kv(attributes: message.payload.span.bytes)
        switch message.header.command {
        case GnlKv.Command.get where request.header.flags.contains(.dump):
            let interrupted = interruptedDumps > 0
            if interrupted { interruptedDumps -= 1 }
            var messages = try entries.keys.sorted().enumerated().map { index, key in
                let flags: NetlinkMessageFlags = interrupted && index >= interruptFrom ? [.multipart, .dumpInterrupted] : .multipart
                return try reply(to: request, entries[key]!, full: true, flags: flags)
            }
            messages.append(try FakeKernel.done(answering: request))
            return [FakeKernel.datagram(messages)]
        case GnlKv.Command.get:
            guard let key = kv.entry?.key, let entry = entries[key] else {
                return [try FakeKernel.error(ENOENT, answering: request, message: "no entry has this KEY")]
            }
            return [try reply(to: request, entry, full: true)]
        case GnlKv.Command.set:
            guard var entry = kv.entry, let key = entry.key else {
                return [try FakeKernel.error(EINVAL, answering: request, message: "ENTRY is required")]
            }
            if kv.exclusive, entries[key] != nil {
                return [try FakeKernel.error(EEXIST, answering: request, message: "an entry has this KEY already")]
            }
            version += 1
            entry.version = version
            entries[key] = entry
            return [try reply(to: request, entry, full: false)]
        case GnlKv.Command.delete:
            guard let key = kv.entry?.key, entries.removeValue(forKey: key) != nil else {
                return [try FakeKernel.error(ENOENT, answering: request, message: "no entry has this KEY")]
            }
            version += 1
            return [FakeKernel.acknowledgement(of: request)]
        default:
            return [try FakeKernel.error(EOPNOTSUPP, answering: request)]
        }
    }

    /// A message with `entry` as the module writes it: KEY, a PAD to align the u64, VERSION,
    /// then with `full` VALUE and each TAG.
    private func reply(
        to request: NetlinkMessage, _ entry: Entry, full: Bool, flags: NetlinkMessageFlags = []
    ) throws -> [UInt8] {
        typealias Attribute = Entry.Attribute
        return try FakeKernel.reply(to: request, command: GnlKv.Command.get, flags: flags) { encoder in
            try encoder.appendNested(GnlKv.Kv.Attribute.entry) { nest in
                try nest.appendAttribute(Attribute.key, string: entry.key!)
                try nest.appendAttribute(Attribute.pad, bytes: [UInt8]())
                nest.appendAttribute(Attribute.version, entry.version!)
                if full {
                    try nest.appendAttribute(Attribute.value, bytes: entry.value ?? [])
                    for tag in entry.tag { try nest.appendAttribute(Attribute.tag, string: tag) }
                }
            }
        }
    }
}
