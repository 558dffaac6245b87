import CommandLineSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Times `iterations` calls of `body`, then prints each call's nanoseconds on its own line
/// (printing only afterwards, so output does not disturb the timing).
// Always inlined: the timed request then runs inside the loop, not through a closure call.
@inline(__always)
func printLatencies(iterations: Int, _ body: () throws -> Void) throws {
    var latencies = [UInt64](repeating: 0, count: iterations)
    // Through a buffer pointer: no uniqueness or bounds check per request, as C's array.
    try latencies.withUnsafeMutableBufferPointer { latencies in
        for i in latencies.indices {
            let start = monotonicNanoseconds()
            try body()
            latencies[i] = monotonicNanoseconds() &- start
        }
    }
    writeLines(latencies)
}

/// Writes one number per line to stdout, in one write. A `print` per number (a String,
/// dynamic casts, a lock) cost many times the request it reports, in
/// scripts/guest-work.sh's whole-process counts (measurements/analysis.md). Not inlined,
/// so that scripts/profile.sh can tell the timed loop from the output.
@inline(never)
private func writeLines(_ numbers: [UInt64]) {
    var text = [UInt8]()
    text.reserveCapacity(numbers.count &* 8)
    for number in numbers {
        text.append(contentsOf: String(number).utf8)  // a small String: no allocation
        text.append(UInt8(ascii: "\n"))
    }
    fflush(nil)  // after anything printed before
    text.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) }
}
