/// A command line the spec does not accept: unknown subcommand or option, missing or extra
/// argument, a value that does not convert. Shown as "error: <message>" and a usage line.
public struct CommandLineError: Error, Equatable, CustomStringConvertible {
    public var message: String
    /// The subcommand whose usage to show; nil for the root command.
    public var subcommand: String?

    public init(_ message: String, subcommand: String?) {
        self.message = message
        self.subcommand = subcommand
    }

    public var description: String { message }
}
