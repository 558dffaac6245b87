import CommandLineParsing
import CommandLineSupport
import FoobarXmpl
import Netlink

/// `gnl-bench bench-echo-batch N SIZE [TEXT]`: N batches of SIZE echo requests on one
/// client, through the generated `echoMsg(many:eachBorrowed:failure:)`: each batch goes out
/// `NetlinkConnection.defaultBatchLimit` requests per datagram and its answers come back
/// through recvmmsg. One line per batch: its ns, from building it to its last answer (the
/// same output as c-raw's).
struct BenchEchoBatchCommand: Command {
    static let spec = CommandSpec(
        name: "bench-echo-batch", abstract: "Time N batches of SIZE echoes; print ns per batch.",
        arguments: [
            .required("N", help: "How many batches."),
            .required("SIZE", help: "Requests per batch."),
            .optional("TEXT", help: "The text to echo (default hello)."),
        ])

    var batches: Int
    var size: Int
    var text: String

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        try requireRawBackend(arguments, for: Self.spec.name)
        batches = Int(try arguments.required("N", as: UInt32.self))
        size = try batchSize(arguments, for: Self.spec.name)
        text = try arguments.value("TEXT") ?? "hello"
    }

    func run() throws {
        try timeBatches(with: GnlFoobarXmplClient())
    }

    /// Not inlined, so that scripts/profile.sh finds the timed loop under this name.
    @inline(never)
    private func timeBatches(with client: GnlFoobarXmplClient<NetlinkSocket>) throws {
        let requests = Array(repeating: GnlFoobarXmpl.EchoMsgRequest(msg: text), count: size)
        // Each reply's text is read in place, as c-raw's: only that it is there is checked.
        try printBatchLatencies(batches: batches, size: size) {
            var answered = 0
            try client.echoMsg(
                many: requests,
                eachBorrowed: { _, reply, _ in if reply.msg != nil { answered &+= 1 } },
                failure: { _, error in throw error })
            return answered
        }
    }
}
