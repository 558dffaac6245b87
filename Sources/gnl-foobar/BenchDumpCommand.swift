import ArgumentParser

/// `gnl-foobar bench-dump N`: one dump of N messages; prints "<messages> <bytes> <ns>",
/// the same line as the C baselines.
struct BenchDumpCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-dump", abstract: "Time one dump of N messages.")

    @ParentCommand var root: GnlFoobar
    @OptionGroup var local: CommonOptions

    @Argument(help: "How many messages.")
    var count: UInt32

    func run() throws {
        try reportingErrors {
            let client = try backend.openClient()
            var messages = 0
            var bytes = doneWireSize
            let start = monotonicNanoseconds()
            try client.dump(count: count) { message in
                messages += 1
                bytes += wireSize(ofDumpMessageWith: message.text)
            }
            print(messages, bytes, monotonicNanoseconds() - start)
        }
    }
}

// The clients do not expose datagrams, so the bytes the kernel sent are counted from the
// layout (the C baselines count what recv returned; the two agree).

/// One dump message: nlmsghdr (16) + genlmsghdr (4) + DUMP_INDEX (4 + 4) + MSG (4 + text
/// + NUL, padded to 4).
private func wireSize(ofDumpMessageWith text: String) -> Int {
    16 + 4 + 8 + ((4 + text.utf8.count + 1 + 3) & ~3)
}

/// NLMSG_DONE: nlmsghdr + its int error.
private let doneWireSize = 20
