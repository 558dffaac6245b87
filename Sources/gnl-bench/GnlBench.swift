import CommandLineSupport

/// `gnl-bench`: the benchmark's side of the client contract (measurements/README.md) for
/// the Swift clients: the same subcommands and output as the C baselines' bench commands.
@main
enum GnlBench {
    static let program = CommandLineProgram(
        name: "gnl-bench",
        abstract: "The benchmark's commands: time the Swift clients as the C baselines time theirs.",
        options: [Backend.option],
        commands: [
            BenchEchoCommand.self, BenchResolveCommand.self, BenchDumpCommand.self,
            BenchEchoBatchCommand.self, BenchResolveBatchCommand.self,
        ])

    static func main() {
        program.run(Array(CommandLine.arguments.dropFirst()))
    }
}
