import CommandLineParsing
import CommandLineSupport
import FoobarXmpl
import FoobarXmplLibnl
import Netlink

/// `gnl-bench bench-dump N`: one dump of N messages; prints "<messages> <bytes> <ns>",
/// the same line as the C baselines. It reads each text in place (`dump(count:bytes:)`),
/// as the C baselines do, rather than making a String of it.
struct BenchDumpCommand: Command {
    static let spec = CommandSpec(
        name: "bench-dump", abstract: "Time one dump of N messages.",
        arguments: [.required("N", help: "How many messages.")])

    var backend: Backend
    var count: UInt32

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        backend = try Backend(arguments)
        count = try arguments.required("N")
    }

    func run() throws {
        // Concrete clients, not `any FoobarXmplClient`: the raw client's borrowing dump is
        // always inlined, and the closure then runs inside its receive loop, as a user's
        // would, instead of being called per message.
        switch backend {
        case .raw: try timeDump(with: GnlFoobarXmplClient())
        case .libnl: try timeDump(with: LibnlFoobarXmplClient())
        }
    }

    /// The generated client's own borrowing dump: each message is read in place. Not
    /// inlined, so that scripts/profile.sh finds the dump under this name.
    @inline(never)
    private func timeDump(with client: GnlFoobarXmplClient<NetlinkSocket>) throws {
        var messages = 0
        var bytes = doneWireSize
        let start = monotonicNanoseconds()
        try client.dumpEchoMsg(.init(dumpCount: count), eachBorrowed: { message, _ in
            // Wrapping adds, as C's: no overflow checks per message (they cannot overflow).
            messages &+= 1
            bytes &+= wireSize(ofDumpMessageWithTextBytes: message.msg?.count ?? 0)
        })
        print(messages, bytes, monotonicNanoseconds() - start)
    }

    private func timeDump(with client: some FoobarXmplClient) throws {
        var messages = 0
        var bytes = doneWireSize
        let start = monotonicNanoseconds()
        try client.dump(count: count, bytes: { _, text in
            // Wrapping adds, as C's: no overflow checks per message (they cannot overflow).
            messages &+= 1
            bytes &+= wireSize(ofDumpMessageWithTextBytes: text.byteCount)
        })
        print(messages, bytes, monotonicNanoseconds() - start)
    }
}

// The clients do not expose datagrams, so the bytes the kernel sent are counted from the
// layout (the C baselines count what recv returned; the two agree).

/// One dump message: nlmsghdr (16) + genlmsghdr (4) + DUMP_INDEX (4 + 4) + MSG (4 + text
/// + NUL, padded to 4).
private func wireSize(ofDumpMessageWithTextBytes textLength: Int) -> Int {
    16 &+ 4 &+ 8 &+ ((4 &+ textLength &+ 1 &+ 3) & ~3)
}

/// NLMSG_DONE: nlmsghdr + its int error.
private let doneWireSize = 20
