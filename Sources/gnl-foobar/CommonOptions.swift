import CommandLineParsing
import CommandLineSupport

/// Options every subcommand takes, before or after its name:
/// `gnl-foobar --backend libnl echo hi` and `gnl-foobar echo --backend libnl hi` agree.
struct CommonOptions {
    static let specs: [OptionSpec] = [
        Backend.option,
        .flag("json", help: "Print one JSON document instead of text."),
    ]

    var backend: Backend
    var json: Bool

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        backend = try Backend(arguments)
        json = arguments.flag("json")
    }
}
