import ArgumentParser

/// `gnl-foobar bench-echo N [TEXT]`: N echo round trips on one client, one latency (ns)
/// per line; the benchmark's warm measurement, same output as the C baselines'.
struct BenchEchoCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-echo", abstract: "Time N echo round trips; print ns per line.")

    @ParentCommand var root: GnlFoobar
    @OptionGroup var local: CommonOptions

    @Argument(help: "How many round trips.")
    var iterations: Int

    @Argument(help: "The text to echo.")
    var text = "hello"

    func run() throws {
        try reportingErrors {
            let client = try backend.openClient()
            try printLatencies(iterations: iterations) { _ = try client.echo(text) }
        }
    }
}
