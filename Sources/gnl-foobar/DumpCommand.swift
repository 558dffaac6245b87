import CommandLineParsing
import CommandLineSupport
import JSONWriting
import FoobarXmpl

/// `gnl-foobar dump [--count N] [--quiet]`: prints the kernel's dump, one message per line.
struct DumpCommand: Command {
    static let spec = CommandSpec(
        name: "dump",
        abstract: "Dump messages from the kernel: one line \"<index> <text>\" each.",
        options: [
            .option("count", value: "N", help: "How many messages to ask for (the kernel's default is 3)."),
            .flag("quiet", help: "Print only how many messages arrived."),
        ])

    var options: CommonOptions
    var count: UInt32?
    var quiet: Bool

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        options = try CommonOptions(arguments)
        count = try arguments.value("count")
        quiet = arguments.flag("quiet")
    }

    func run() throws {
        let client = try options.backend.openClient()
        var received = 0
        if options.json && !quiet {
            // Streamed, so a million messages never sit in memory at once.
            print("{\"messages\":[", terminator: "")
            try client.dump(count: count) { message in
                let entry = JSONText.object([
                    "index": String(message.index), "text": JSONText.string(message.text),
                ])
                print(received == 0 ? entry : "," + entry, terminator: "")
                received += 1
            }
            print("],\"count\":\(received)}")
        } else {
            try client.dump(count: count) { message in
                if !quiet { print(message.index, message.text) }
                received += 1
            }
            if quiet {
                print(options.json ? JSONText.object(["count": String(received)]) : received)
            }
        }
    }
}
