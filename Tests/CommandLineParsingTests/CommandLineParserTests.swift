import CommandLineParsing
import Testing

/// The parser on a small command table shaped like gnl-foobar's.
@Suite struct CommandLineParserTests {
    static let parser = CommandLineParser(
        root: CommandSpec(
            name: "tool", abstract: "A tool.",
            options: [
                .option("backend", value: "raw|libnl", help: "Which backend."),
                .flag("json", help: "Print JSON."),
            ],
            subcommands: [
                CommandSpec(
                    name: "echo", abstract: "Echo TEXT.",
                    arguments: [.required("TEXT", help: "The text.")]),
                CommandSpec(
                    name: "dump", abstract: "Dump messages.",
                    options: [
                        .option("count", value: "N", help: "How many."),
                        .flag("quiet", help: "Only the count."),
                    ]),
                CommandSpec(
                    name: "bench", abstract: "Time N runs.",
                    arguments: [
                        .required("N", help: "How many."), .optional("TEXT", help: "The text."),
                    ]),
            ]))

    /// The arguments of a command line that must parse to a run.
    static func run(_ arguments: [String]) throws(CommandLineError) -> ParsedArguments {
        guard case .run(let parsed) = try parser.parse(arguments) else {
            Issue.record("\(arguments) did not parse to a run")
            throw CommandLineError("not a run", subcommand: nil)
        }
        return parsed
    }

    /// The error a command line fails with; nil if it parses.
    static func failure(_ arguments: [String]) -> CommandLineError? {
        do {
            _ = try parser.parse(arguments)
            return nil
        } catch {
            return error
        }
    }

    @Test func optionsBeforeAndAfterTheSubcommandAgree() throws {
        for arguments in [
            ["--backend", "libnl", "--json", "echo", "hi"], ["echo", "hi", "--backend", "libnl", "--json"],
            ["--json", "echo", "--backend", "libnl", "hi"],
        ] {
            let parsed = try Self.run(arguments)
            #expect(parsed.command.name == "echo")
            #expect(try parsed.value("backend") == "libnl")
            #expect(parsed.flag("json"))
            #expect(try parsed.required("TEXT") == "hi")
        }
    }

    @Test func theLastValueGivenWins() throws {
        let parsed = try Self.run(["--backend", "raw", "echo", "--backend", "libnl", "hi"])
        #expect(try parsed.value("backend") == "libnl")
    }

    @Test func optionValueAfterAnEqualsSign() throws {
        let parsed = try Self.run(["--backend=libnl", "dump", "--count=5", "--quiet"])
        #expect(try parsed.value("backend") == "libnl")
        #expect(try parsed.value("count", as: UInt32.self) == 5)
        #expect(parsed.flag("quiet"))
        #expect(!parsed.flag("json"))
    }

    @Test func absentOptionsAndOptionalArguments() throws {
        let dump = try Self.run(["dump"])
        #expect(try dump.value("count", as: UInt32.self) == nil)
        #expect(!dump.flag("quiet"))
        let bench = try Self.run(["bench", "3"])
        #expect(try bench.required("N", as: Int.self) == 3)
        #expect(try bench.value("TEXT", as: String.self) == nil)
    }

    @Test func doubleDashEndsOptions() throws {
        #expect(try Self.run(["echo", "--", "-x"]).required("TEXT") == "-x")
        #expect(try Self.run(["echo", "--", "--help"]).required("TEXT") == "--help")
        #expect(try Self.run(["--", "echo", "-"]).required("TEXT") == "-")
        #expect(try Self.run(["bench", "--json", "2", "--", "--json"]).required("TEXT") == "--json")
    }

    @Test func helpAtTheTopAndPerSubcommand() throws {
        for (arguments, subcommand) in [
            (["-h"], nil), (["--help"], nil), (["--json", "--help"], nil),
            (["echo", "-h"], "echo"), (["dump", "--count", "1", "--help"], "dump"),
        ] as [([String], String?)] {
            guard case .help(subcommand) = try Self.parser.parse(arguments) else {
                Issue.record("\(arguments) did not ask for help on \(subcommand ?? "the root")")
                continue
            }
        }
    }

