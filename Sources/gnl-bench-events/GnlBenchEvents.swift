import CommandLineSupport

/// `gnl-bench-events`: the event-throughput benchmark's Swift side (measurements/README.md):
/// a burst of gnl_kv changes, and subscribers that drain its notifications, blocking or
/// through the async layer. Apart from gnl-bench because the async subscriber links the
/// concurrency runtime and libdispatch, which would change gnl-bench's start-up.
@main
enum GnlBenchEvents {
    static let program = CommandLineProgram(
        name: "gnl-bench-events",
        abstract: "The event-throughput benchmark: a burst of gnl_kv notifications, and subscribers that drain it.",
        options: [],
        commands: [KvBurstCommand.self, BenchEventsCommand.self, BenchEventsAsyncCommand.self])

    static func main() {
        program.run(Array(CommandLine.arguments.dropFirst()))
    }
}
