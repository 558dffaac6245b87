import CommandLineTesting
import Testing

/// `gnl-bench` on the host: the benchmark's commands that need no module, and its command
/// line. The module's bench-echo and bench-dump are checked in the VM (Tests/clients).
@Suite struct BenchCommandLineHostTests {
    static func gnlBench(_ arguments: [String]) throws -> ExecutableRun {
        try ExecutableRun("gnl-bench", arguments)
    }

    @Test(arguments: ["raw", "libnl"])
    func benchResolvePrintsOneLatencyPerLookUp(backend: String) throws {
        let run = try Self.gnlBench(["--backend", backend, "bench-resolve", "5"])
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        let latencies = run.standardOutput.split(separator: "\n").map { UInt64($0) }
        #expect(latencies.count == 5)
        #expect(latencies.allSatisfy { ($0 ?? 0) > 0 })
    }

    @Test func helpListsTheBenchmarkCommands() throws {
        let top = try Self.gnlBench(["--help"])
        #expect(top.status == 0)
        for line in ["  bench-echo ", "  bench-resolve ", "  bench-dump ", "  --backend raw|libnl "] {
            #expect(top.standardOutput.contains("\n" + line), "no \(line)")
        }
        let echo = try Self.gnlBench(["bench-echo", "--help"])
        #expect(echo.standardOutput.contains("Usage: gnl-bench bench-echo [--backend raw|libnl] N [TEXT]\n"))
    }

    @Test func usageErrorsExit64WithTheUsageLine() throws {
        let dumpUsage = "Usage: gnl-bench bench-dump [--backend raw|libnl] N\n"
        for (arguments, expected) in [
            (["bench-dump"], "error: missing argument N\n" + dumpUsage),
            (["bench-dump", "-1"], "error: unknown option '-1'\n" + dumpUsage),
            (["bench-dump", "many"], "error: invalid value 'many' for N\n" + dumpUsage),
            (["echo", "hi"], "error: unknown subcommand 'echo'\nUsage: gnl-bench [--backend raw|libnl] <subcommand>\n"),
        ] {
            let run = try Self.gnlBench(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.standardOutput.isEmpty, "\(arguments)")
            #expect(run.standardError == expected, "\(arguments)")
        }
    }
}
