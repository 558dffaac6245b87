/// What to do when a collected dump comes back with `NLM_F_DUMP_INTR`.
public struct DumpRetryPolicy: Hashable, Sendable {
    /// How many times the dump is issued in all before `DumpInterruptedError` is thrown.
    public var maximumAttempts: Int

    public init(maximumAttempts: Int) {
        self.maximumAttempts = max(1, maximumAttempts)
    }

    /// Report the first interruption (the default).
    public static let never = DumpRetryPolicy(maximumAttempts: 1)

    /// Re-issue an interrupted dump until it is consistent, at most `attempts` times in all.
    public static func attempts(_ attempts: Int) -> DumpRetryPolicy {
        DumpRetryPolicy(maximumAttempts: attempts)
    }
}
