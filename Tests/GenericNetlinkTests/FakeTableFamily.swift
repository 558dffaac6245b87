import CNetlink
import GenericNetlink
import Glibc
import Netlink
import NetlinkTesting

/// One row of `FakeTableFamily`'s table.
struct Entry: Hashable, Sendable {
    var key: UInt32
    var value: UInt32

    init(key: UInt32, value: UInt32) {
        self.key = key
        self.value = value
    }

    /// Reads the row's attributes.
    init(attributes: RawSpan) throws {
        var key: UInt32?
        var value: UInt32?
        try AttributeDecoder.forEach(in: attributes) { header, range in
            let payload = attributes.extracting(unchecked: range)
            switch header.type {
            case FakeTableFamily.Attribute.key: key = try header.integer(in: payload)
            case FakeTableFamily.Attribute.value: value = try header.integer(in: payload)
            default: break
            }
        }
        guard let key, let value else { throw MalformedMessageError("a row without key or value") }
        self.init(key: key, value: value)
    }
}

/// What the family announces.
enum TableChange: Hashable, Sendable {
    case set(Entry)
    case deleted(key: UInt32)

    /// A subscription's `decode`: nil for commands that announce nothing.
    init?(header: GenericNetlinkHeader, attributes: RawSpan) throws {
        switch header.command {
        case FakeTableFamily.Command.set: self = .set(try Entry(attributes: attributes))
        case FakeTableFamily.Command.delete: self = .deleted(key: try Entry(attributes: attributes).key)
        default: return nil
        }
    }
}

/// A stateful family in a fake kernel, as the subscription tests need one: a table of
/// numbers it dumps (a dump can be made to come back `NLM_F_DUMP_INTR`, or to race a
/// change), and announces every change of to its `events` group. `requests` plays nlctrl
/// and the family for a client; `subscriber` is a subscription's socket.
final class FakeTableFamily {
    enum Command {
        static let dump: UInt8 = 1
        static let get: UInt8 = 2
        static let set: UInt8 = 3
        static let delete: UInt8 = 4
    }

    enum Attribute {
        static let key: UInt16 = 1
        static let value: UInt16 = 2
    }

    static let eventsGroup = GenericNetlinkFamily.MulticastGroup(name: "events", id: 9)

    /// As nlctrl describes it; a test changes the id to play a module reload.
    var family = GenericNetlinkFamily(
        name: "table", id: 0x21, version: 1,
        multicastGroups: [eventsGroup, .init(name: "admin", id: 10)])
    private(set) var entries: [UInt32: UInt32] = [:]
    /// How many of the next dumps come back flagged `NLM_F_DUMP_INTR`.
    var dumpsToInterrupt = 0
    /// Runs after a dump's answer is built and before it is read: a change racing it.
    var afterDump: (() throws -> Void)?
    /// How many dumps were asked for.
    private(set) var dumpCount = 0
    /// The subscription's socket: announcements reach it while it is in the group.
    let subscriber = FakeKernel(portID: 4343) { _ in [] }

    /// The requests' socket: nlctrl, and the family at its current id (an old id gets
    /// `ENOENT`, as from a kernel that no longer has it).
    lazy var requests = FakeKernel { [unowned self] request in
        if request.header.type == Controller.familyID {
            return try controllerReplies(to: request, knowing: [family])
        }
        guard request.header.type == family.id else {
            return [try FakeKernel.error(ENOENT, answering: request)]
        }
        let message = try GenericNetlinkMessage(decoding: request)
        switch message.header.command {
        case Command.dump: return try answerDump(request)
        case Command.get: return [try row(Entry(key: 0, value: UInt32(entries.count)), answering: request)]
        default: return [try FakeKernel.error(EOPNOTSUPP, answering: request)]
        }
    }

    /// A client of the family over `requests`.
    func client() throws -> GenericNetlinkClient<FakeKernel> {
        try GenericNetlinkClient(
            familyName: family.name, version: 1, connection: GenericNetlinkConnection(transport: requests))
    }

    /// Changes a row; announces it unless the announcement is to be lost.
    func set(_ key: UInt32, _ value: UInt32, announce: Bool = true) {
        entries[key] = value
        if announce { self.announce(Command.set, Entry(key: key, value: value)) }
    }

    func delete(_ key: UInt32, announce: Bool = true) {
        guard let value = entries.removeValue(forKey: key) else { return }
        if announce { self.announce(Command.delete, Entry(key: key, value: value)) }
    }

    private func announce(_ command: UInt8, _ entry: Entry) {
        let message = FakeKernel.notification(type: family.id) { encoder in
            encoder.append(GenericNetlinkHeader(command: command, version: 1))
            Self.write(entry, to: &encoder)
        }
        subscriber.multicast(FakeKernel.datagram([message]), to: Self.eventsGroup.id)
    }

    private func answerDump(_ request: NetlinkMessage) throws -> [[UInt8]] {
        dumpCount += 1
        var flags: NetlinkMessageFlags = .multipart
        if dumpsToInterrupt > 0 {
            dumpsToInterrupt -= 1
            flags.insert(.dumpInterrupted)
        }
        var messages = try entries.sorted { $0.key < $1.key }.map {
            try row(Entry(key: $0.key, value: $0.value), answering: request, flags: flags)
        }
        messages.append(try FakeKernel.done(answering: request, flags: flags))
        try afterDump?()
        return [FakeKernel.datagram(messages)]
    }

    private func row(_ entry: Entry, answering request: NetlinkMessage, flags: NetlinkMessageFlags = [])
        throws -> [UInt8]
    {
        FakeKernel.reply(to: request, flags: flags) { encoder in
            encoder.append(GenericNetlinkHeader(command: Command.dump, version: 1))
            Self.write(entry, to: &encoder)
        }
    }

    private static func write(_ entry: Entry, to encoder: inout MessageEncoder) {
        encoder.appendAttribute(Attribute.key, entry.key)
        encoder.appendAttribute(Attribute.value, entry.value)
    }
}

extension GenericNetlinkClient where Transport == FakeKernel {
    /// The table's rows, dumped; an interrupted dump is thrown as
    /// `DumpInterruptedError<Entry>`, as generated clients' `…All` methods do.
    func dumpTable() throws -> [Entry] {
        var rows: [Entry] = []
        try dump(FakeTableFamily.Command.dump, operation: "dump", set: "table", element: Entry.self, { _ in }) {
            rows.append(try Entry(attributes: $1))
        }
        return rows
    }
}
