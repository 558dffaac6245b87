import CommandLineParsing
import CommandLineSupport
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `gnl-stress mixed`: THREADS threads, each with a client of its own, each sending N
/// mixed requests (MixedWorker) to gnl_foobar_xmpl; every answer is checked against its
/// request. Prints the tally (lost, mismatched, failed; echo latencies) as one JSON line;
/// exits 1 if any answer was wrong or any request failed, 2 (the watchdog) if the
/// requests stop making progress: a lost reply hangs its thread.
struct MixedLoadCommand: Command {
    static let spec = CommandSpec(
        name: "mixed", abstract: "Many threads, a client each, mixed requests; every answer checked.",
        options: [
            .option("threads", value: "N", help: "Threads, each with its own client (default 16)."),
            .option("requests", value: "N", help: "Requests per thread (default 10000)."),
            .option("max-dump", value: "N", help: "Longest dump (default 1000)."),
            .option("seed", value: "N", help: "Seed of the first thread's requests (default 16)."),
            .option("hang-seconds", value: "N", help: "Seconds without progress that make a hang (default 60)."),
        ])

    var threads: Int
    var requests: Int
    var maxDump: UInt32
    var seed: UInt64
    var hangSeconds: Int

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        threads = try arguments.value("threads") ?? 16
        requests = try arguments.value("requests") ?? 10_000
        maxDump = try arguments.value("max-dump") ?? 1000
        seed = try arguments.value("seed") ?? 16
        hangSeconds = try arguments.value("hang-seconds") ?? 60
    }

    func run() throws {
        let total = Mutex(MixedTally())
        let (threads, requests, maxDump, seed) = (threads, requests, maxDump, seed)
        let watchdog = Watchdog(limit: hangSeconds) {
            jsonLine([("hang", true), ("threads", .int(threads)), ("requests_per_thread", .int(requests))])
        }
        let start = monotonicNanoseconds()
        onThreads(threads) { index in
            var tally = MixedTally()
            do {
                var worker = try MixedWorker(name: "t\(index)", seed: seed &+ UInt64(index), maxDump: maxDump)
                for request in 0..<requests {
                    worker.request(request)
                    watchdog.step()
                }
                tally = worker.tally
            } catch {
                tally.problem("t\(index): could not open a client: \(error)", mismatch: false)
            }
            total.withLock { $0.add(tally) }
        }
        watchdog.stop()
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        let tally = total.withLock { $0 }
        let expected = threads * requests
        // Every request ends in its answer (right or mismatched: counted by kind) or a
        // failure; what is neither was lost.
        let lost = expected - tally.requests - tally.failed
        print(jsonLine([
            ("threads", .int(threads)), ("requests", .int(expected)), ("answered", .int(tally.requests)),
            ("lost", .int(lost)), ("mismatched", .int(tally.mismatched)), ("failed", .int(tally.failed)),
            ("echoes", .int(tally.echoes)), ("dumps", .int(tally.dumps)), ("dump_messages", .int(tally.dumpMessages)),
            ("errors", .int(tally.errors)), ("seconds", .double((seconds * 10).rounded() / 10)),
            ("requests_per_second", .int(Int(Double(tally.requests) / seconds))),
            ("echo_latency", tally.echoLatencies.summary),
            ("problems", .array(tally.firstProblems.map { .string($0) })),
        ]))
        if lost != 0 || tally.mismatched != 0 || tally.failed != 0 { exit(1) }
    }
}
