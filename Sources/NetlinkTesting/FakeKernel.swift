import CNetlink
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A `NetlinkTransport` that plays the kernel, for testing client logic without one.
/// A client made over it (`NetlinkConnection(transport:)` and the layers above) is the
/// production type, run against canned replies.
///
/// Each request sent is decoded and given to `respond`, which returns the datagrams the
/// "kernel" queues in reply (each datagram one or more finished messages, concatenated
/// with `datagram(_:)`). The static helpers build the kernel's control messages.
///
/// As a subscription's transport it keeps the groups joined: `multicast(_:to:)` delivers
/// only to those, and `overflow()` makes the next receive fail as a socket whose buffer
/// overflowed does (`ENOBUFS`).
///
///     let kernel = FakeKernel { request in
///         [FakeKernel.datagram([FakeKernel.acknowledgement(of: request)])]
///     }
public final class FakeKernel: NetlinkMulticastTransport {
    /// What a receive gets next.
    private enum Delivery {
        case datagram([UInt8])
        case failure(Errno)
    }

    public let portID: UInt32
    private let respond: (NetlinkMessage) throws -> [[UInt8]]
    private var queue: [Delivery] = []
    /// The multicast groups joined, by id.
    public private(set) var joinedGroups: Set<UInt32> = []
    /// Every datagram sent so far.
    public private(set) var sentDatagrams: [[UInt8]] = []
    /// How many datagrams have been received so far.
    public private(set) var receiveCount = 0

    public init(portID: UInt32 = 4242, respond: @escaping (NetlinkMessage) throws -> [[UInt8]]) {
        self.portID = portID
        self.respond = respond
    }

    /// Queues a datagram as if the kernel had sent it unasked (a stale reply, an event).
    public func enqueue(_ datagram: [UInt8]) {
        queue.append(.datagram(datagram))
    }

    /// Queues a datagram of notifications for `group`, if it is joined (as the kernel
    /// delivers only to members); returns whether it was.
    @discardableResult
    public func multicast(_ datagram: [UInt8], to group: UInt32) -> Bool {
        guard joinedGroups.contains(group) else { return false }
        enqueue(datagram)
        return true
    }

    /// Makes the next receive fail with `ENOBUFS`, as the kernel reports a receive buffer
    /// that overflowed (what was queued before stays queued, after it).
    public func overflow() {
        queue.append(.failure(.noBufferSpace))
    }

    public func joinGroup(_ group: UInt32) throws {
        joinedGroups.insert(group)
    }

    public func leaveGroup(_ group: UInt32) throws {
        joinedGroups.remove(group)
    }

    public func send(_ datagram: UnsafeRawBufferPointer) throws {
        let datagram = [UInt8](datagram)
        sentDatagrams.append(datagram)
        var messages = NetlinkMessageDecoder(datagram[...])
        while let request = messages.next() {
            queue.append(contentsOf: try respond(request).map(Delivery.datagram))
        }
        try messages.finish()
    }

    public func receive(into buffer: inout [UInt8]) throws -> Int {
        // A real socket would block for ever on an empty queue.
        guard let length = try receive(into: &buffer, timeout: .zero) else {
            throw SystemCallError(call: "recvfrom", errno: Errno(rawValue: EAGAIN))
        }
        return length
    }

    /// Nothing arrives while a test waits, so an empty queue times out at once.
    public func receive(into buffer: inout [UInt8], timeout: Duration?) throws -> Int? {
        guard !queue.isEmpty else { return nil }
        switch queue.removeFirst() {
        case .failure(let errno):
            throw SystemCallError(call: "recvfrom", errno: errno)
        case .datagram(let datagram):
            receiveCount += 1
            guard datagram.count <= buffer.count else {
                throw TruncatedDatagramError.growing(&buffer, toHold: datagram.count)
            }
            buffer.replaceSubrange(0..<datagram.count, with: datagram)
            return datagram.count
        }
    }

    // MARK: Building the kernel's messages

    /// Concatenates finished messages into one datagram, padding each to 4 bytes.
    public static func datagram(_ messages: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for message in messages {
            bytes.append(contentsOf: message)
            bytes.append(contentsOf: repeatElement(0, count: netlinkAligned(message.count) - message.count))
        }
        return bytes
    }

