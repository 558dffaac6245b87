import NetlinkSpec

/// The client: a method per `do` and per `dump` over `GenericNetlinkClient`.
extension SwiftClientGenerator {
    func writeClient(_ out: inout SwiftWriter) throws(SpecError) {
        out.line("/// A client of the `\(spec.name)` family: one socket, a method per operation.")
        out.line("///")
        out.line("///     let client = try \(clientName)()")
        out.line("///")
        out.line("/// Requests are typed by the spec; the kernel's refusals are thrown as `NetlinkError`")
        out.line("/// with the operation and the attribute it points at named (`.msg`). A client is for")
        out.line("/// one caller at a time, and not for use inside its own dump's closure.")
        out.open("public struct \(clientName)<Transport: NetlinkTransport & ~Copyable>")
        out.line("public let base: GenericNetlinkClient<Transport>")
        out.blank()
        out.line("/// Resolves the family over `connection`; throws `FamilyNotFoundError` when the kernel")
        out.line("/// does not have it (its module is not loaded).")
        out.open("public init(connection: consuming GenericNetlinkConnection<Transport>) throws")
        out.line("base = try GenericNetlinkClient(")
        out.line("    familyName: \(namespace).familyName, version: \(namespace).familyVersion,")
        out.line("    schema: \(namespace).schema, connection: connection)")
        out.close()
        for operation in spec.operations.list {
            guard let setName = operation.attributeSet, operation.requestValue != nil else { continue }
            let setType = types.set(setName)
            let command = "\(namespace).Command.\(SwiftNames.lowerCamel(operation.name))"
            let method = SwiftNames.lowerCamel(operation.name)
            let arguments = "\(command), operation: \(SwiftNames.literal(operation.name)), set: \(SwiftNames.literal(setName))"
            if let doMode = operation.doMode {
                let request = "\(namespace).\(requestName(operation, dump: false))"
                out.blank()
                out.lines(SwiftNames.docLines(operation.doc, indent: ""))
                if doMode.reply != nil {
                    out.open("@inlinable public func \(method)(_ request: \(request) = .init()) throws -> \(setType)")
                    out.line("try base.request(\(arguments), { try request.encode(to: &$0) }) { _, attributes in")
                    out.line("    try \(setType)(attributes: attributes)")
                    out.line("}")
                    out.close()
                    out.blank()
                    out.line("/// `\(SwiftNames.bare(method))` with the reply read in place: `body` gets it and the attributes")
                    out.line("/// its ranges point into, borrowed for the call.")
                    // Always inlined, as the borrowed forms are for hot paths: the caller's
                    // closure then runs inside the receive loop instead of being called.
                    out.open(
                        "@inlinable @inline(__always) public func \(method)<Result>(_ request: \(request) = .init(), borrowing body: (\(setType).Borrowed, RawSpan) throws -> Result) throws -> Result")
                    out.line("try base.request(\(arguments), { try request.encode(to: &$0) }) { _, attributes in")
                    out.line("    try body(\(setType).Borrowed(\(layoutLabel(operation, dump: false) ?? "attributes"): attributes), attributes)")
                    out.line("}")
                    out.close()
                } else {
                    out.line("/// The kernel answers with an acknowledgement only.")
                    out.open("@inlinable public func \(method)(_ request: \(request) = .init()) throws")
                    out.line("try base.requestAcknowledged(\(arguments)) { try request.encode(to: &$0) }")
                    out.close()
                }
                writeBatchMethods(method, request: request, setType: setType, arguments: arguments, hasReply: doMode.reply != nil, layout: layoutLabel(operation, dump: false), &out)
            }
            if operation.dumpMode != nil {
                let request = "\(namespace).\(requestName(operation, dump: true))"
                let dumpMethod = "dump" + SwiftNames.upperCamel(operation.name)
                out.blank()
                out.lines(SwiftNames.docLines(operation.doc, indent: ""))
                out.line("/// Dumped: `body` gets each message as it arrives (nothing is held). If `body` throws,")
                out.line("/// the rest is drained and its error rethrown; an interrupted dump (`NLM_F_DUMP_INTR`)")
                out.line("/// is delivered completely, then thrown as `DumpInterruptedError`.")
                out.open(
                    "@inlinable public func \(dumpMethod)(_ request: \(request) = .init(), each body: (\(setType)) throws -> Void) throws")
                out.line("try base.dump(\(arguments), element: \(setType).self, { try request.encode(to: &$0) }) { _, attributes in")
                out.line("    try body(\(setType)(attributes: attributes))")
                out.line("}")
                out.close()
                out.blank()
                out.line("/// `\(dumpMethod)` with each message read in place: `body` gets it and the attributes")
                out.line("/// its ranges point into, borrowed for the call.")
                out.open(
                    "@inlinable @inline(__always) public func \(dumpMethod)(_ request: \(request) = .init(), eachBorrowed body: (\(setType).Borrowed, RawSpan) throws -> Void) throws")
                out.line("try base.dump(\(arguments), element: \(setType).self, { try request.encode(to: &$0) }) { _, attributes in")
                out.line("    try body(\(setType).Borrowed(\(layoutLabel(operation, dump: true) ?? "attributes"): attributes), attributes)")
                out.line("}")
                out.close()
                out.blank()
                out.line("/// `\(dumpMethod)`, collected. An interrupted dump is issued again as `retry` allows, then")
                out.line("/// thrown as `DumpInterruptedError` with the last attempt's messages.")
                out.open(
                    "public func \(dumpMethod)All(_ request: \(request) = .init(), retry: DumpRetryPolicy = .never) throws -> [\(setType)]")
                out.line("var attempt = 1")
                out.open("while true")
                out.line("var messages: [\(setType)] = []")
                out.open("do")
                out.line("try \(dumpMethod)(request) { messages.append($0) }")
                out.line("return messages")
                out.reopen("} catch let interrupted as DumpInterruptedError<\(setType)>")
                out.line("guard attempt < retry.maximumAttempts else { throw interrupted.withPartialResults(messages) }")
                out.line("attempt += 1")
                out.close()
                out.close()
                out.close()
            }
        }
        out.close()
        out.blank()
        out.open("extension \(clientName) where Transport == NetlinkSocket")
        out.line("/// Opens a netlink socket and resolves the family.")
        out.open("public init() throws")
        out.line("try self.init(connection: GenericNetlinkConnection())")
        out.close()
        out.close()
    }
}
