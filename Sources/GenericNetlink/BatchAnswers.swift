import Netlink

/// The answers of a batch, by request index, as they arrive: a reply or the kernel's
/// refusal for each (generated clients' `…(many:)` methods collect them here).
public struct BatchAnswers<Reply> {
    @usableFromInline var answers: [Result<Reply, NetlinkError>?]

    @inlinable
    public init(count: Int) {
        answers = Array(repeating: nil, count: count)
    }

    @inlinable
    public mutating func set(_ index: Int, _ answer: Result<Reply, NetlinkError>) {
        answers[index] = answer
    }

    /// Every answer, in the order of the requests; throws if one is missing (a kernel
    /// that answered a request twice and another not at all).
    @inlinable
    public func collected() throws -> [Result<Reply, NetlinkError>] {
        try answers.enumerated().map { index, answer in
            guard let answer else { throw MalformedMessageError("no answer to request \(index) of a batch") }
            return answer
        }
    }
}