    /// A message answering `request` (its sequence number and port id).
    public static func reply(
        to request: NetlinkMessage, type: UInt16? = nil, flags: NetlinkMessageFlags = [],
        _ writePayload: (inout MessageEncoder) throws -> Void = { _ in }
    ) rethrows -> [UInt8] {
        var encoder = MessageEncoder(
            type: type ?? request.header.type, flags: flags,
            sequence: request.header.sequence, portID: request.header.portID)
        try writePayload(&encoder)
        return encoder.finish()
    }

    /// A notification as the kernel multicasts it: sequence 0, port 0.
    public static func notification(
        type: UInt16, flags: NetlinkMessageFlags = [],
        _ writePayload: (inout MessageEncoder) throws -> Void = { _ in }
    ) rethrows -> [UInt8] {
        var encoder = MessageEncoder(type: type, flags: flags, sequence: 0, portID: 0)
        try writePayload(&encoder)
        return encoder.finish()
    }

    /// An `NLMSG_ERROR` with error 0.
    public static func acknowledgement(of request: NetlinkMessage) -> [UInt8] {
        reply(to: request, type: NetlinkMessageType.error, flags: .capped) {
            appendErrorHeader(to: &$0, errno: 0, request: request)
        }
    }

    /// An `NLMSG_ERROR` as a socket with `NETLINK_CAP_ACK` and `NETLINK_EXT_ACK` gets it:
    /// `-errno`, the request's header, then the extended-ACK attributes given.
    public static func error(
        _ errno: Int32, answering request: NetlinkMessage, message: String? = nil,
        offset: UInt32? = nil, missingType: UInt32? = nil, flags: NetlinkMessageFlags = []
    ) throws -> [UInt8] {
        let hasAttributes = message != nil || offset != nil || missingType != nil
        var extraFlags: NetlinkMessageFlags = [.capped]
        if hasAttributes { extraFlags.insert(.acknowledgementAttributes) }
        return try reply(to: request, type: NetlinkMessageType.error, flags: flags.union(extraFlags)) {
            appendErrorHeader(to: &$0, errno: errno, request: request)
            try appendExtendedAcknowledgement(
                to: &$0, message: message, offset: offset, missingType: missingType)
        }
    }

    /// An `NLMSG_DONE` ending the dump `request` started; `errno` non-zero for a dump that
    /// failed part-way.
    public static func done(
        answering request: NetlinkMessage, errno: Int32 = 0, message: String? = nil,
        flags: NetlinkMessageFlags = []
    ) throws -> [UInt8] {
        let extraFlags: NetlinkMessageFlags =
            message == nil ? [.multipart] : [.multipart, .acknowledgementAttributes]
        return try reply(to: request, type: NetlinkMessageType.done, flags: flags.union(extraFlags)) {
            $0.append(-errno)
            try appendExtendedAcknowledgement(
                to: &$0, message: message, offset: nil, missingType: nil)
        }
    }

    /// `struct nlmsgerr`: the negated errno and the request's header.
    private static func appendErrorHeader(
        to encoder: inout MessageEncoder, errno: Int32, request: NetlinkMessage
    ) {
        encoder.append(-errno)
        encoder.append(request.header.length)
        encoder.append(request.header.type)
        encoder.append(request.header.flags.rawValue)
        encoder.append(request.header.sequence)
        encoder.append(request.header.portID)
    }

    private static func appendExtendedAcknowledgement(
        to encoder: inout MessageEncoder, message: String?, offset: UInt32?, missingType: UInt32?
    ) throws {
        if let message {
            try encoder.appendAttribute(UInt16(NLMSGERR_ATTR_MSG.rawValue), string: message)
        }
        if let offset {
            encoder.appendAttribute(UInt16(NLMSGERR_ATTR_OFFS.rawValue), offset)
        }
        if let missingType {
            encoder.appendAttribute(UInt16(NLMSGERR_ATTR_MISS_TYPE.rawValue), missingType)
        }
    }
}
