import CommandLineParsing
import CommandLineSupport
import FoobarXmpl
import FoobarXmplLibnl

/// `gnl-bench bench-echo N [TEXT]`: N echo round trips on one client, one latency (ns)
/// per line; the benchmark's warm measurement, same output as the C baselines'. It reads
/// each reply in place (`echo(_:bytes:)`), as the C baselines do, rather than making a
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
        // The concrete client, as bench-dump: the raw client's echo(_:bytes:) is inlinable.
        switch backend {
        case .raw: try timeEchoes(with: RawFoobarXmplClient())
        case .libnl: try timeEchoes(with: LibnlFoobarXmplClient())
        }
    }

    private func timeEchoes(with client: some FoobarXmplClient) throws {
        try printLatencies(iterations: iterations) { try client.echo(text, bytes: { _ in }) }
    }
}
