#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Nanoseconds on `CLOCK_MONOTONIC`, the clock the C baselines time with.
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Times `iterations` calls of `body`, then prints each call's nanoseconds on its own line
/// (printing only afterwards, so output does not disturb the timing).
func printLatencies(iterations: Int, _ body: () throws -> Void) throws {
    var latencies = [UInt64](repeating: 0, count: iterations)
    for i in 0..<iterations {
        let start = monotonicNanoseconds()
        try body()
        latencies[i] = monotonicNanoseconds() - start
    }
    for latency in latencies {
        print(latency)
    }
}
