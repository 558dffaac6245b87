import CNetlink

/// Requests and their answers over a `NetlinkTransport`: numbers each request, and
/// returns only messages that carry that sequence number and our port id — anything
/// else (a stale reply, a notification) is never taken for an answer.
///
/// Receiving reads one datagram per `recvfrom` into a buffer reused for the life of the
/// connection; a request with one reply costs one send and one receive.
public struct NetlinkConnection<Transport: NetlinkTransport & ~Copyable>: ~Copyable {
    // Internal rather than private so that the inlinable methods below can reach them:
    // callers then compile those methods for their own `Transport`, not a generic one.
    @usableFromInline var transport: Transport
    @usableFromInline var nextSequence: UInt32 = 1
    @usableFromInline var sendEncoder: MessageEncoder? = MessageEncoder()
    @usableFromInline var receiveBuffer: [UInt8]
    /// Slots for many datagrams at once, made on the first batch (`batch(…)`).
    @usableFromInline var batchBuffer: BatchReceiveBuffer?
    /// Called with each warning the kernel attaches to an answer that succeeded: to an
    /// acknowledgement (`requestAcknowledged`) or to the end of a dump (`dump`). Without
    /// a handler, warnings are dropped.
    public var warningHandler: ((NetlinkWarning) -> Void)?

    /// Large enough for any generic netlink dump datagram: the kernel sizes those at
    /// 32 KiB at most (`netlink_recvmsg` caps what it learns of a reader's buffer at
    /// `SKB_WITH_OVERHEAD(32768)`), and its documentation recommends 32 KiB. A reply
    /// larger than the buffer is thrown as `TruncatedDatagramError` with its size, and
    /// the buffer grows to hold one that size (`NetlinkTransport.receive(into:)`): asking
    /// again succeeds. (64 KiB, as before, outgrew the heap glibc sets up at start beside
    /// the Swift runtime's, costing a `brk` in every process.)
    public static var defaultReceiveBufferSize: Int { 32 * 1024 }

    @inlinable
    public init(transport: consuming Transport, receiveBufferSize: Int = defaultReceiveBufferSize) {
        self.transport = transport
        receiveBuffer = [UInt8](receiveBufferOf: receiveBufferSize)
    }

    /// The port id replies are addressed to.
    @inlinable
    public var portID: UInt32 { transport.portID }

    // MARK: Requests

    /// Sends a request whose payload `writePayload` writes after the header and returns its
    /// sequence number. `NLM_F_REQUEST` is always set.
    // Always inlined: the payload closures of the layers above then fold into the caller
    // instead of being called through two closure thunks per request.
    @inlinable @inline(__always)
    public mutating func send(
        type: UInt16, flags: NetlinkMessageFlags = [],
        _ writePayload: (inout MessageEncoder) throws -> Void
    ) throws -> UInt32 {
        let sequence = takeSequenceNumber()
        // The encoder is the connection's, so its memory serves every request. Taken out
        // into a local while in use: writing through `self.sendEncoder` (beside
        // `transport`) cost more on every request (measured in measurements/analysis.md).
        // It is always put back, so the fallback never runs.
        var encoder = sendEncoder.take() ?? MessageEncoder()
        encoder.restart(
            type: type, flags: flags.union(.request), sequence: sequence, portID: portID)
        do {
            try writePayload(&encoder)
            try encoder.finish { try transport.send($0) }
        } catch {
            sendEncoder = consume encoder
            throw error
        }
        sendEncoder = consume encoder
        return sequence
    }

    /// Sends a request that the kernel answers with exactly one message (a `doit` reply)
    /// and returns what `decodeReply` makes of it. A kernel error is thrown as
    /// `NetlinkError`.
    @inlinable
    public mutating func request<Reply>(
        type: UInt16, flags: NetlinkMessageFlags = [],
        _ writePayload: (inout MessageEncoder) throws -> Void,
        reply decodeReply: (NetlinkMessage) throws -> Reply
    ) throws -> Reply {
        try request(type: type, flags: flags, writePayload) { header, payload in
            try decodeReply(NetlinkMessage(header: header, copying: payload))
        }
    }

