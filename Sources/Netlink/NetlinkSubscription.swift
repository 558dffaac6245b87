import CNetlink

/// Multicast groups joined on a transport of their own, and the notifications they bring,
/// one message at a time.
///
/// A subscription never sends a request, so whatever its socket receives from the kernel
/// is a notification: none can be taken for an answer, and none is dropped while a
/// request on another connection waits for its answer (the kernel keeps them in this
/// socket's buffer until they are read). Requests go through a connection of their own.
///
/// It is for one thread at a time. It is not copyable; it may be moved to another thread
/// (the async layer does) when its transport may.
public struct NetlinkSubscription<Transport: NetlinkMulticastTransport & ~Copyable>: ~Copyable {
    @usableFromInline var transport: Transport
    @usableFromInline var buffer: [UInt8]
    /// The last datagram's length, and where in it the next message to hand out starts.
    @usableFromInline var datagramLength = 0
    @usableFromInline var nextOffset = 0
    /// The groups joined, by id.
    public private(set) var groups: Set<UInt32> = []

    /// A subscription over `transport`, which it owns from now on; it joins no group yet.
    /// `datagramBufferSize` is the largest datagram it can read.
    public init(
        transport: consuming Transport,
        datagramBufferSize: Int = NetlinkConnection<NetlinkSocket>.defaultReceiveBufferSize
    ) {
        self.transport = transport
        buffer = [UInt8](receiveBufferOf: datagramBufferSize)
    }

    /// Joins multicast group `group`; joining a group twice is harmless.
    public mutating func join(group: UInt32) throws {
        try transport.joinGroup(group)
        groups.insert(group)
    }

    /// Leaves multicast group `group`: its notifications stop (those already received
    /// are still handed out).
    public mutating func leave(group: UInt32) throws {
        try transport.leaveGroup(group)
        groups.remove(group)
    }

    /// The next notification as `decode` reads it — the message's header and payload,
    /// borrowed from the receive buffer — or `.overrun` when the kernel dropped some.
    /// Messages `decode` returns nil for are skipped. Waits at most `timeout` in all (for
    /// ever when nil); nil when nothing came in time.
    ///
    /// A malformed datagram, or an error `decode` throws, is thrown after the message
    /// (or the datagram) is consumed: the next call goes on with what follows.
    public mutating func next<Notification>(
        timeout: Duration? = nil,
        decode: (NetlinkMessageHeader, RawSpan) throws -> Notification?
    ) throws -> SubscriptionEvent<Notification>? {
        // A zero timeout takes what is waiting and reads no clock (the async layer's reads
        // in the consuming task pass one per notification).
        let deadline = timeout == .zero ? nil : timeout.map(Deadline.init(after:))
        while true {
            while nextOffset < datagramLength {
                let message: (header: nlmsghdr, payload: Range<Int>, next: Int)
                do {
                    message = try NetlinkRecord.message.read(
                        nlmsghdr.self, in: buffer.span.bytes.extracting(first: datagramLength),
                        at: nextOffset)
                } catch {
                    nextOffset = datagramLength  // the rest of this datagram cannot be read
                    throw error
                }
                nextOffset = message.next
                let header = NetlinkMessageHeader(message.header)
                // Control messages (NLMSG_NOOP, _ERROR, _DONE, _OVERRUN) notify nothing.
                guard header.type >= NetlinkMessageType.minimumProtocolType else { continue }
                // `read` checked the payload lies within the datagram.
                let payload = buffer.span.bytes.extracting(unchecked: message.payload)
                if let notification = try decode(header, payload) {
                    return .notification(notification)
                }
            }
            do {
                guard let length = try transport.receive(into: &buffer, timeout: deadline?.remaining ?? timeout)
                else { return nil }
                datagramLength = length
                nextOffset = 0
            } catch let error as SystemCallError where error.errno == .noBufferSpace {
                return .overrun
            }
        }
    }
}

extension NetlinkSubscription where Transport: ~Copyable {
    /// Reads and drops every notification received so far, overruns included; returns
    /// how many messages there were. For a caller about to read the state afresh (a
    /// dump): whatever was queued before it asks describes a state the dump shows.
    @discardableResult
    public mutating func discardReceived() throws -> Int {
        var discarded = 0
        while true {
            do {
                let event = try next(timeout: .zero) { _, _ -> Never? in
                    discarded += 1
                    return nil
                }
                if event == nil { return discarded }
            } catch is MalformedMessageError {
                continue  // dropped with the rest of its datagram
            }
        }
    }
}

extension NetlinkSubscription: BlockingEventSource where Transport: ~Copyable {
    /// The next notification, copied out of the receive buffer (see `next(timeout:decode:)`).
    public mutating func next(timeout: Duration? = nil) throws -> SubscriptionEvent<NetlinkMessage>? {
        try next(timeout: timeout) { header, payload in
            NetlinkMessage(header: header, copying: payload)
        }
    }

    /// What is waiting, read without a wait (`next(timeout: .zero)`).
    public mutating func nextWithoutWaiting() throws -> SubscriptionEvent<NetlinkMessage>? {
        try next(timeout: .zero)
    }
}
