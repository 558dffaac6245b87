/// Reads a command line by a `CommandSpec`: `--flag`, `--option VALUE`, `--option=VALUE`,
/// positional arguments, `--` (everything after it is positional) and `-h`/`--help`, in any
/// order. With subcommands, the first positional argument names one; the root's options are
/// accepted before and after it (`--json echo hi` and `echo hi --json` agree).
public struct CommandLineParser: Sendable {
    public let root: CommandSpec

    public init(root: CommandSpec) {
        self.root = root
    }

    /// What a command line asks for.
    public enum Request: Sendable {
        /// Run `arguments.command` with these arguments.
        case run(ParsedArguments)
        /// Show the help of this subcommand (nil: the root's) and succeed.
        case help(subcommand: String?)
        /// The root needs a subcommand and none was named: show its help as a usage error.
        case missingSubcommand
    }

    /// Parses `arguments` (without the program's name).
    public func parse(_ arguments: [String]) throws(CommandLineError) -> Request {
        var command = root
        var subcommand: String?  // once named
        var accepted = options(of: nil)
        var values = NamedValues()
        var flags: [String] = []
        var positionals: [String] = []
        var optionsEnded = false

        func failure(_ message: String) -> CommandLineError {
            CommandLineError(message, subcommand: subcommand)
        }

        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !Self.looksLikeOption(argument) {
                if subcommand == nil && !root.subcommands.isEmpty {
                    guard let named = root.subcommands.first(where: { $0.name == argument }) else {
                        throw failure("unknown subcommand '\(argument)'")
                    }
                    (command, subcommand) = (named, named.name)
                    accepted = options(of: named)
                } else {
                    positionals.append(argument)
                }
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                return .help(subcommand: subcommand)
            }
            // "--name", "--name=value" or "--name value"; no short options besides -h.
            guard argument.hasPrefix("--") else { throw failure("unknown option '\(argument)'") }
            let (name, inlineValue) = Self.split(argument.dropFirst(2))
            guard let option = accepted.first(where: { $0.name == name }) else {
                throw failure("unknown option '--\(name)'")
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw failure("\(option.label) takes no value") }
                flags.append(name)
            } else if let inlineValue {
                values.append(name, inlineValue)
            } else if index < arguments.endIndex, !Self.looksLikeOption(arguments[index]) {
                values.append(name, arguments[index])
                index += 1
            } else {
                throw failure("missing value for \(option.label)")
            }
        }

        if subcommand == nil && !root.subcommands.isEmpty {
            return .missingSubcommand
        }
        let specs = command.arguments
        if positionals.count > specs.count {
            throw failure("unexpected argument '\(positionals[specs.count])'")
        }
        if let missing = specs.dropFirst(positionals.count).first(where: { !$0.isOptional }) {
            throw failure("missing argument \(missing.name)")
        }
        for (spec, value) in zip(specs, positionals) {
            values.append(spec.name, value)
        }
        return .run(
            ParsedArguments(
                command: command, options: accepted, subcommand: subcommand,
                values: values, flags: flags))
    }

    /// The options a command accepts: the root's, then the subcommand's own.
    func options(of subcommand: CommandSpec?) -> [OptionSpec] {
        root.options + (subcommand?.options ?? [])
    }

    /// "-x", "--x" and "--" are options; "-" alone (often: standard input) is not.
    private static func looksLikeOption(_ argument: String) -> Bool {
        argument.hasPrefix("-") && argument != "-"
    }

    /// "name=value" -> ("name", "value"); "name" -> ("name", nil).
    private static func split(_ option: Substring) -> (name: String, value: String?) {
        guard let equals = option.firstIndex(of: "=") else { return (String(option), nil) }
        return (String(option[..<equals]), String(option[option.index(after: equals)...]))
    }
}
