import Dispatch

/// Runs `body` on the concurrency runtime's threads and waits for it on this one: the
/// command runner is synchronous.
func blockingOn<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
    let outcome = Outcome<Value>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try outcome.result!.get()
}

/// `blockingOn`'s result, written by the task before it signals and read after the wait.
private final class Outcome<Value>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
