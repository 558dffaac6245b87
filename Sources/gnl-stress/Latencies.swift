#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Request latencies in nanoseconds, summarised as the reports show them (microseconds).
struct Latencies {
    var samples: [UInt64] = []

    mutating func append(contentsOf other: Latencies) { samples += other.samples }

    /// p50, p99 and the largest, in microseconds.
    var summary: JSONValue {
        guard !samples.isEmpty else { return .object([]) }
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> JSONValue {
            .double((Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000).rounded())
        }
        return .object([
            ("count", .int(sorted.count)), ("p50_us", percentile(0.5)), ("p99_us", percentile(0.99)),
            ("max_us", .double((Double(sorted.last!) / 1000).rounded())),
        ])
    }
}

/// Nanoseconds on `CLOCK_MONOTONIC`.
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
