import CLibnlGenl
import Netlink

/// What one request's libnl callbacks share with the code waiting for its answer.
///
/// It lives on the stack of `LibnlFoobarXmplClient.exchange` for the duration of the
/// request; the callbacks get a pointer to it as their `void *arg`.
struct LibnlExchange {
    /// Called for every reply message (`NL_CB_VALID`).
    let handle: (UnsafeMutablePointer<nlmsghdr>) throws -> Void
    /// Reply messages received, including those after `handle` failed.
    var messageCount = 0
    /// The first error `handle` threw; later messages are read and dropped.
    var handlerError: (any Error)?
    /// The kernel's refusal (`NetlinkError`), or a malformed `NLMSG_ERROR`/`NLMSG_DONE`.
    var answerError: (any Error)?
    /// A message came with `NLM_F_DUMP_INTR`.
    var isInterrupted = false
    /// The answer is complete: the ACK, `NLMSG_DONE` or `NLMSG_ERROR` arrived.
    var isFinished = false

    init(handle: @escaping (UnsafeMutablePointer<nlmsghdr>) throws -> Void) {
        self.handle = handle
    }

    /// Points `callbacks` at `exchange`. Called for every request, since `exchange`
    /// lives only as long as the request.
    static func install(
        _ exchange: UnsafeMutablePointer<LibnlExchange>, on callbacks: OpaquePointer
    ) {
        let argument = UnsafeMutableRawPointer(exchange)
        nl_cb_set(
            callbacks, NL_CB_VALID, NL_CB_CUSTOM,
            { message, argument in
                LibnlExchange.received(message, argument)
            }, argument)
        nl_cb_set(
            callbacks, NL_CB_ACK, NL_CB_CUSTOM,
            { message, argument in
                LibnlExchange.acknowledged(message, argument)
            }, argument)
        nl_cb_set(
            callbacks, NL_CB_FINISH, NL_CB_CUSTOM,
            { message, argument in
                LibnlExchange.finished(message, argument)
            }, argument)
        nl_cb_err(
            callbacks, NL_CB_CUSTOM,
            { _, error, argument in
                LibnlExchange.refused(error, argument)
            }, argument)
    }

    private static func context(_ argument: UnsafeMutableRawPointer?)
        -> UnsafeMutablePointer<LibnlExchange>
    {
        argument!.assumingMemoryBound(to: LibnlExchange.self)
    }

    private static func noteInterruption(
        _ header: UnsafeMutablePointer<nlmsghdr>, _ exchange: UnsafeMutablePointer<LibnlExchange>
    ) {
        if CInt(header.pointee.nlmsg_flags) & NLM_F_DUMP_INTR != 0 {
            exchange.pointee.isInterrupted = true
        }
    }

    /// `NL_CB_VALID`: a reply. Errors are kept, never returned to libnl, so that the rest
    /// of the answer is still read and the socket stays in step.
    private static func received(_ message: OpaquePointer?, _ argument: UnsafeMutableRawPointer?)
        -> CInt
    {
        let exchange = context(argument)
        let header = nlmsg_hdr(message)!
        noteInterruption(header, exchange)
        exchange.pointee.messageCount += 1
        if exchange.pointee.handlerError == nil {
            let handle = exchange.pointee.handle
            do {
                try handle(header)
            } catch {
                exchange.pointee.handlerError = error
            }
        }
        return CInt(NL_OK.rawValue)
    }

    /// `NL_CB_ACK`: the acknowledgement libnl asked for (`NLM_F_ACK`) ends a request.
    private static func acknowledged(
        _ message: OpaquePointer?, _ argument: UnsafeMutableRawPointer?
    ) -> CInt {
        context(argument).pointee.isFinished = true
        return CInt(NL_STOP.rawValue)
    }

    /// `NL_CB_FINISH`: `NLMSG_DONE` ends a dump, and may carry the error that ended it,
    /// which libnl 3.7 does not look at.
    private static func finished(_ message: OpaquePointer?, _ argument: UnsafeMutableRawPointer?)
        -> CInt
    {
        let exchange = context(argument)
        let header = nlmsg_hdr(message)!
        noteInterruption(header, exchange)
        do {
            if let error = try LibnlKernelError.parse(
                UnsafeRawBufferPointer(start: header, count: Int(header.pointee.nlmsg_len)))
            {
                exchange.pointee.answerError = error
            }
        } catch {
            exchange.pointee.answerError = error
        }
        exchange.pointee.isFinished = true
        return CInt(NL_STOP.rawValue)
    }

    /// The error callback: an `NLMSG_ERROR` with a non-zero error. libnl passes the
    /// `struct nlmsgerr` inside the received message; its header is just in front.
    private static func refused(
        _ error: UnsafeMutablePointer<nlmsgerr>?, _ argument: UnsafeMutableRawPointer?
    ) -> CInt {
        let exchange = context(argument)
        let header = UnsafeRawPointer(error!) - LibnlKernelError.headerLength
        // libnl checked that nlmsg_len bytes were received.
        let length = header.loadUnaligned(as: UInt32.self)
        do {
            exchange.pointee.answerError =
                try LibnlKernelError.parse(
                    UnsafeRawBufferPointer(start: header, count: Int(length)))
                ?? MalformedMessageError("NLMSG_ERROR with error 0 passed as an error")
        } catch {
            exchange.pointee.answerError = error
        }
        exchange.pointee.isFinished = true
        return CInt(NL_STOP.rawValue)
    }
}
