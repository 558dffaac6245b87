import ArgumentParser

/// Options every subcommand takes, before or after its name:
/// `gnl-foobar --backend libnl echo hi` and `gnl-foobar echo --backend libnl hi` agree.
struct CommonOptions: ParsableArguments {
    @Option(help: "Which client implementation talks to the kernel (raw, libnl; default raw).")
    var backend: Backend?

    @Flag(help: "Print one JSON document instead of text.")
    var json = false
}

/// A subcommand: its own `CommonOptions` merged with those given before its name.
protocol Subcommand: ParsableCommand {
    var root: GnlFoobar { get }
    var local: CommonOptions { get }
}

extension Subcommand {
    var backend: Backend { local.backend ?? root.options.backend ?? .raw }
    var json: Bool { local.json || root.options.json }
}
