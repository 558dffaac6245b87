import CommandLineTesting
import FoobarXmpl
import Foundation
import GenericNetlink
import Testing

/// `gnl-foobar` on the host, where the module is not loaded: what works without it.
@Suite struct CommandLineHostTests {
    static func gnlFoobar(_ arguments: [String]) throws -> ExecutableRun {
        try ExecutableRun("gnl-foobar", arguments)
    }

    static var moduleIsLoaded: Bool {
        guard var connection = try? GenericNetlinkConnection() else { return false }
        return (try? connection.family(named: GnlFoobarXmpl.familyName)) != nil
    }

    @Test func familiesListsOneFamilyPerLine() throws {
        let run = try Self.gnlFoobar(["families"])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.contains("nlctrl 16 2"))
        #expect(lines.allSatisfy { $0.split(separator: " ").count == 3 })
    }

    @Test func familiesAsJSON() throws {
        let run = try Self.gnlFoobar(["families", "--json"])
        #expect(run.status == 0)
        let families = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
        let nlctrl = try #require(families.first { $0["name"] as? String == "nlctrl" })
        #expect(nlctrl["id"] as? Int == 16)
        #expect((nlctrl["operations"] as? [Any])?.isEmpty == false)
    }

    @Test func resolvePrintsTheID() throws {
        let run = try Self.gnlFoobar(["resolve", "nlctrl"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "16\n")
    }

    @Test func textTooLongForAnAttributeIsRefusedBeforeSending() throws {
        // Refused even without the module: nothing is sent.
        let run = try Self.gnlFoobar(["echo", String(repeating: "x", count: 70_000)])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(
            run.standardError
                == "error: text of 70000 bytes is longer than one netlink string attribute can carry (65530 bytes)\n")
    }

    @Test(.enabled(if: !moduleIsLoaded, "the module is loaded here"))
    func missingModuleIsExplained() throws {
        for arguments in [["echo", "hi"], ["dump"], ["error"], ["resolve"]] {
            let run = try Self.gnlFoobar(arguments)
            #expect(run.status == 1)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError == "error: family gnl_foobar_xmpl not found — is the module loaded?\n")
        }
    }

    @Test func unknownFamilyIsAnError() throws {
        let run = try Self.gnlFoobar(["resolve", "no_such_fam"])
        #expect(run.status == 1)
        #expect(run.standardError == "error: family no_such_fam not found — is the module loaded?\n")
    }

    // The command line itself: parsed by CommandLineParsing, checked here end to end.

    @Test func commonOptionsBeforeOrAfterTheSubcommand() throws {
        for arguments in [
            ["--backend", "raw", "resolve", "nlctrl"], ["--backend=raw", "resolve", "nlctrl"],
            ["resolve", "nlctrl", "--backend", "raw"], ["resolve", "--backend=raw", "nlctrl"],
        ] {
            let run = try Self.gnlFoobar(arguments)
            #expect(run.status == 0, "\(arguments)")
            #expect(run.standardOutput == "16\n", "\(arguments)")
        }
        let json = try Self.gnlFoobar(["--json", "resolve", "nlctrl"])
        #expect(json.standardOutput.hasPrefix("{\"name\":\"nlctrl\",\"id\":16,"))
    }

    @Test func doubleDashEndsOptions() throws {
        let run = try Self.gnlFoobar(["resolve", "--", "--json"])
        #expect(run.status == 1)
        #expect(run.standardError == "error: family --json not found — is the module loaded?\n")
    }

    @Test func helpGoesToStandardOutput() throws {
        let top = try Self.gnlFoobar(["--help"])
        #expect(top.status == 0)
        #expect(top.standardError.isEmpty)
        #expect(top.standardOutput.hasPrefix("gnl-foobar: Talk to the gnl_foobar_xmpl generic netlink family.\n"))
        for line in [
            "  echo ", "  dump ", "  error ", "  resolve ", "  families ", "  --backend raw|libnl ",
            "  --json ",
        ] {
            #expect(top.standardOutput.contains("\n" + line), "no \(line)")
        }
        // The benchmark's commands are gnl-bench's.
        #expect(!top.standardOutput.contains("bench"))
        let dump = try Self.gnlFoobar(["dump", "-h"])
        #expect(dump.status == 0)
        #expect(
            dump.standardOutput.contains(
                "Usage: gnl-foobar dump [--backend raw|libnl] [--json] [--count N] [--quiet]\n"))
    }

    @Test func noSubcommandShowsTheHelpAsAUsageError() throws {
        let run = try Self.gnlFoobar(["--json"])
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == (try Self.gnlFoobar(["--help"])).standardOutput)
    }

    @Test func usageErrorsExit64WithTheUsageLine() throws {
        let echoUsage = "Usage: gnl-foobar echo [--backend raw|libnl] [--json] TEXT\n"
        let dumpUsage = "Usage: gnl-foobar dump [--backend raw|libnl] [--json] [--count N] [--quiet]\n"
        let topUsage = "Usage: gnl-foobar [--backend raw|libnl] [--json] <subcommand>\n"
        for (arguments, expected) in [
            (["echo"], "error: missing argument TEXT\n" + echoUsage),
            (["echo", "a", "b"], "error: unexpected argument 'b'\n" + echoUsage),
            (["echo", "-x"], "error: unknown option '-x'\n" + echoUsage),
            (["dump", "--count", "many"], "error: invalid value 'many' for --count N\n" + dumpUsage),
            (["dump", "--count"], "error: missing value for --count N\n" + dumpUsage),
            (["--backend", "tcp", "echo", "hi"], "error: invalid value 'tcp' for --backend raw|libnl\n" + echoUsage),
            (["--verbose", "echo", "hi"], "error: unknown option '--verbose'\n" + topUsage),
            (["ehco", "hi"], "error: unknown subcommand 'ehco'\n" + topUsage),
        ] {
            let run = try Self.gnlFoobar(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.standardOutput.isEmpty, "\(arguments)")
            #expect(run.standardError == expected, "\(arguments)")
        }
    }
}