    @Test func helpTextListsSubcommandsArgumentsAndOptions() {
        #expect(
            Self.parser.help(subcommand: nil) == """
                tool: A tool.

                Usage: tool [--backend raw|libnl] [--json] <subcommand>

                Subcommands:
                  echo                 Echo TEXT.
                  dump                 Dump messages.
                  bench                Time N runs.

                Options:
                  --backend raw|libnl  Which backend.
                  --json               Print JSON.
                  -h, --help           Show this help.

                'tool <subcommand> --help' shows a subcommand's arguments and options.

                """)
        #expect(
            Self.parser.help(subcommand: "bench") == """
                tool bench: Time N runs.

                Usage: tool bench [--backend raw|libnl] [--json] N [TEXT]

                Arguments:
                  N                    How many.
                  TEXT                 The text.

                Options:
                  --backend raw|libnl  Which backend.
                  --json               Print JSON.
                  -h, --help           Show this help.

                """)
        let dump = Self.parser.help(subcommand: "dump")
        #expect(dump.contains("Usage: tool dump [--backend raw|libnl] [--json] [--count N] [--quiet]\n"))
        #expect(dump.contains("\n  --count N            How many.\n"))
    }

    @Test func noSubcommand() throws {
        for arguments in [[], ["--json"], ["--backend", "raw"]] {
            guard case .missingSubcommand = try Self.parser.parse(arguments) else {
                Issue.record("\(arguments) did not report the missing subcommand")
                continue
            }
        }
    }

    @Test func missingArgument() {
        #expect(Self.failure(["echo"]) == CommandLineError("missing argument TEXT", subcommand: "echo"))
        #expect(Self.failure(["bench", "--json"]) == CommandLineError("missing argument N", subcommand: "bench"))
    }

    @Test func unexpectedArgument() {
        #expect(Self.failure(["echo", "a", "b"]) == CommandLineError("unexpected argument 'b'", subcommand: "echo"))
        #expect(Self.failure(["dump", "5"]) == CommandLineError("unexpected argument '5'", subcommand: "dump"))
    }

    @Test func unknownOptionOrSubcommand() {
        #expect(Self.failure(["echo", "--bogus", "hi"]) == CommandLineError("unknown option '--bogus'", subcommand: "echo"))
        #expect(Self.failure(["echo", "-x"]) == CommandLineError("unknown option '-x'", subcommand: "echo"))
        #expect(Self.failure(["--bogus=1", "echo"]) == CommandLineError("unknown option '--bogus'", subcommand: nil))
        // A subcommand's options are not the root's.
        #expect(Self.failure(["--count", "1", "dump"]) == CommandLineError("unknown option '--count'", subcommand: nil))
        #expect(Self.failure(["echo", "--count", "1"]) == CommandLineError("unknown option '--count'", subcommand: "echo"))
        #expect(Self.failure(["ehco", "hi"]) == CommandLineError("unknown subcommand 'ehco'", subcommand: nil))
    }

    @Test func missingOrUnwantedOptionValue() {
        #expect(Self.failure(["dump", "--count"]) == CommandLineError("missing value for --count N", subcommand: "dump"))
        #expect(Self.failure(["dump", "--count", "--quiet"]) == CommandLineError("missing value for --count N", subcommand: "dump"))
        #expect(Self.failure(["dump", "--quiet=yes"]) == CommandLineError("--quiet takes no value", subcommand: "dump"))
    }

    @Test func badValues() throws {
        let dump = try Self.run(["dump", "--count", "lots"])
        #expect(throws: CommandLineError("invalid value 'lots' for --count N", subcommand: "dump")) {
            try dump.value("count", as: UInt32.self)
        }
        #expect(throws: CommandLineError("invalid value '-1' for --count N", subcommand: "dump")) {
            try Self.run(["dump", "--count=-1"]).value("count", as: UInt32.self)
        }
        #expect(throws: CommandLineError("invalid value 'x' for N", subcommand: "bench")) {
            try Self.run(["bench", "x"]).required("N", as: Int.self)
        }
        let backend = try Self.run(["--backend", "tcp", "echo", "hi"])
        #expect(throws: CommandLineError("invalid value 'tcp' for --backend raw|libnl", subcommand: "echo")) {
            try backend.value("backend") { ["raw", "libnl"].contains($0) ? $0 : nil }
        }
    }

    @Test func errorTextIsTheMessageAndTheUsageLine() {
        #expect(
            Self.parser.errorText(CommandLineError("missing argument TEXT", subcommand: "echo"))
                == "error: missing argument TEXT\nUsage: tool echo [--backend raw|libnl] [--json] TEXT\n")
        #expect(
            Self.parser.errorText(CommandLineError("unknown subcommand 'x'", subcommand: nil))
                == "error: unknown subcommand 'x'\nUsage: tool [--backend raw|libnl] [--json] <subcommand>\n")
    }

    @Test func aCommandMaySayHowItsOptionsGoTogether() {
        let parser = CommandLineParser(
            root: CommandSpec(
                name: "ynl", abstract: "A flag-driven tool.",
                options: [.option("spec", value: "FILE", help: "A file."), .option("do", value: "OP", help: "An op.")],
                usage: "--spec FILE [--do OP]"))
        #expect(parser.usage(subcommand: nil) == "Usage: ynl --spec FILE [--do OP]")
        #expect(parser.help(subcommand: nil).contains("  --do OP      An op.\n"))
    }
}
