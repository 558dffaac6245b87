import CommandLineParsing
import CommandLineSupport
import GenericNetlink

/// `gnl-bench bench-resolve N`: N look-ups of "nlctrl" (`CTRL_CMD_GETFAMILY`), one
/// latency (ns) per line; needs no module, so it runs natively on any host.
struct BenchResolveCommand: Command {
    static let spec = CommandSpec(
        name: "bench-resolve", abstract: "Time N nlctrl look-ups; print ns per line.",
        arguments: [.required("N", help: "How many look-ups.")])

    var backend: Backend
    var iterations: Int

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        backend = try Backend(arguments)
        iterations = Int(try arguments.required("N", as: UInt32.self))
    }

    func run() throws {
        let resolver = try backend.openResolver()
        try printLatencies(iterations: iterations) {
            _ = try resolver.familyID(named: Controller.familyName)
        }
    }
}