    /// Requests like `request(type:flags:_:reply:)`, handing `decodeReply` the reply's
    /// payload borrowed from the receive buffer: nothing is copied (for hot paths).
    // Always inlined, as the cores it is built on, so that the closures of the layers
    // above become straight-line code: a call through each closure would be a sizeable
    // share of the request's own work (measured in measurements/analysis.md).
    @inlinable @inline(__always)
    public mutating func request<Reply>(
        type: UInt16, flags: NetlinkMessageFlags = [],
        _ writePayload: (inout MessageEncoder) throws -> Void,
        replyPayload decodeReply: (NetlinkMessageHeader, RawSpan) throws -> Reply
    ) throws -> Reply {
        let sequence = try send(type: type, flags: flags, writePayload)
        var reply: Reply?
        try receiveAnswers(to: sequence) { header, payload in
            switch header.type {
            case NetlinkMessageType.error:
                let message = NetlinkMessage(header: header, copying: payload)
                if let error = try NetlinkError(errorMessage: message) { throw error }
                throw MalformedMessageError("acknowledgement where a reply was expected")
            case NetlinkMessageType.done:
                throw MalformedMessageError("NLMSG_DONE where a reply was expected")
            default:
                reply = try decodeReply(header, payload)
                return true
            }
        }
        guard let reply else {
            throw MalformedMessageError("no reply")  // unreachable: receiveAnswers ended
        }
        return reply
    }

    /// Sends a request with `NLM_F_ACK` and waits for the acknowledgement, handing any
    /// messages that arrive before it to `body`. A kernel error is thrown as
    /// `NetlinkError`.
    @inlinable
    public mutating func requestAcknowledged(
        type: UInt16, flags: NetlinkMessageFlags = [],
        _ writePayload: (inout MessageEncoder) throws -> Void,
        each body: (NetlinkMessage) throws -> Void = { _ in }
    ) throws {
        let sequence = try send(type: type, flags: flags.union(.acknowledge), writePayload)
        let warningHandler = warningHandler  // the closure below may not read `self`
        try receiveAnswers(to: sequence) { header, payload in
            let message = NetlinkMessage(header: header, copying: payload)
            switch header.type {
            case NetlinkMessageType.error:
                if let error = try NetlinkError(errorMessage: message) { throw error }
                if header.flags.contains(.acknowledgementAttributes) {
                    try Self.report(NetlinkWarning(acknowledgement: message), to: warningHandler)
                }
                return true
            case NetlinkMessageType.done:
                return false
            default:
                try body(message)
                return false
            }
        }
    }

    /// Sends a dump request (`NLM_F_DUMP`) and hands every message of the dump to `body`
    /// as it arrives, until `NLMSG_DONE`. Returns how many messages there were.
    ///
    /// - If `body` throws, the rest of the dump is read and dropped (the kernel runs one
    ///   dump per socket at a time), then the error is rethrown.
    /// - A dump that failed is thrown as `NetlinkError`.
    /// - A dump flagged `NLM_F_DUMP_INTR` is delivered completely, then
    ///   `DumpInterruptedError<NetlinkMessage>` is thrown.
    @inlinable @discardableResult
    public mutating func dump(
        type: UInt16, flags: NetlinkMessageFlags = [],
        _ writePayload: (inout MessageEncoder) throws -> Void,
        each body: (NetlinkMessage) throws -> Void
    ) throws -> Int {
        try dump(type: type, flags: flags, writePayload) { header, payload in
            try body(NetlinkMessage(header: header, copying: payload))
        }
    }

    /// Dumps like `dump(type:flags:_:each:)`, handing `body` each message's header and
    /// payload borrowed from the receive buffer: nothing is copied (for large dumps).
    @inlinable @inline(__always) @discardableResult
    public mutating func dump(
        type: UInt16, flags: NetlinkMessageFlags = [],
        _ writePayload: (inout MessageEncoder) throws -> Void,
        eachPayload body: (NetlinkMessageHeader, RawSpan) throws -> Void
    ) throws -> Int {
        let sequence = try send(type: type, flags: flags.union(.dump), writePayload)
        var count = 0
        var interrupted = false
        var bodyError: (any Error)?
        let warningHandler = warningHandler  // the closure below may not read `self`
        do {
            try receiveAnswers(to: sequence) { header, payload in
                if header.flags.contains(.dumpInterrupted) {
                    interrupted = true
                }
                // One comparison sends the dump's own messages past the control types.
                if header.type < NetlinkMessageType.minimumProtocolType {
                    switch header.type {
                    case NetlinkMessageType.done:
                        let message = NetlinkMessage(header: header, copying: payload)
                        if let error = try NetlinkError(doneMessage: message) { throw error }
                        if header.flags.contains(.acknowledgementAttributes) {
                            try Self.report(NetlinkWarning(doneMessage: message), to: warningHandler)
                        }
                        return true
                    case NetlinkMessageType.error:
                        // The dump could not start: nothing else follows.
                        let message = NetlinkMessage(header: header, copying: payload)
                        if let error = try NetlinkError(errorMessage: message) { throw error }
                        return false
                    default:
                        break
                    }
                }
                count &+= 1  // wrapping: a count of messages cannot overflow an Int
                if bodyError == nil {
                    do { try body(header, payload) } catch { bodyError = error }
                }
                return false
            }
        } catch {
            throw bodyError ?? error
        }
        if let bodyError { throw bodyError }
        if interrupted {
            throw DumpInterruptedError<NetlinkMessage>(sequence: sequence, messageCount: count)
        }
        return count
    }

