import FoobarXmpl
import Netlink

/// A small deterministic generator (SplitMix64): each thread draws its own requests from
/// its own seed, so a failing run can be repeated.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What one thread (or process) counted of its requests.
struct MixedTally: Sendable {
    var echoes = 0, dumps = 0, dumpMessages = 0, errors = 0
    /// Answers that were not the right answer to their request (text, count, order, errno).
    var mismatched = 0
    /// Requests that failed in a way no request should (an error from the echo, say).
    var failed = 0
    var firstProblems: [String] = []
    var echoLatencies = Latencies()

    var requests: Int { echoes + dumps + errors }

    mutating func problem(_ text: String, mismatch: Bool) {
        if mismatch { mismatched += 1 } else { failed += 1 }
        if firstProblems.count < 5 { firstProblems.append(text) }
    }

    mutating func add(_ other: MixedTally) {
        echoes += other.echoes; dumps += other.dumps; dumpMessages += other.dumpMessages
        errors += other.errors; mismatched += other.mismatched; failed += other.failed
        firstProblems += other.firstProblems.prefix(max(0, 5 - firstProblems.count))
        echoLatencies.append(contentsOf: other.echoLatencies)
    }
}

/// Echo (60 %), dumps of 0 to 1,000 messages (25 %) and the error command (15 %), each
/// answer checked against its request, over one client of the worker's own.
struct MixedWorker {
    let client: GnlFoobarXmplClient<NetlinkSocket>
    let name: String
    var random: SplitMix64
    var tally = MixedTally()
    let maxDump: UInt32

    init(name: String, seed: UInt64, maxDump: UInt32) throws {
        client = try GnlFoobarXmplClient()
        self.name = name
        random = SplitMix64(state: seed)
        self.maxDump = maxDump
    }

    mutating func request(_ index: Int) {
        let roll = Int.random(in: 0..<100, using: &random)
        do {
            if roll < 60 { try echo(index) } else if roll < 85 { try dump(index) } else { try error() }
        } catch {
            tally.problem("\(name) request \(index): \(error)", mismatch: false)
        }
    }

    private mutating func echo(_ index: Int) throws {
        let text = "\(name)-\(index)-" + String(repeating: "x", count: Int.random(in: 0...200, using: &random))
        let start = monotonicNanoseconds()
        let reply = try client.echoMsg(.init(msg: text))
        tally.echoLatencies.samples.append(monotonicNanoseconds() - start)
        tally.echoes += 1
        if reply.msg != text { tally.problem("\(name) echo \(index): sent \(text), got \(reply.msg ?? "nil")", mismatch: true) }
    }

    private mutating func dump(_ index: Int) throws {
        // Mostly short, sometimes long: 0-10 messages (45 %), 11-100 (45 %), 101-maxDump (10 %).
        let size = Int.random(in: 0..<100, using: &random)
        let sizes: ClosedRange<UInt32> = size < 45 ? 0...10 : size < 90 ? 11...100 : 101...max(101, maxDump)
        let count = UInt32.random(in: sizes, using: &random)
        let text = "\(name)-dump-\(index)"
        var next: UInt32 = 0
        var wrong = false
        try client.dumpEchoMsg(.init(dumpCount: count, msg: text)) { message in
            if message.dumpIndex != next || message.msg != text { wrong = true }
            next += 1
        }
        tally.dumps += 1
        tally.dumpMessages += Int(next)
        if wrong || next != count { tally.problem("\(name) dump \(index) of \(count): \(next) messages, in order: \(!wrong)", mismatch: true) }
    }

    private mutating func error() throws {
        do {
            try client.replyWithNlmsgErr()
            tally.errors += 1
            tally.problem("\(name): the error command succeeded", mismatch: true)
        } catch let error as NetlinkError {
            tally.errors += 1
            if error.errno != .invalidArgument || error.message != GnlFoobarXmpl.replyErrMsg
                || error.operation != "reply-with-nlmsg-err"
            {
                tally.problem("\(name): the error command answered \(error)", mismatch: true)
            }
        }
    }
}
