import GenericNetlink
import Netlink

extension PolicyCodec {
    /// The attribute at `offset` in a refused request, described by the kernel's policy
    /// for want of a spec: `type 1 of command 1's policy: u32, max 10`, or for a nested
    /// one `type 3 in type 1 of command 1's policy: …`. Nil when the offset points at no
    /// attribute the policy knows.
    ///
    /// - Parameters:
    ///   - request: the whole request message, `nlmsghdr` first.
    ///   - offset: the extended ACK's `NLMSGERR_ATTR_OFFS`, from the start of `nlmsghdr`.
    public func describeAttribute(in request: [UInt8], at offset: Int, command: UInt8, mode: OperationMode) -> String? {
        walk(request, command: command, mode: mode) { start, _, rule, path in
            start == offset ? "\(path) of command \(command)'s policy: \(rule.summary)" : nil
        }
    }

    /// The attribute type `type` the kernel found missing from the nest at `nestOffset`
    /// (nil: from the top level), described by the policy.
    public func describeMissingAttribute(
        in request: [UInt8], type: UInt16, nestOffset: Int?, command: UInt8, mode: OperationMode
    ) -> String? {
        guard let nestOffset else {
            let rule = policies.rules(ofCommand: UInt32(command), mode: mode)?[type]
            return "type \(type) of command \(command)'s policy" + (rule.map { ": \($0.summary)" } ?? "")
        }
        let policy = policies.policies(ofCommand: UInt32(command))
        return walk(request, command: command, mode: mode) { start, _, rule, path in
            guard start == nestOffset else { return nil }
            let inner = rule.nestedPolicy.flatMap { policy.policies[$0]?[type] }
            return "type \(type) in \(path) of command \(command)'s policy" + (inner.map { ": \($0.summary)" } ?? "")
        }
    }

    /// Walks the request's attributes with the policy of each level and returns the first
    /// non-nil answer of `visit(offset, type, policy, path)`; the path reads
    /// `type 3 in type 1` from the inside out.
    private func walk(
        _ request: [UInt8], command: UInt8, mode: OperationMode,
        _ visit: (Int, UInt16, AttributePolicy, String) -> String?
    ) -> String? {
        let start = 16 + GenericNetlinkHeader.length
        guard request.count >= start else { return nil }
        return walk(
            request[start...], policy: policies.policies(ofCommand: UInt32(command)),
            index: policies.policyIndex(ofCommand: UInt32(command), mode: mode), outer: nil, visit)
    }

    private func walk(
        _ bytes: ArraySlice<UInt8>, policy: FamilyPolicy, index: UInt32?, outer: String?,
        _ visit: (Int, UInt16, AttributePolicy, String) -> String?
    ) -> String? {
        guard let index, let rules = policy.policies[index] else { return nil }
        var attributes = AttributeDecoder(bytes)
        while let attribute = attributes.next() {
            guard let rule = rules[attribute.type] else { continue }
            let path = "type \(attribute.type)" + (outer.map { " in \($0)" } ?? "")
            // The payload's slice starts after the 4-byte nlattr.
            if let answer = visit(attribute.payload.startIndex - 4, attribute.type, rule, path) { return answer }
            if rule.attributeType == .nested,
                let answer = walk(attribute.payload, policy: policy, index: rule.nestedPolicy, outer: path, visit)
            {
                return answer
            }
        }
        return nil
    }
}

extension NetlinkError {
    /// The same error with its attributes described by the kernel's policy (no spec).
    public func naming(operation: String, request: [UInt8], command: UInt8, mode: OperationMode, codec: PolicyCodec) -> NetlinkError {
        var named = self
        named.operation = operation
        if let offset = offendingAttributeOffset {
            named.offendingAttribute = codec.describeAttribute(in: request, at: Int(offset), command: command, mode: mode)
        }
        if let missing = missingAttribute {
            named.missingAttributeName = codec.describeMissingAttribute(
                in: request, type: missing.type, nestOffset: missing.nestOffset.map(Int.init), command: command, mode: mode)
        }
        return named
    }
}
