import CommandLineParsing

/// A subcommand: what it accepts, read from the parsed command line, then run.
public protocol Command: Sendable {
    static var spec: CommandSpec { get }
    /// Reads the arguments; a value that does not convert is a usage error.
    init(_ arguments: ParsedArguments) throws(CommandLineError)
    /// Does the work; any error is reported as "error: …" with exit status 1.
    func run() throws
}
