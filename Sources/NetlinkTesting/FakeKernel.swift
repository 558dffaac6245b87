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
///     let kernel = FakeKernel { request in
///         [FakeKernel.datagram([FakeKernel.acknowledgement(of: request)])]
///     }
public final class FakeKernel: NetlinkTransport {
    public let portID: UInt32
    private let respond: (NetlinkMessage) throws -> [[UInt8]]
    private var queue: [[UInt8]] = []
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
        queue.append(datagram)
    }

    public func send(_ datagram: UnsafeRawBufferPointer) throws {
        let datagram = [UInt8](datagram)
        sentDatagrams.append(datagram)
        var messages = NetlinkMessageDecoder(datagram[...])
        while let request = messages.next() {
            queue.append(contentsOf: try respond(request))
        }
        try messages.finish()
    }

    public func receive(into buffer: inout [UInt8]) throws -> Int {
        guard !queue.isEmpty else {
            // A real socket would block for ever here.
            throw SystemCallError(call: "recvfrom", errno: Errno(rawValue: EAGAIN))
        }
        let datagram = queue.removeFirst()
        receiveCount += 1
        guard datagram.count <= buffer.count else {
            throw TruncatedDatagramError(bufferSize: buffer.count)
        }
        buffer.replaceSubrange(0..<datagram.count, with: datagram)
        return datagram.count
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
