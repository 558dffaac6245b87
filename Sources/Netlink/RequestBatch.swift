import CNetlink

/// Requests that travel together: many netlink messages in one datagram, which the kernel
/// takes one by one, in order, before `sendto` returns, queueing an answer for each. A
/// batch costs one `sendto` and, with a transport that can read many datagrams at once
/// (`recvmmsg`), about one receive for all its answers, where requests one at a time cost
/// a send and a receive each.
///
/// Every request of a batch gets exactly one answer, matched by its sequence number: its
/// reply, or an `NLMSG_ERROR` — an error for that request alone, or an acknowledgement
/// for a request that asked for one (`NLM_F_ACK`) and has no reply. Dumps cannot be
/// batched (a socket runs one dump at a time).
public struct NetlinkRequestBatch: ~Copyable {
    @usableFromInline var encoder: MessageEncoder
    @usableFromInline let portID: UInt32
    @usableFromInline let firstSequence: UInt32
    /// Where the message being written starts; its length is patched when the next starts.
    @usableFromInline var messageStart = -1
    /// How many requests were added.
    @usableFromInline var requestCount = 0
    public var count: Int { requestCount }

    @usableFromInline
    init(encoder: consuming MessageEncoder, portID: UInt32, firstSequence: UInt32) {
        self.encoder = encoder
        self.portID = portID
        self.firstSequence = firstSequence
    }

    /// Adds a request whose payload `writePayload` writes after its header.
    /// `NLM_F_REQUEST` is always set; `NLM_F_DUMP` is refused.
    @inlinable
    public mutating func add(
        type: UInt16, flags: NetlinkMessageFlags = [], _ writePayload: (inout MessageEncoder) throws -> Void
    ) throws {
        precondition(!flags.contains(.dump), "a dump cannot be batched: a socket runs one dump at a time")
        closeMessage()
        messageStart = encoder.filled
        var header = nlmsghdr()
        header.nlmsg_type = type
        header.nlmsg_flags = flags.union(.request).rawValue
        header.nlmsg_seq = firstSequence &+ UInt32(truncatingIfNeeded: requestCount)
        header.nlmsg_pid = portID
        encoder.store(header)  // nlmsg_len patched by closeMessage()
        do {
            try writePayload(&encoder)
        } catch {
            encoder.filled = messageStart  // drop the half-written request
            messageStart = -1
            throw error
        }
        requestCount += 1
    }

    /// Patches the length of the message being written and pads it to 4 bytes.
    @inlinable
    mutating func closeMessage() {
        guard messageStart >= 0 else { return }
        encoder.patch(UInt32(truncatingIfNeeded: encoder.filled &- messageStart), at: messageStart)
        encoder.pad()
        messageStart = -1
    }
}

extension NetlinkConnection where Transport: ~Copyable {
    /// How many requests a batch may have in flight at once: their answers wait in the
    /// socket's receive buffer (about 200 KiB by default) until they are read, and an
    /// answer that does not fit is lost. Bigger batches are sent in chunks of this size.
    public static var defaultBatchLimit: Int { 64 }

    /// Sends the requests `build` adds in one datagram per `limit` of them and hands each
    /// answer to `reply` (the request's index, its reply's header and payload, borrowed)
    /// or `failure` (the index, the kernel's refusal and a copy of the refused request,
    /// for naming what it points at), in the order they arrive — which for one datagram
    /// is the order of the requests. Acknowledgements of requests
    /// without a reply are handed to `reply` with an empty payload and the type
    /// `NLMSG_ERROR`; a warning the kernel attached to one goes to `warningHandler`.
    /// Returns how many requests there were.
    ///
    /// If `reply` or `failure` throws, the rest of the batch's answers are still read
    /// (so the socket stays in step), then the error is rethrown.
    // Always inlined, with the cores below it, as `request` is: the layers' closures
    // (the typed client's, GenericNetlinkConnection's) then become straight-line code in
    // the caller instead of a call each per request.
    @inlinable @inline(__always) @discardableResult
    public mutating func batch(
        limit: Int = defaultBatchLimit,
        _ build: (inout NetlinkRequestBatch) throws -> Void,
        reply: (Int, NetlinkMessageHeader, RawSpan) throws -> Void,
        failure: (Int, NetlinkError, _ request: [UInt8]) throws -> Void
    ) throws -> Int {
        precondition(limit > 0, "a batch limit must be positive")
        if batchBuffer == nil { batchBuffer = BatchReceiveBuffer() }
        var requests = NetlinkRequestBatch(
            encoder: sendEncoder.take() ?? MessageEncoder(), portID: portID, firstSequence: nextSequence)
        requests.encoder.filled = 0
        let outcome: Result<Int, any Error>
        do {
            outcome = .success(try send(&requests, limit: limit, build, reply: reply, failure: failure))
        } catch {
            outcome = .failure(error)
        }
        // The encoder is the connection's: its memory serves the next request.
        sendEncoder = consume requests.encoder
        return try outcome.get()
    }

