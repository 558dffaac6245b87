import CommandLineParsing

/// Options every subcommand takes, before or after its name:
/// `gnl-foobar --backend libnl echo hi` and `gnl-foobar echo --backend libnl hi` agree.
struct CommonOptions {
    static let specs: [OptionSpec] = [
        .option(
            "backend", value: "raw|libnl",
            help: "Which client implementation talks to the kernel (raw, libnl; default raw)."),
        .flag("json", help: "Print one JSON document instead of text."),
    ]

    var backend: Backend
    var json: Bool

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        backend = try arguments.value("backend", Backend.init(rawValue:)) ?? .raw
        json = arguments.flag("json")
    }
}
