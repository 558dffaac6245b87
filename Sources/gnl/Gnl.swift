import CommandLineParsing
import CommandLineSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `gnl`: any generic netlink family from its YNL spec, with the kernel ynl CLI's flags
/// (`gnl --spec netdev.yaml --dump dev-get`). Output is JSON.
@main
enum Gnl {
    static let parser = CommandLineParser(root: GnlOptions.command)

    static func main() {
        let options: GnlOptions
        do {
            switch try parser.parse(Array(CommandLine.arguments.dropFirst())) {
            case .run(let arguments): options = try GnlOptions(arguments)
            case .help, .missingSubcommand:
                print(parser.help(subcommand: nil) + environmentHelp, terminator: "")
                return
            }
        } catch {
            writeToStandardError(parser.errorText(error))
            exit(CommandLineProgram.usageFailure)
        }
        var status: Int32 = 0
        reportingErrors { status = try GnlSession(options: options).run() }
        exit(status)
    }

    static let environmentHelp = """

        Environment:
          \(SpecDirectories.environmentVariable)  Directories (colon-separated) where --family NAME finds NAME.yaml, before
                     the kernel tree around the current directory (Documentation/netlink/specs)
                     and \(SpecDirectories.systemDirectory).

        """
}
