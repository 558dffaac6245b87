import CommandLineParsing
import CommandLineSupport
import GnlKvFamily
import Netlink

/// `gnl-bench-events bench-events N RCVBUF`: the blocking subscriber. Subscribes to
/// gnl_kv's events group through the generated `subscribe(to:receiveBufferSize:)` (the
/// socket's buffer set to RCVBUF bytes), says "ready", waits for the driver's go-ahead (the
/// burst is queued by then), then drains it with `next(timeout:)`, each notification
/// decoded into `GnlKv.Notification`, until N came (or, after an overrun, none for a
/// second). Prints
/// `<received> <lost> <ns>`, as c-libnl's `bench-events`.
struct BenchEventsCommand: Command {
    static let spec = CommandSpec(
        name: "bench-events", abstract: "Drain N gnl_kv notifications, blocking; print received, lost, ns.",
        arguments: DrainArguments.specs)

    var drain: DrainArguments

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        drain = try DrainArguments(arguments)
    }

    func run() throws {
        var subscription = try GnlKvClient().subscribe(to: [.events], receiveBufferSize: drain.receiveBufferSize)
        try awaitBurst()
        var tally = DrainTally(expected: drain.expected)
        // The whole burst was queued before the go-ahead: unless the buffer overflowed
        // (an overrun, reported first), all N are there, and the reads need no deadline
        // (one costs a poll as well as the recv). After an overrun, a second's silence
        // ends the drain.
        var overrun = false
        while !tally.isComplete, let event = try subscription.next(timeout: overrun ? .seconds(1) : nil) {
            if case .overrun = event { overrun = true }
            try tally.record(event)
        }
        tally.printResult()
    }
}

/// N and RCVBUF, as both subscribers take them.
struct DrainArguments: Sendable {
    /// What both drain commands take, read by `init`.
    static let specs: [ArgumentSpec] = [
        .required("N", help: "How many notifications the burst holds."),
        .required("RCVBUF", help: "The socket's receive buffer, in bytes."),
    ]

    var expected: Int
    var receiveBufferSize: Int

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        expected = Int(try arguments.required("N", as: UInt32.self))
        receiveBufferSize = Int(try arguments.required("RCVBUF", as: Int32.self))
    }
}
