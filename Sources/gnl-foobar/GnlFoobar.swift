import ArgumentParser

/// `gnl-foobar`: talk to the `gnl_foobar_xmpl` generic netlink family.
@main
struct GnlFoobar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gnl-foobar",
        abstract: "Talk to the gnl_foobar_xmpl generic netlink family.",
        subcommands: [
            EchoCommand.self, DumpCommand.self, ErrorCommand.self, ResolveCommand.self,
            FamiliesCommand.self, BenchEchoCommand.self, BenchResolveCommand.self,
            BenchDumpCommand.self,
        ])

    /// Options given before the subcommand's name.
    @OptionGroup var options: CommonOptions
}
