import CommandLineParsing
import CommandLineSupport
import GenericNetlink
import GenericNetlinkAsync
import GnlKvFamily
import Netlink

/// `gnl-bench-events bench-events-async N RCVBUF`: `bench-events` through the async layer:
/// the same subscription, moved into `events()` (GenericNetlinkAsync's `AsyncEvents`, read
/// on a dispatch queue of its own) and drained with `for try await`. The price of the async
/// form is this rate against `bench-events`'s. The drain stops when N came, or 5 s after
/// the go-ahead when some were lost (an `AsyncEvents` waits for ever; its task is
/// cancelled then).
struct BenchEventsAsyncCommand: Command {
    static let spec = CommandSpec(
        name: "bench-events-async", abstract: "Drain N gnl_kv notifications with for try await; print received, lost, ns.",
        arguments: DrainArguments.specs)

    var drain: DrainArguments

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        drain = try DrainArguments(arguments)
    }

    func run() throws {
        let events = try GnlKvClient().subscribe(to: [.events], receiveBufferSize: drain.receiveBufferSize).events()
        try awaitBurst()
        let expected = drain.expected
        try blockingOn { try await Self.drainEvents(events, expected: expected) }.printResult()
    }

    private static func drainEvents(
        _ events: AsyncEvents<NotificationSubscription<GnlKv.Notification, NetlinkSocket>>, expected: Int
    ) async throws -> DrainTally {
        try await withThrowingTaskGroup(of: DrainTally?.self) { group in
            group.addTask {
                var tally = DrainTally(expected: expected)
                // Ends early (nil) when the task is cancelled.
                for try await event in events {
                    try tally.record(event)
                    if tally.isComplete { break }
                }
                return tally
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            while let finished = try await group.next() {
                group.cancelAll()
                if let tally = finished { return tally }
            }
            fatalError("the drain task returns a tally")
        }
    }
}
