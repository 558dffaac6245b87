import CommandLineParsing
import CommandLineSupport
import FoobarXmpl
import FoobarXmplLibnl
import Netlink

/// `gnl-bench bench-echo N [TEXT]`: N echo round trips on one client, one latency (ns)
/// per line; the benchmark's warm measurement, same output as the C baselines'. It reads
/// each reply in place (the borrowing forms), as the C baselines do, rather than making a
/// String of it.
struct BenchEchoCommand: Command {
    static let spec = CommandSpec(
        name: "bench-echo", abstract: "Time N echo round trips; print ns per line.",
        arguments: [
            .required("N", help: "How many round trips."),
            .optional("TEXT", help: "The text to echo (default hello)."),
        ])

    var backend: Backend
    var iterations: Int
    var text: String

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        backend = try Backend(arguments)
        iterations = Int(try arguments.required("N", as: UInt32.self))
        text = try arguments.value("TEXT") ?? "hello"
    }

    func run() throws {
        // Concrete clients, as bench-dump: the raw client's borrowing echo is always inlined.
        switch backend {
        case .raw: try timeEchoes(with: GnlFoobarXmplClient())
        case .libnl: try timeEchoes(with: LibnlFoobarXmplClient())
        }
    }

    /// The generated client's own borrowing echo: its reply is read in place. Not inlined,
    /// so that scripts/profile.sh finds the timed loop under this name.
    @inline(never)
    private func timeEchoes(with client: GnlFoobarXmplClient<NetlinkSocket>) throws {
        let request = GnlFoobarXmpl.EchoMsgRequest(msg: text)
        // A local function rather than a closure, so that it can be inlined into the loop.
        @inline(__always) func echo() throws { try client.echoMsg(request, borrowing: { _, _ in }) }
        try printLatencies(iterations: iterations, echo)
    }

    private func timeEchoes(with client: some FoobarXmplClient) throws {
        try printLatencies(iterations: iterations) { try client.echo(text, bytes: { _ in }) }
    }
}
