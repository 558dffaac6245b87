import CommandLineParsing
import CommandLineSupport
import FoobarXmpl
import GenericNetlink
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `gnl-stress hammer`: one client, opened once, sends echoes and short dumps to
/// gnl_foobar_xmpl until FILE exists, while the module is unloaded and loaded again
/// under it (stress/lifecycle.py), which waits for its first line, `{"ready": true}`. Every request must end in its right answer or in
/// "the family is gone" (`ENOENT`/`EOPNOTSUPP`, or no such family when the client looks
/// it up again) or going (`EPROTONOSUPPORT`: a dump started while rmmod runs cannot take
/// a reference on the module); the client finds the family again by itself once it is back. Prints
/// the tally as one JSON line; exits 1 on a wrong answer or any other error, 2 (the
/// watchdog) when a request hangs.
struct HammerCommand: Command {
    static let spec = CommandSpec(
        name: "hammer", abstract: "Requests on one client while the module comes and goes.",
        options: [
            .option("until-file", value: "FILE", help: "Stop once FILE exists (required)."),
            .option("hang-seconds", value: "N", help: "Seconds without an answer that make a hang (default 30)."),
        ])

    var untilFile: String
    var hangSeconds: Int

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        guard let file: String = try arguments.value("until-file") else {
            throw CommandLineError("--until-file is required", subcommand: "hammer")
        }
        untilFile = file
        hangSeconds = try arguments.value("hang-seconds") ?? 30
    }

    private let familyAway: [Errno] = [.noSuchFileOrDirectory, .notSupported, Errno(rawValue: EPROTONOSUPPORT)]

    func run() throws {
        let watchdog = Watchdog(limit: hangSeconds) { jsonLine([("hang", true)]) }
        let client = try GnlFoobarXmplClient()
        // The caller unloads the module only once the client is open.
        print(jsonLine([("ready", true)]))
        fflush(nil)
        var answered = 0, gone = 0, recovered = 0, wrong = 0, failed = 0
        var problems: [String] = []
        var wasGone = false
        var index = 0
        func note(_ text: String) { if problems.count < 5 { problems.append(text) } }
        while access(untilFile, F_OK) != 0 {
            index += 1
            do {
                if index % 4 == 0 {
                    var next: UInt32 = 0
                    try client.dumpEchoMsg(.init(dumpCount: 20, msg: "h\(index)")) { message in
                        if message.dumpIndex != next || message.msg != "h\(index)" { wrong += 1 }
                        next += 1
                    }
                    if next != 20 { wrong += 1; note("dump \(index): \(next) of 20 messages") }
                } else {
                    let reply = try client.echoMsg(.init(msg: "h\(index)"))
                    if reply.msg != "h\(index)" { wrong += 1; note("echo \(index): \(reply.msg ?? "nil")") }
                }
                answered += 1
                if wasGone { recovered += 1; wasGone = false }
            } catch let error as NetlinkError where familyAway.contains(error.errno) {
                gone += 1; wasGone = true
            } catch is FamilyNotFoundError {
                gone += 1; wasGone = true
            } catch {
                failed += 1; note("request \(index): \(error)")
            }
            watchdog.step()
        }
        watchdog.stop()
        print(jsonLine([
            ("requests", .int(index)), ("answered", .int(answered)), ("family_gone", .int(gone)),
            ("found_again", .int(recovered)), ("wrong", .int(wrong)), ("failed", .int(failed)),
            ("problems", .array(problems.map { .string($0) })),
        ]))
        if wrong != 0 || failed != 0 { exit(1) }
    }
}
