import CommandLineParsing
import CommandLineSupport

/// `gnl-foobar error`: asks the kernel for its canned error and reports it.
struct ErrorCommand: Command {
    static let spec = CommandSpec(
        name: "error",
        abstract: "Send REPLY_WITH_NLMSG_ERR and report the kernel's error (exits 1).")

    var options: CommonOptions

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        options = try CommonOptions(arguments)
    }

    func run() throws {
        try options.backend.openClient().replyWithError()
        throw CommandFailure("the kernel acknowledged REPLY_WITH_NLMSG_ERR instead of failing")
    }
}
