/// The kernel flagged a dump with `NLM_F_DUMP_INTR`: what it dumped changed while the
/// dump ran, so the results may be inconsistent (an entry missed or seen twice).
///
/// The dump was read to its end before this was thrown, so the socket is ready for the
/// next request. Re-issuing the dump usually gives a consistent result
/// (`DumpRetryPolicy`).
public struct DumpInterruptedError<Element: Sendable>: Error, CustomStringConvertible {
    /// Sequence number of the dump request.
    public var sequence: UInt32
    /// How many messages the dump delivered in all.
    public var messageCount: Int
    /// The messages the dump delivered, when they were collected; empty when they were
    /// streamed to a closure (which has already seen each of them).
    public var partialResults: [Element]

    public init(sequence: UInt32, messageCount: Int, partialResults: [Element] = []) {
        self.sequence = sequence
        self.messageCount = messageCount
        self.partialResults = partialResults
    }

    /// The same interruption, carrying `results` (decoded from the messages) instead.
    public func withPartialResults<Other>(_ results: [Other]) -> DumpInterruptedError<Other> {
        DumpInterruptedError<Other>(
            sequence: sequence, messageCount: messageCount, partialResults: results)
    }

    public var description: String {
        "dump interrupted (NLM_F_DUMP_INTR) after \(messageCount) messages: "
            + "the data changed while it was dumped; retry for a consistent result"
    }
}
