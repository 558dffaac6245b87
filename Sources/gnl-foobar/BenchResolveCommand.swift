import ArgumentParser
import GenericNetlink

/// `gnl-foobar bench-resolve N`: N look-ups of "nlctrl" (`CTRL_CMD_GETFAMILY`), one
/// latency (ns) per line; needs no module, so it runs natively on any host.
struct BenchResolveCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-resolve", abstract: "Time N nlctrl look-ups; print ns per line.")

    @ParentCommand var root: GnlFoobar
    @OptionGroup var local: CommonOptions

    @Argument(help: "How many look-ups.")
    var iterations: Int

    func run() throws {
        try reportingErrors {
            let resolver = try backend.openResolver()
            try printLatencies(iterations: iterations) {
                _ = try resolver.familyID(named: Controller.familyName)
            }
        }
    }
}
