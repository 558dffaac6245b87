import CommandLineSupport

/// `gnl-stress`: the Swift clients under load, for scripts/stress.sh and the test suite
/// (issue 16): many threads (or processes) at once, a long dump's resident memory. Every command prints one JSON line and exits
/// non-zero when what it checks does not hold. Not one of the benchmark's static binaries.
@main
enum GnlStress {
    static let program = CommandLineProgram(
        name: "gnl-stress",
        abstract: "Stress the Swift clients against the modules (run in the VM, modules loaded).",
        options: [],
        commands: [
            MixedLoadCommand.self, DumpMemoryCommand.self, HammerCommand.self,
        ])

    static func main() {
        program.run(Array(CommandLine.arguments.dropFirst()))
    }
}
