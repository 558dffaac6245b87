import ArgumentParser
import Netlink

/// `gnl-foobar echo TEXT`: prints the kernel's echo of TEXT.
struct EchoCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "echo", abstract: "Send TEXT and print the kernel's reply.")

    @ParentCommand var root: GnlFoobar
    @OptionGroup var local: CommonOptions

    @Argument(help: "The text to echo.")
    var text: String

    func run() throws {
        try reportingErrors {
            // Refuse what cannot be encoded before opening anything.
            try NetlinkAttribute.checkEncodable(string: text)
            let reply = try backend.openClient().echo(text)
            if json {
                print(JSONText.object(["reply": JSONText.string(reply)]))
            } else {
                print(reply)
            }
        }
    }
}
