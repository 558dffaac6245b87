import Netlink

extension FamilySchema {
    /// The attribute at `offset` in a request the kernel refused, as the kernel's YNL
    /// tools name it: the spec's names from the top set down, each after a dot
    /// (`.header.dev-index`). Nil when the offset points at no attribute the schema knows.
    ///
    /// - Parameters:
    ///   - request: the whole request message, `nlmsghdr` (16 bytes) first.
    ///   - offset: the extended ACK's `NLMSGERR_ATTR_OFFS`, from the start of `nlmsghdr`.
    ///   - set: the request's top-level attribute set.
    ///   - headerLength: the bytes between `nlmsghdr` and the attributes (`genlmsghdr` and
    ///     any fixed header).
    public func attributePath(
        in request: [UInt8], at offset: Int, set: String, headerLength: Int = GenericNetlinkHeader.length
    ) -> String? {
        guard request.count >= 16 + headerLength else { return nil }
        return walk(request[(16 + headerLength)...], set: set) { start, _, path in start == offset ? path : nil }
    }

    /// The name of the attribute type `type` found missing from the nest at `nestOffset`
    /// (nil: from the top level), as `.path.to.nest.name`.
    public func missingAttributePath(
        in request: [UInt8], type: UInt16, nestOffset: Int?, set: String,
        headerLength: Int = GenericNetlinkHeader.length
    ) -> String? {
        guard let nestOffset else {
            return sets[set]?.attributes[type].map { ".\($0.name)" }
        }
        guard request.count >= 16 + headerLength else { return nil }
        return walk(request[(16 + headerLength)...], set: set) { start, attribute, path in
            guard start == nestOffset, let inner = attribute.nestedSet,
                let missing = sets[inner]?.attributes[type]
            else { return nil }
            return "\(path).\(missing.name)"
        }
    }

    /// Walks the attributes of `set` in `bytes`, descending into nests, and returns the
    /// first non-nil answer of `visit(the attribute's offset, its schema, its path)`.
    /// Offsets are indexes into the whole request (slices keep them).
    private func walk(
        _ bytes: ArraySlice<UInt8>, set: String, prefix: String = "",
        _ visit: (Int, AttributeSchema, String) -> String?
    ) -> String? {
        guard let setSchema = sets[set] else { return nil }
        var attributes = AttributeDecoder(bytes)
        while let attribute = attributes.next() {
            guard let schema = setSchema.attributes[attribute.type] else { continue }
            let path = "\(prefix).\(schema.name)"
            // The payload's slice starts after the 4-byte nlattr.
            if let answer = visit(attribute.payload.startIndex - 4, schema, path) { return answer }
            if let inner = schema.nestedSet, schema.kind == .nest,
                let answer = walk(attribute.payload, set: inner, prefix: path, visit)
            {
                return answer
            }
        }
        return nil
    }
}

extension NetlinkError {
    /// The same error with the operation and its attributes named from `schema`: the
    /// attribute the kernel pointed at and the one it found missing, located in
    /// `request` (the whole request message as sent).
    public func naming(
        operation: String, request: [UInt8], set: String, schema: FamilySchema,
        headerLength: Int = GenericNetlinkHeader.length
    ) -> NetlinkError {
        var named = self
        named.operation = operation
        if let offset = offendingAttributeOffset {
            named.offendingAttribute = schema.attributePath(
                in: request, at: Int(offset), set: set, headerLength: headerLength)
        }
        if let missing = missingAttribute {
            named.missingAttributeName = schema.missingAttributePath(
                in: request, type: missing.type, nestOffset: missing.nestOffset.map(Int.init), set: set,
                headerLength: headerLength)
        }
        return named
    }
}
