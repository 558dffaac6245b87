/// What a command accepts: the parser reads arguments by it, the help text is written from it.
/// A root command with subcommands takes one of them as its first positional argument;
/// the root's own options are accepted before and after the subcommand's name.
public struct CommandSpec: Sendable {
    public var name: String
    /// One line, shown in the command's help and in its parent's list of subcommands.
    public var abstract: String
    public var options: [OptionSpec]
    /// Positional arguments in order; the optional ones come last.
    public var arguments: [ArgumentSpec]
    public var subcommands: [CommandSpec]
    /// The usage line's words after the command's name, for a command whose options go
    /// together in ways a list of them all cannot show (`(--spec FILE | --family NAME) …`);
    /// nil: every option and argument, as they are listed.
    public var usage: String?

    public init(
        name: String, abstract: String, options: [OptionSpec] = [],
        arguments: [ArgumentSpec] = [], subcommands: [CommandSpec] = [], usage: String? = nil
    ) {
        precondition(
            !arguments.drop(while: { !$0.isOptional }).contains(where: { !$0.isOptional }),
            "\(name): a required argument follows an optional one")
        self.name = name
        self.abstract = abstract
        self.options = options
        self.arguments = arguments
        self.subcommands = subcommands
        self.usage = usage
    }
}

/// `--name` (a flag) or `--name VALUE` / `--name=VALUE` (an option with a value).
public struct OptionSpec: Sendable {
    /// Without the leading "--".
    public var name: String
    /// What the value looks like in help text ("N", "raw|libnl"); nil for a flag.
    public var valueName: String?
    public var help: String

    public static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    public static func option(_ name: String, value valueName: String, help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help)
    }

    /// "--count N", "--quiet".
    var label: String {
        valueName.map { "--\(name) \($0)" } ?? "--\(name)"
    }
}

/// A positional argument, named in help text and when read ("TEXT", "N").
public struct ArgumentSpec: Sendable {
    public var name: String
    public var help: String
    public var isOptional: Bool

    public static func required(_ name: String, help: String) -> ArgumentSpec {
        ArgumentSpec(name: name, help: help, isOptional: false)
    }

    public static func optional(_ name: String, help: String) -> ArgumentSpec {
        ArgumentSpec(name: name, help: help, isOptional: true)
    }
}
