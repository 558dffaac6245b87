import CommandLineParsing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An executable made of subcommands: reads its command line by their specs, then runs
/// the one named, or shows help, or exits 64 with a usage error.
public struct CommandLineProgram: Sendable {
    public let commands: [any Command.Type]
    public let parser: CommandLineParser

    /// sysexits.h's EX_USAGE, the status swift-argument-parser used for a bad command line.
    public static let usageFailure: Int32 = 64

    /// A program named `name` whose `options` every subcommand accepts, before or after
    /// its name.
    public init(
        name: String, abstract: String, options: [OptionSpec], commands: [any Command.Type]
    ) {
        self.commands = commands
        parser = CommandLineParser(
            root: CommandSpec(
                name: name, abstract: abstract, options: options,
                subcommands: commands.map { $0.spec }))
    }

    /// Parses `arguments` (without the program's name) and runs the subcommand. Call it
    /// from `main()` without wrapping it in a closure: `main()` is MainActor isolated
    /// whatever it is declared as, and a closure there checks its executor at run time,
    /// which links the concurrency runtime and with it libdispatch, whose initializer
    /// makes syscalls at every start (measurements/analysis.md).
    public func run(_ arguments: [String]) {
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
                exit(Self.usageFailure)
            }
        } catch {
            writeToStandardError(parser.errorText(error))
            exit(Self.usageFailure)
        }
        reportingErrors(command.run)
    }
}
