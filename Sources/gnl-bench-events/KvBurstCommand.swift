import CommandLineParsing
import CommandLineSupport
import GnlKvFamily
import Netlink

/// `gnl-bench-events kv-burst N`: N sets of one gnl_kv entry, sent in batches
/// (`set(many:)`, `NetlinkConnection.defaultBatchLimit` per datagram): the kernel
/// multicasts a set notification for each, so every subscriber gets the same burst of N.
/// Needs CAP_NET_ADMIN (the VM runs it as root).
struct KvBurstCommand: Command {
    static let spec = CommandSpec(
        name: "kv-burst", abstract: "Set one gnl_kv entry N times: N notifications.",
        arguments: [.required("N", help: "How many sets.")])

    var count: Int

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        count = Int(try arguments.required("N", as: UInt32.self))
    }

    func run() throws {
        let client = try GnlKvClient()
        let request = GnlKv.SetRequest(entry: GnlKv.Entry(key: "bench", value: Array("burst".utf8)))
        try client.set(
            many: Array(repeating: request, count: count), eachBorrowed: { _, _, _ in },
            failure: { _, error in throw error })
    }
}
