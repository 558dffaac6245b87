import CommandLineParsing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `gnl-foobar`: talk to the `gnl_foobar_xmpl` generic netlink family.
@main
enum GnlFoobar {
    static let commands: [any Command.Type] = [
        EchoCommand.self, DumpCommand.self, ErrorCommand.self, ResolveCommand.self,
        FamiliesCommand.self, BenchEchoCommand.self, BenchResolveCommand.self,
        BenchDumpCommand.self,
    ]

    static let parser = CommandLineParser(
        root: CommandSpec(
            name: "gnl-foobar",
            abstract: "Talk to the gnl_foobar_xmpl generic netlink family.",
            options: CommonOptions.specs,
            subcommands: commands.map { $0.spec }))

    /// sysexits.h's EX_USAGE, the status swift-argument-parser used for a bad command line.
    static let usageFailure: Int32 = 64

    static func main() {
        run(Array(CommandLine.arguments.dropFirst()))
    }

    /// Parses `arguments` and runs the subcommand. Not in `main()`, which is MainActor
    /// isolated whatever it is declared as: a closure there checks its executor at run time,
    /// which links the concurrency runtime and with it libdispatch, whose initializer costs
    /// 8 syscalls at every start.
    nonisolated static func run(_ arguments: [String]) {
        let command: any Command
        do {
            switch try parser.parse(arguments) {
            case .run(let arguments):
                // The parser only returns commands of the table the specs came from.
                let type = commands.first { $0.spec.name == arguments.command.name }!
                command = try type.init(arguments)
            case .help(let subcommand):
                print(parser.help(subcommand: subcommand), terminator: "")
                return
            case .missingSubcommand:
                writeToStandardError(parser.help(subcommand: nil))
                exit(usageFailure)
            }
        } catch {
            writeToStandardError(parser.errorText(error))
            exit(usageFailure)
        }
        reportingErrors(command.run)
    }
}
