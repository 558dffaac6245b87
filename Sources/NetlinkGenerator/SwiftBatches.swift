import NetlinkSpec

/// `…(many:)`: an operation for many requests at once (`GenericNetlinkClient.batch`).
extension SwiftClientGenerator {
    /// `…(many:)`: the operation for many requests at once, sent together and answered in
    /// order (`GenericNetlinkClient.batch`), collected, and for replies a borrowed form.
    func writeBatchMethods(
        _ method: String, request: String, setType: String, arguments: String, hasReply: Bool, layout: String?,
        _ out: inout SwiftWriter
    ) {
        let limit = "limit: Int = NetlinkConnection<Transport>.defaultBatchLimit"
        let call = "try base.batch(\(arguments), count: requests.count,\(hasReply ? "" : " acknowledged: true,") limit: limit, { try requests[$0].encode(to: &$1) },"
        out.blank()
        out.line("/// `\(SwiftNames.bare(method))` for many requests at once: sent together, `limit` per datagram, and answered")
        out.line("/// in order, each with \(hasReply ? "its reply" : "its acknowledgement") or the kernel's refusal of it.")
        let answer = hasReply ? setType : "Void"
        out.open("@inlinable public func \(method)(many requests: [\(request)], \(limit)) throws -> [Result<\(answer), NetlinkError>]")
        out.line("var answers = BatchAnswers<\(answer)>(count: requests.count)")
        out.line(call)
        if hasReply {
            out.line("    reply: { index, _, attributes in answers.set(index, .success(try \(setType)(attributes: attributes))) },")
        } else {
            out.line("    reply: { index, _, _ in answers.set(index, .success(())) },")
        }
        out.line("    failure: { index, error in answers.set(index, .failure(error)) })")
        out.line("return try answers.collected()")
        out.close()
        guard hasReply else { return }
        out.blank()
        out.line("/// `\(SwiftNames.bare(method))(many:)` with each reply read in place: `reply` gets the request's index, the")
        out.line("/// reply and the attributes its ranges point into; `failure` each refusal.")
        out.open(
            "@inlinable @inline(__always) public func \(method)(many requests: [\(request)], \(limit), eachBorrowed reply: (Int, \(setType).Borrowed, RawSpan) throws -> Void, failure: (Int, NetlinkError) throws -> Void) throws")
        out.line(call)
        out.line("    reply: { index, _, attributes in try reply(index, \(setType).Borrowed(\(layout ?? "attributes"): attributes), attributes) },")
        out.line("    failure: failure)")
        out.close()
    }
}
