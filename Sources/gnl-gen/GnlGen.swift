import CommandLineParsing
import Foundation
import NetlinkGenerator
import NetlinkSpec

/// `gnl-gen`: generates a family's code from its YNL spec.
@main
enum GnlGen {
    static let outputOption = OptionSpec.option(
        "output", value: "FILE", help: "Write to FILE instead of standard output (also -o FILE).")
    static let specArgument = ArgumentSpec.required("SPEC", help: "The family's YNL spec (YAML).")

    static let parser = CommandLineParser(
        root: CommandSpec(
            name: "gnl-gen",
            abstract: "Generate a generic netlink family's code from its YNL spec.",
            subcommands: Generator.allCases.map {
                CommandSpec(
                    name: $0.rawValue, abstract: $0.abstract, options: [outputOption] + $0.options,
                    arguments: [specArgument])
            }))

    static func main() {
        // -o FILE, as compilers take it, is --output FILE.
        let arguments = CommandLine.arguments.dropFirst().map { $0 == "-o" ? "--output" : $0 }
        let parsed: ParsedArguments
        do {
            switch try parser.parse(Array(arguments)) {
            case .run(let arguments): parsed = arguments
            case .help(let subcommand):
                print(parser.help(subcommand: subcommand), terminator: "")
                return
            case .missingSubcommand:
                FileHandle.standardError.write(Data(parser.help(subcommand: nil).utf8))
                exit(64)
            }
        } catch {
            FileHandle.standardError.write(Data(parser.errorText(error).utf8))
            exit(64)
        }
        do {
            let generator = Generator(rawValue: parsed.command.name)!
            let specPath: String = try parsed.required("SPEC")
            let spec = try Spec(contentsOf: specPath)
            let command = (["gnl-gen"] + withoutOutput(Array(arguments))).joined(separator: " ")
            let context = GenerationContext(specPath: specPath, command: command)
            let text = try generator.generate(spec, context: context, arguments: parsed)
            if let output: String = try parsed.value("output") {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("gnl-gen: error: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The command line as generated files quote it: without where the output went, so
    /// that a file is the same whether it was written with -o or captured from stdout.
    static func withoutOutput(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
            } else if argument == "--output" {
                skipNext = true
            } else if !argument.hasPrefix("--output=") {
                kept.append(argument)
            }
        }
        return kept
    }
}
