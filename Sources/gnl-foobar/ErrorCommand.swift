import ArgumentParser

/// `gnl-foobar error`: asks the kernel for its canned error and reports it.
struct ErrorCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "error",
        abstract: "Send REPLY_WITH_NLMSG_ERR and report the kernel's error (exits 1).")

    @ParentCommand var root: GnlFoobar
    @OptionGroup var local: CommonOptions

    func run() throws {
        try reportingErrors {
            try backend.openClient().replyWithError()
            throw UsageError("the kernel acknowledged REPLY_WITH_NLMSG_ERR instead of failing")
        }
    }
}
