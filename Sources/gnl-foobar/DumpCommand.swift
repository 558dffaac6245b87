import ArgumentParser
import FoobarXmpl

/// `gnl-foobar dump [--count N]`: prints the kernel's dump, one message per line.
struct DumpCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Dump messages from the kernel: one line \"<index> <text>\" each.")

    @ParentCommand var root: GnlFoobar
    @OptionGroup var local: CommonOptions

    @Option(help: "How many messages to ask for (the kernel's default is 3).")
    var count: UInt32?

    @Flag(help: "Print only how many messages arrived.")
    var quiet = false

    func run() throws {
        try reportingErrors {
            let client = try backend.openClient()
            var received = 0
            if json && !quiet {
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
                    print(json ? JSONText.object(["count": String(received)]) : received)
                }
            }
        }
    }
}
