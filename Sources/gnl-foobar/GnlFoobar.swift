import CommandLineSupport

/// `gnl-foobar`: talk to the `gnl_foobar_xmpl` generic netlink family. The benchmark's
/// commands are in `gnl-bench`.
@main
enum GnlFoobar {
    static let program = CommandLineProgram(
        name: "gnl-foobar", abstract: "Talk to the gnl_foobar_xmpl generic netlink family.",
        options: CommonOptions.specs,
        commands: [
            EchoCommand.self, DumpCommand.self, ErrorCommand.self, ResolveCommand.self,
            FamiliesCommand.self,
        ])

    static func main() {
        program.run(Array(CommandLine.arguments.dropFirst()))
    }
}
