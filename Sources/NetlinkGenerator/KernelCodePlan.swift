import NetlinkSpec

extension KernelCodeGenerator {
    /// What the tables need, worked out once: the request attributes of each command, the
    /// nested sets they reach, ranges too wide for `nla_policy`, sparse enums, and the
    /// kernel versions the constructs need.
    struct Plan {
        struct Command {
            var operation: Operation
            var set: AttributeSet
            /// The do request's attributes, then the dump request's not already listed.
            var attributes: [Attribute]
        }

        struct Range {
            var attribute: Attribute
            var name: String
        }

        struct SparseEnum {
            var attribute: Attribute
            var definition: Definition
            var name: String
        }

        struct IntegerChecks {
            var min: IntegerOrName?
            var max: IntegerOrName?
            var mask: UInt64?
        }

        let spec: Spec
        var commands: [Command] = []
        /// Nested sets reachable from requests, sorted by name as the kernel's generator sorts them.
        var nestedSets: [AttributeSet] = []
        var ranges: [Range] = []
        var sparseEnums: [SparseEnum] = []
        var requirements: [(version: (major: Int, minor: Int), reason: String)] = []
        /// The first command validated strictly; those below keep their `dont-validate`.
        var resvStartOp = 0

        init(_ generator: KernelCodeGenerator) throws(SpecError) {
            spec = generator.spec
            for operation in spec.operations.list where operation.doMode != nil || operation.dumpMode != nil {
                if let mode = operation.doMode, mode.pre != nil || mode.post != nil {
                    throw operation.location.error(
                        "do pre/post hooks need split ops (Linux 6.2+); the generated genl_ops tables cannot carry them",
                        key: "do")
                }
                let set = spec.attributeSet(named: operation.attributeSet!)!
                var attributes: [Attribute] = []
                for name in (operation.doMode?.request?.attributes ?? []) + (operation.dumpMode?.request?.attributes ?? [])
                where !attributes.contains(where: { $0.name == name }) {
                    attributes.append(set.attribute(named: name)!)
                }
                commands.append(Command(operation: operation, set: set, attributes: attributes))
                if !operation.dontValidate.isEmpty, let value = operation.requestValue {
                    resvStartOp = max(resvStartOp, value + 1)
                }
            }
            // Nested sets reachable from request attributes.
            var pending = commands.flatMap(\.attributes)
            var nestedNames: Set<String> = []
            while let attribute = pending.popLast() {
                guard let nested = attribute.nestedAttributes, [.nest, .indexedArray].contains(attribute.type),
                    nestedNames.insert(nested).inserted, let set = spec.attributeSet(named: nested)
                else { continue }
                pending += set.attributes
            }
            nestedSets = nestedNames.sorted().compactMap { spec.attributeSet(named: $0) }
            let requestAttributes = commands.flatMap { command in command.attributes.map { ($0, command.set) } }
                + nestedSets.flatMap { set in set.attributes.map { ($0, set) } }
            let names = generator.names
            for (attribute, set) in requestAttributes {
                let cName = CNames.lower(names.attribute(attribute, in: set))
                if attribute.type.isInteger {
                    let checks = integerChecks(attribute)
                    if checks.mask == nil, needsFullRange(attribute, checks),
                        !ranges.contains(where: { $0.name == cName + "_range" })
                    {
                        ranges.append(Range(attribute: attribute, name: cName + "_range"))
                    }
                    if checks.min == nil, checks.max == nil, checks.mask == nil,
                        let enumName = attribute.enumName, let definition = spec.definition(named: enumName),
                        definition.kind == .enum, !attribute.enumAsFlags, definition.contiguousRange == nil,
                        !sparseEnums.contains(where: { $0.attribute == attribute })
                    {
                        sparseEnums.append(SparseEnum(attribute: attribute, definition: definition, name: cName))
                    }
                }
                if attribute.type == .uint || attribute.type == .sint {
                    require((6, 7), "\(attribute.type.rawValue) attributes (NLA_\(attribute.type.rawValue.uppercased()))")
                }
            }
            if spec.kernelSocketPrivate != nil {
                throw SpecLocation(file: spec.source, path: "kernel-family.sock-priv").error(
                    "per-socket private data (Linux 6.12's sock_priv) is not generated for genl_ops tables")
            }
        }

        private mutating func require(_ version: (Int, Int), _ reason: String) {
            if !requirements.contains(where: { $0.reason == reason }) { requirements.append((version, reason)) }
        }

        /// The spec's checks, plus those an enum implies (its lowest and highest value),
        /// or a mask for flags, as the kernel's generator derives them.
        func integerChecks(_ attribute: Attribute) -> IntegerChecks {
            var checks = IntegerChecks(min: attribute.checks.min, max: attribute.checks.max)
            if let mask = attribute.checks.flagsMask, let definition = spec.definition(named: mask) {
                checks.mask = definition.mask()
                return checks
            }
            guard let enumName = attribute.enumName, let definition = spec.definition(named: enumName) else {
                return checks
            }
            if definition.kind == .flags || attribute.enumAsFlags {
                checks.mask = definition.mask(asFlags: attribute.enumAsFlags)
                return checks
            }
            if let range = definition.contiguousRange {
                if checks.min == nil, range.lowerBound != 0 || attribute.type.isSigned {
                    checks.min = .integer(range.lowerBound)
                }
                if checks.max == nil { checks.max = .integer(range.upperBound) }
            }
            return checks
        }

        /// `nla_policy`'s min and max are 16-bit signed: wider limits need a range struct.
        private func needsFullRange(_ attribute: Attribute, _ checks: IntegerChecks) -> Bool {
            let values = [checks.min, checks.max].compactMap { $0.flatMap(spec.limit) }
            return values.contains { $0 < -32768 || $0 > 32767 }
        }
    }
}