    /// Dumps like `dump(…)` and collects what `decode` makes of each message (nil skips
    /// it). An interrupted dump is re-issued as `retry` allows, then thrown as
    /// `DumpInterruptedError<Element>` carrying the last attempt's results.
    @inlinable
    public mutating func dumpCollecting<Element: Sendable>(
        type: UInt16, flags: NetlinkMessageFlags = [], retry: DumpRetryPolicy = .never,
        _ writePayload: (inout MessageEncoder) throws -> Void,
        decode: (NetlinkMessage) throws -> Element?
    ) throws -> [Element] {
        var attempt = 1
        while true {
            var results: [Element] = []
            do {
                try dump(type: type, flags: flags, writePayload) { message in
                    if let element = try decode(message) { results.append(element) }
                }
                return results
            } catch let interrupted as DumpInterruptedError<NetlinkMessage> {
                guard attempt < retry.maximumAttempts else {
                    throw DumpInterruptedError(
                        sequence: interrupted.sequence, messageCount: interrupted.messageCount,
                        partialResults: results)
                }
                attempt += 1
            }
        }
    }

    /// Hands `warning` to the handler. Out of line: only answers with a warning pay for it.
    @usableFromInline @inline(never)
    static func report(_ warning: NetlinkWarning?, to handler: ((NetlinkWarning) -> Void)?) {
        if let warning, let handler { handler(warning) }
    }

    // MARK: Receiving

    /// Reads datagrams and hands each message answering `sequence` (and addressed to our
    /// port) to `handle` — its header and its payload, borrowed from the receive buffer —
    /// until `handle` returns true. Other messages are skipped. A malformed message is
    /// thrown after those before it were handled.
    @inlinable @inline(__always)
    mutating func receiveAnswers(
        to sequence: UInt32, _ handle: (NetlinkMessageHeader, RawSpan) throws -> Bool
    ) throws {
        let port = portID
        while true {
            let length = try transport.receive(into: &receiveBuffer)
            // Borrowed, not sliced: an ArraySlice would retain and release the buffer.
            let bytes = receiveBuffer.span.bytes.extracting(first: length)
            var offset = 0
            while offset < length {
                let message = try NetlinkRecord.message.read(nlmsghdr.self, in: bytes, at: offset)
                offset = message.next
                let header = NetlinkMessageHeader(message.header)
                guard header.sequence == sequence, header.portID == port else { continue }
                if header.type < NetlinkMessageType.minimumProtocolType {
                    if header.type == NetlinkMessageType.noop { continue }
                    if header.type == NetlinkMessageType.overrun {
                        throw MalformedMessageError("NLMSG_OVERRUN: the kernel lost messages")
                    }
                }
                // `read` checked the payload lies within the datagram.
                if try handle(header, bytes.extracting(unchecked: message.payload)) { return }
            }
        }
    }

    /// A copy of the last request sent: its bytes stay in the connection's encoder until
    /// the next request, so an error report can point into the request it answers.
    public mutating func lastRequest() -> [UInt8] {
        guard let encoder = sendEncoder.take() else { return [] }
        let bytes = encoder.bytes
        sendEncoder = consume encoder
        return bytes
    }

    @inlinable
    mutating func takeSequenceNumber() -> UInt32 {
        let sequence = nextSequence
        // 0 is what notifications carry; never use it for a request.
        nextSequence = nextSequence == UInt32.max ? 1 : nextSequence + 1
        return sequence
    }
}

extension NetlinkConnection where Transport == NetlinkSocket {
    /// Opens a `NetlinkSocket` for `netlinkProtocol` (`NETLINK_GENERIC` by default).
    @inlinable
    public init(protocol netlinkProtocol: CInt = NETLINK_GENERIC) throws {
        self.init(transport: try NetlinkSocket(protocol: netlinkProtocol))
    }
}
