import CommandLineParsing
import CommandLineSupport

/// Batches are the raw backend's: libnl sends one request at a time.
func requireRawBackend(_ arguments: ParsedArguments, for command: String) throws(CommandLineError) {
    guard try Backend(arguments) == .raw else {
        throw CommandLineError("\(command) needs --backend raw: libnl has no batches", subcommand: command)
    }
}

/// SIZE, at least one request.
func batchSize(_ arguments: ParsedArguments, for command: String) throws(CommandLineError) -> Int {
    let size = Int(try arguments.required("SIZE", as: UInt32.self))
    guard size > 0 else { throw CommandLineError("SIZE must be at least 1", subcommand: command) }
    return size
}

/// Times `batches` calls of `batch`, each returning how many of its `size` requests had
/// the reply asked for; prints each call's ns, then checks that every request had one.
// Always inlined, as printLatencies: the batch then runs inside the timing loop.
@inline(__always)
func printBatchLatencies(batches: Int, size: Int, _ batch: () throws -> Int) throws {
    var answered = 0
    try printLatencies(iterations: batches) { answered &+= try batch() }
    guard answered == batches &* size else {
        throw MissingAnswersError(answered: answered, expected: batches &* size)
    }
}

/// Some request of a batch had no reply, or not the one asked for.
struct MissingAnswersError: Error, CustomStringConvertible {
    var answered: Int, expected: Int
    var description: String { "\(answered) answers to \(expected) requests" }
}
