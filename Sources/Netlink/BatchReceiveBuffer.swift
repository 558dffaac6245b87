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
    /// Per datagram received: its length, its sender's port id, whether it was cut short.
    @usableFromInline var lengths: [UInt32]
    @usableFromInline var senders: [UInt32]
    @usableFromInline var truncated: [CInt]
    /// For transports that receive one datagram at a time.
    @usableFromInline var single: [UInt8] = []

    public init(slots: Int = 64, slotSize: Int = 8192) {
        precondition((1...256).contains(slots) && slotSize > 0)
        self.slots = slots
        self.slotSize = slotSize
        memory = .allocate(byteCount: slots * slotSize, alignment: 8)
        lengths = [UInt32](repeating: 0, count: slots)
        senders = [UInt32](repeating: 0, count: slots)
        truncated = [CInt](repeating: 0, count: slots)
    }

    deinit {
        memory.deallocate()
    }
}

extension NetlinkTransport where Self: ~Copyable {
    /// One datagram per call, for transports without `recvmmsg` (fakes in tests).
    @inlinable
    public mutating func receiveMany(into buffer: BatchReceiveBuffer, _ body: (RawSpan) throws -> Void) throws {
        if buffer.single.count < buffer.slotSize { buffer.single = [UInt8](repeating: 0, count: buffer.slotSize) }
        let length = try receive(into: &buffer.single)
        try buffer.single.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<length]).bytes) }
    }
}

extension NetlinkSocket {
    /// Every datagram that is waiting, up to the buffer's slots, in one `recvmmsg`
    /// (blocking until the first arrives), each handed to `body`. Datagrams not from the
    /// kernel are skipped.
    @inlinable
    public mutating func receiveMany(into buffer: BatchReceiveBuffer, _ body: (RawSpan) throws -> Void) throws {
        let received = try Self.retryingInterrupts("recvmmsg") {
            Int(cnetlink_receive_many(
                descriptor, buffer.memory, UInt32(buffer.slotSize), UInt32(buffer.slots), &buffer.lengths,
                &buffer.senders, &buffer.truncated))
        }
        for index in 0..<received {
            if buffer.truncated[index] != 0 { throw TruncatedDatagramError(bufferSize: buffer.slotSize) }
            guard buffer.senders[index] == 0 else { continue }
            let datagram = UnsafeRawBufferPointer(
                start: buffer.memory + index * buffer.slotSize, count: Int(buffer.lengths[index]))
            try body(datagram.bytes)
        }
    }
}