    /// `batch(…)`'s work, apart so that the encoder goes back to the connection however
    /// it ends.
    @inlinable @inline(__always)
    mutating func send(
        _ requests: inout NetlinkRequestBatch, limit: Int, _ build: (inout NetlinkRequestBatch) throws -> Void,
        reply: (Int, NetlinkMessageHeader, RawSpan) throws -> Void,
        failure: (Int, NetlinkError, _ request: [UInt8]) throws -> Void
    ) throws -> Int {
        try build(&requests)
        requests.closeMessage()
        let total = requests.count
        guard total > 0 else { return 0 }
        // Numbers that do not wrap within the batch, so that an answer's index is its
        // number less the first; 0 stays reserved for notifications.
        guard UInt64(nextSequence) + UInt64(total) <= UInt64(UInt32.max) else {
            nextSequence = 1
            throw BatchRenumberingError()
        }
        nextSequence &+= UInt32(total)

        // Chunks of `limit` messages: they lie end to end, 4-byte aligned, so a chunk is
        // a range of bytes, sent as one datagram.
        let first = requests.firstSequence
        let warningHandler = warningHandler  // the closure below may not read `self`
        var bodyError: (any Error)?
        var chunkStart = 0
        var sent = 0
        while sent < total {
            let chunkCount = min(limit, total - sent)
            // The last chunk ends where the writing did: only earlier ones are walked.
            let chunkEnd =
                sent + chunkCount == total
                ? requests.encoder.filled : try requests.encoder.offset(afterMessages: chunkCount, from: chunkStart)
            try requests.encoder.withBytes(chunkStart..<chunkEnd) { try transport.send($0) }
            let lowest = first &+ UInt32(sent)
            var pending = chunkCount
            try receiveBatchAnswers { header, payload in
                let index = Int(header.sequence &- lowest)
                guard header.sequence != 0, index >= 0, index < chunkCount else { return }
                pending -= 1
                guard bodyError == nil else { return }
                do {
                    if header.type == NetlinkMessageType.error {
                        let message = NetlinkMessage(header: header, copying: payload)
                        if let error = try NetlinkError(errorMessage: message) {
                            try failure(sent + index, error, requests.encoder.message(sent + index))
                            return
                        }
                        if header.flags.contains(.acknowledgementAttributes) {
                            try Self.report(NetlinkWarning(acknowledgement: message), to: warningHandler)
                        }
                        try reply(sent + index, header, payload.extracting(first: 0))
                    } else {
                        try reply(sent + index, header, payload)
                    }
                } catch {
                    bodyError = error
                }
            } until: { pending == 0 }
            sent += chunkCount
            chunkStart = chunkEnd
        }
        if let bodyError { throw bodyError }
        return total
    }

    /// Reads datagrams (many per call where the transport can) and hands every message
    /// addressed to our port to `handle` until `isDone`. Malformed datagrams are thrown.
    @inlinable @inline(__always)
    mutating func receiveBatchAnswers(
        _ handle: (NetlinkMessageHeader, RawSpan) throws -> Void, until isDone: () -> Bool
    ) throws {
        let port = portID
        let batchBuffer = batchBuffer!
        while !isDone() {
            // The datagrams are read here rather than in a closure the transport calls:
            // through the protocol, that closure and `handle` behind it stayed calls, per
            // datagram and per answer.
            let received = try transport.receiveMany(into: batchBuffer)
            for index in 0..<received {
                guard let datagram = try batchBuffer.datagram(index)?.bytes else { continue }
                var offset = 0
                while offset < datagram.byteCount {
                    let message = try NetlinkRecord.message.read(nlmsghdr.self, in: datagram, at: offset)
                    offset = message.next
                    let header = NetlinkMessageHeader(message.header)
                    guard header.portID == port else { continue }
                    if header.type == NetlinkMessageType.overrun {
                        throw MalformedMessageError("NLMSG_OVERRUN: the kernel lost messages")
                    }
                    try handle(header, datagram.extracting(unchecked: message.payload))
                }
            }
        }
    }
}

/// A batch would have run its sequence numbers past the largest: numbering starts again
/// from 1; build the batch again. (Once in four billion requests.)
public struct BatchRenumberingError: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the batch's sequence numbers wrapped: send it again" }
}

extension MessageEncoder {
    /// The offset just past `count` messages starting at `start`, read from their lengths.
    @inlinable
    func offset(afterMessages count: Int, from start: Int) throws -> Int {
        var offset = start
        for _ in 0..<count {
            guard offset + messageHeaderLength <= filled else {
                throw MalformedMessageError("a batch holds fewer messages than counted")
            }
            let length = Int(memory.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            offset += netlinkAligned(length)
        }
        return min(offset, filled)
    }

    /// A copy of the `index`th message written (for error reports).
    @usableFromInline
    func message(_ index: Int) throws -> [UInt8] {
        let start = try offset(afterMessages: index, from: 0)
        let end = try offset(afterMessages: 1, from: start)
        return withBytes(start..<end) { Array($0) }
    }

    /// Hands `body` the bytes `range` of what was written.
    @inlinable
    func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        precondition(range.lowerBound >= 0 && range.upperBound <= filled)
        return try body(UnsafeRawBufferPointer(start: memory + range.lowerBound, count: range.count))
    }
}
