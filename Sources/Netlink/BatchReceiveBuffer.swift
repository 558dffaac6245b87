import CNetlink

/// Room to receive many datagrams in one system call (`recvmmsg`): a slot per datagram,
/// allocated once per connection, on its first batch. A datagram larger than a slot is
/// an error (`TruncatedDatagramError`): batched requests answer with small replies.
public final class BatchReceiveBuffer {
    /// Datagrams one call can receive (at most 256).
    public let slots: Int
    /// The largest datagram a slot holds.
    public let slotSize: Int
    @usableFromInline let memory: UnsafeMutableRawPointer
    /// recvmmsg's headers, one per slot, set up once: setting them up on every call (and
    /// collecting lengths and senders into arrays of this class) was most of a small
    /// batch's user-space work (measurements/analysis.md).
    @usableFromInline let headers: UnsafeMutableRawPointer
    /// For transports that receive one datagram at a time.
    @usableFromInline var single: [UInt8] = []

    public init(slots: Int = 64, slotSize: Int = 8192) {
        precondition((1...256).contains(slots) && slotSize > 0)
        self.slots = slots
        self.slotSize = slotSize
        memory = .allocate(byteCount: slots * slotSize, alignment: 8)
        headers = .allocate(byteCount: Int(cnetlink_receive_headers_size(UInt32(slots))), alignment: 16)
        cnetlink_receive_headers_init(headers, memory, UInt32(slotSize), UInt32(slots))
    }

    deinit {
        memory.deallocate()
        headers.deallocate()
    }

    /// The `index`th datagram of the last receive, or nil when it is not from the kernel.
    /// Throws `TruncatedDatagramError` when it was longer than a slot.
    @inlinable @inline(__always)
    public func datagram(_ index: Int) throws -> UnsafeRawBufferPointer? {
        var sender: UInt32 = 0
        let length = cnetlink_received(headers, UInt32(slots), UInt32(index), &sender)
        if length < 0 { throw TruncatedDatagramError(bufferSize: slotSize) }
        guard sender == 0 else { return nil }
        return UnsafeRawBufferPointer(start: memory + index &* slotSize, count: length)
    }
}

extension NetlinkTransport where Self: ~Copyable {
    /// One datagram per call, for transports without `recvmmsg` (fakes in tests): put in
    /// the first slot as recvmmsg would have.
    @inlinable
    public mutating func receiveMany(into buffer: BatchReceiveBuffer) throws -> Int {
        if buffer.single.count < buffer.slotSize { buffer.single = [UInt8](receiveBufferOf: buffer.slotSize) }
        let length = try receive(into: &buffer.single)
        buffer.single.withUnsafeBytes { buffer.memory.copyMemory(from: $0.baseAddress!, byteCount: length) }
        cnetlink_received_one(buffer.headers, UInt32(buffer.slots), UInt32(length))
        return 1
    }
}

extension NetlinkSocket {
    /// Every datagram that is waiting, up to the buffer's slots, in one `recvmmsg`
    /// (blocking until the first arrives).
    @inlinable
    public mutating func receiveMany(into buffer: BatchReceiveBuffer) throws -> Int {
        let (headers, slots) = (buffer.headers, UInt32(buffer.slots))
        return try Self.retryingInterrupts("recvmmsg") { Int(cnetlink_receive_many(descriptor, headers, slots)) }
    }
}
