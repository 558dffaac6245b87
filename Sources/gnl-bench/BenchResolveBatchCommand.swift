import CommandLineParsing
import CommandLineSupport
import KernelFamilies
import Netlink

/// `gnl-bench bench-resolve-batch N SIZE`: N batches of SIZE nlctrl look-ups of "nlctrl"
/// through the generated `NlctrlClient.getfamily(many:eachBorrowed:failure:)`; one line per
/// batch, its ns. Needs no module, so it runs natively on any host.
struct BenchResolveBatchCommand: Command {
    static let spec = CommandSpec(
        name: "bench-resolve-batch", abstract: "Time N batches of SIZE nlctrl look-ups; print ns per batch.",
        arguments: [
            .required("N", help: "How many batches."),
            .required("SIZE", help: "Look-ups per batch."),
        ])

    var batches: Int
    var size: Int

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        try requireRawBackend(arguments, for: Self.spec.name)
        batches = Int(try arguments.required("N", as: UInt32.self))
        size = try batchSize(arguments, for: Self.spec.name)
    }

    func run() throws {
        try timeBatches(with: NlctrlClient())
    }

    /// Not inlined, so that scripts/profile.sh finds the timed loop under this name.
    @inline(never)
    private func timeBatches(with client: NlctrlClient<NetlinkSocket>) throws {
        let requests = Array(repeating: Nlctrl.GetfamilyRequest(familyName: "nlctrl"), count: size)
        try printBatchLatencies(batches: batches, size: size) {
            var answered = 0
            try client.getfamily(
                many: requests,
                eachBorrowed: { _, reply, _ in if reply.familyId != nil { answered &+= 1 } },
                failure: { _, error in throw error })
            return answered
        }
    }
}
