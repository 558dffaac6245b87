import CommandLineParsing
import CommandLineSupport
import FoobarXmpl
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `gnl-stress dump-memory`: one dump of N messages (default 10 million) streamed by the
/// generated client's copying `dumpEchoMsg(_:each:)`, each message checked (index in
/// order, the text), while the process's resident memory is sampled. Prints the count,
/// the peak resident set (`VmHWM`) before and after, and fails (exit 1) when a message is
/// missing or out of order or the peak exceeds `--max-rss-mib`.
struct DumpMemoryCommand: Command {
    static let spec = CommandSpec(
        name: "dump-memory", abstract: "Stream one long dump; fail if resident memory passes a bound.",
        options: [
            .option("messages", value: "N", help: "Messages in the dump (default 10000000)."),
            .option("max-rss-mib", value: "N", help: "Peak resident memory allowed, MiB (default 64)."),
        ])

    var messages: UInt32
    var maxRSSMiB: Int

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        messages = try arguments.value("messages") ?? 10_000_000
        maxRSSMiB = try arguments.value("max-rss-mib") ?? 64
    }

    func run() throws {
        let client = try GnlFoobarXmplClient()
        let before = peakResidentKiB()
        let text = "dump-memory"
        var next: UInt32 = 0
        var wrong = 0
        let start = monotonicNanoseconds()
        try client.dumpEchoMsg(.init(dumpCount: messages, msg: text)) { message in
            if message.dumpIndex != next || message.msg != text { wrong += 1 }
            next &+= 1
        }
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        let after = peakResidentKiB()
        let ok = next == messages && wrong == 0 && after <= maxRSSMiB * 1024
        print(jsonLine([
            ("messages", .int(Int(messages))), ("received", .int(Int(next))), ("wrong", .int(wrong)),
            ("peak_rss_kib_before", .int(before)), ("peak_rss_kib_after", .int(after)),
            ("bound_kib", .int(maxRSSMiB * 1024)), ("seconds", .double((seconds * 10).rounded() / 10)),
            ("messages_per_second", .int(Int(Double(next) / seconds))), ("ok", .bool(ok)),
        ]))
        if !ok { exit(1) }
    }
}

/// The process's peak resident set so far (`VmHWM` in /proc/self/status), KiB.
func peakResidentKiB() -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") {
            return Int(text.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? -1
        }
    }
    return -1
}
