import CommandLineParsing
import CommandLineSupport
import JSONWriting
import Netlink

/// `gnl-foobar echo TEXT`: prints the kernel's echo of TEXT.
struct EchoCommand: Command {
    static let spec = CommandSpec(
        name: "echo", abstract: "Send TEXT and print the kernel's reply.",
        arguments: [.required("TEXT", help: "The text to echo.")])

    var options: CommonOptions
    var text: String

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        options = try CommonOptions(arguments)
        text = try arguments.required("TEXT")
    }

    func run() throws {
        // Refuse what cannot be encoded before opening anything.
        try NetlinkAttribute.checkEncodable(string: text)
        let reply = try options.backend.openClient().echo(text)
        if options.json {
            print(JSONText.object(["reply": JSONText.string(reply)]))
        } else {
            print(reply)
        }
    }
}
