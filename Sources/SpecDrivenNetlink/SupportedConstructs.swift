import NetlinkSpec

extension SpecCodec {
    /// Refuses, before anything is sent, what the codec cannot encode or decode for
    /// `operation`: its fixed header, the attributes its requests and replies list, and
    /// everything nested in them. The error names the construct and its place in the spec.
    public func checkSupported(_ operation: Operation) throws(SpecError) {
        if let header = fixedHeader(of: operation) {
            try StructValues(spec: spec, definition: header).checkSupported()
        }
        guard let set = attributeSet(of: operation) else { return }
        let modes = [operation.doMode, operation.dumpMode].compactMap { $0 }
        var listed = modes.flatMap { [$0.request, $0.reply].compactMap { $0?.attributes } }.flatMap { $0 }
        listed += operation.event ?? []
        if let notified = operation.notify.flatMap(spec.operations.operation(named:)) {
            listed += notified.doMode?.reply?.attributes ?? []
        }
        var visited: Set<String> = []
        for attribute in set.attributes where listed.contains(attribute.name) {
            try checkSupported(attribute, visiting: &visited)
        }
    }

    /// Checks `attribute` and every set nested in it, each set once.
    private func checkSupported(_ attribute: Attribute, visiting visited: inout Set<String>) throws(SpecError) {
        try checkSupported(attribute)
        guard [.nest, .indexedArray, .nestTypeValue].contains(attribute.type), let name = attribute.nestedAttributes,
            visited.insert(name).inserted, let inner = sets[name]
        else { return }
        for nested in inner.attributes {
            try checkSupported(nested, visiting: &visited)
        }
    }

    /// What the codec does not do with one attribute (its nested set aside).
    func checkSupported(_ attribute: Attribute) throws(SpecError) {
        switch attribute.type {
        case .nest:
            _ = try nestedSet(of: attribute)
        case .indexedArray:
            guard let subType = attribute.subType else {
                throw attribute.location.error("an indexed-array needs a sub-type")
            }
            switch subType {
            case .nest: _ = try nestedSet(of: attribute)
            case .string, .binary: break
            case _ where subType.isInteger: break
            default:
                throw attribute.location.error(
                    "indexed-array of sub-type \(subType.rawValue) is not supported (nest, string, binary or an integer type are)",
                    key: "sub-type")
            }
        case .nestTypeValue:
            _ = try nestedSet(of: attribute)
            if attribute.typeValue.isEmpty {
                throw attribute.location.error("a nest-type-value needs type-value names", key: "type-value")
            }
        case .binary:
            if let name = attribute.structName {
                guard let definition = spec.definition(named: name), definition.kind == .struct else {
                    throw attribute.location.error("'\(name)' is not a struct definition", key: "struct")
                }
                try StructValues(spec: spec, definition: definition).checkSupported()
            } else if let subType = attribute.subType, !subType.isInteger || subType == .uint || subType == .sint {
                throw attribute.location.error(
                    "binary of sub-type \(subType.rawValue) is not supported (fixed-width integer arrays are)", key: "sub-type")
            }
        default:
            break
        }
    }
}
