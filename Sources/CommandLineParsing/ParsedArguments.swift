/// The options and arguments given to one command, read by name: an option's name without
/// "--" ("count"), an argument's name from its spec ("TEXT").
public struct ParsedArguments: Sendable {
    /// The command that runs: the subcommand, or the root when it has none.
    public let command: CommandSpec
    /// The options it accepts: its own and the root's.
    let options: [OptionSpec]
    /// The subcommand's name, for the usage line of an error; nil for the root.
    let subcommand: String?
    /// Option values by name (the last one given wins) and positional arguments by name.
    let values: NamedValues
    /// The flags given, by name.
    let flags: [String]

    init(
        command: CommandSpec, options: [OptionSpec], subcommand: String?,
        values: NamedValues, flags: [String]
    ) {
        self.command = command
        self.options = options
        self.subcommand = subcommand
        self.values = values
        self.flags = flags
    }

    /// Whether the flag was given.
    public func flag(_ name: String) -> Bool {
        assert(options.contains { $0.name == name && $0.valueName == nil }, "no flag --\(name)")
        return flags.contains(name)
    }

    /// An option's or argument's value converted by `convert`; nil when it was not given,
    /// an error when `convert` refuses it.
    public func value<Value>(
        _ name: String, _ convert: (String) -> Value?
    ) throws(CommandLineError) -> Value? {
        assert(
            options.contains { $0.name == name } || command.arguments.contains { $0.name == name },
            "\(command.name) has no option or argument \(name)")
        guard let text = values[name] else { return nil }
        guard let value = convert(text) else {
            throw CommandLineError(
                "invalid value '\(text)' for \(label(of: name))", subcommand: subcommand)
        }
        return value
    }

    /// An option's or argument's value as `Value` (String, Int, UInt32, …).
    public func value<Value: LosslessStringConvertible>(
        _ name: String, as type: Value.Type = Value.self
    ) throws(CommandLineError) -> Value? {
        try value(name) { Value($0) }
    }

    /// A required argument's value: the parser has already checked that it was given.
    public func required<Value: LosslessStringConvertible>(
        _ name: String, as type: Value.Type = Value.self
    ) throws(CommandLineError) -> Value {
        guard let value = try value(name, as: type) else {
            preconditionFailure("\(name) is not a required argument of \(command.name)")
        }
        return value
    }

    /// How a value's name appears in messages: "--count N" for an option, "N" for an argument.
    private func label(of name: String) -> String {
        options.first { $0.name == name }?.label ?? name
    }
}
