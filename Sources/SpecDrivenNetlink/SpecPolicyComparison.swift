import GenericNetlink
import NetlinkSpec

/// Compares what a spec says a family accepts with what the running kernel's policies
/// (`CTRL_CMD_GETPOLICY`) accept, command by command and mode by mode: which attributes,
/// their types, integer ranges and masks, string and binary lengths, and nests within.
///
/// What the kernel's dump cannot show is not counted against the spec: `NLA_BE16`/`NLA_BE32`
/// (big-endian) attributes, `pad` and `unused` ones are left out of the dump, and a range
/// checked by a function (a sparse enum's) is not reported.
public struct SpecPolicyComparison {
    public let spec: Spec
    public let policies: KernelPolicies

    public init(spec: Spec, policies: KernelPolicies) {
        self.spec = spec
        self.policies = policies
    }

    public var family: GenericNetlinkFamily { policies.family }

    /// Every difference, in the spec's order of operations, then commands the spec lacks.
    public func differences() -> [PolicyDifference] {
        var found: [PolicyDifference] = []
        var described: Set<UInt32> = []
        for operation in spec.operations.list where !operation.isNotification {
            guard operation.doMode != nil || operation.dumpMode != nil, let value = operation.requestValue else { continue }
            let command = UInt32(value)
            described.insert(command)
            let kernel = family.operations.first { $0.command == command }
            for (mode, specMode, capability) in [
                (OperationMode.do, operation.doMode, GenericNetlinkFamily.OperationFlags.canDo),
                (.dump, operation.dumpMode, .canDump),
            ] {
                let kernelHas = kernel?.flags.contains(capability) ?? false
                switch (specMode, kernelHas) {
                case (nil, false):
                    continue
                case (nil, true):
                    found.append(difference(.extraCommand, operation, mode, "", "the kernel implements \(mode.rawValue) too"))
                case (_?, false):
                    var what = kernel == nil ? "the kernel has no command \(command)" : "the kernel's command \(command) has no \(mode.rawValue)"
                    if let condition = operation.configCondition { what += " (the spec says it needs CONFIG_\(condition.uppercased().replacingOccurrences(of: "-", with: "_")))" }
                    found.append(difference(.missingCommand, operation, mode, "", what))
                case (let specMode?, true):
                    found += compareRequest(operation, mode: mode, attributes: specMode.request?.attributes ?? [], command: command)
                }
            }
        }
        for kernel in family.operations where !described.contains(kernel.command) {
            let modes = [(GenericNetlinkFamily.OperationFlags.canDo, "do"), (.canDump, "dump")]
                .filter { kernel.flags.contains($0.0) }.map(\.1).joined(separator: ", ")
            found.append(PolicyDifference(
                kind: .extraCommand, operation: "command \(kernel.command)", mode: nil, path: "",
                detail: "the kernel implements it (\(modes.isEmpty ? "no do or dump" : modes)), the spec has no operation for it",
                location: nil))
        }
        return found
    }

    private func compareRequest(_ operation: Operation, mode: OperationMode, attributes names: [String], command: UInt32) -> [PolicyDifference] {
        guard let set = operation.attributeSet.flatMap(spec.attributeSet(named:)) else { return [] }
        let listed = names.compactMap(set.attribute(named:))
        guard let rules = policies.rules(ofCommand: command, mode: mode) else {
            let checked = listed.filter(isVisibleInPolicies)
            guard !checked.isEmpty else { return [] }
            return [difference(
                .noPolicy, operation, mode, "",
                "the spec lists \(checked.map(\.name).joined(separator: ", ")), the kernel has no policy for this request (attributes go unchecked)")]
        }
        var context = Context(operation: operation, mode: mode, policy: policies.policies(ofCommand: command), visited: [])
        return compare(listed, of: set, with: rules, path: "", context: &context)
    }

    /// Per comparison: where it is, and the (set, policy) pairs already compared, as nests
    /// may hold themselves.
    private struct Context {
        let operation: Operation
        let mode: OperationMode
        /// Where the command's nested policy indexes point.
        let policy: FamilyPolicy
        var visited: Set<String>
    }

    /// `attributes`: what the request lists at the top, a nested set's every attribute
    /// below (the kernel's generator writes nested policies for whole sets).
    private func compare(
        _ attributes: [Attribute], of set: AttributeSet, with rules: [UInt16: AttributePolicy], path: String,
        context: inout Context
    ) -> [PolicyDifference] {
        var found: [PolicyDifference] = []
        for attribute in attributes where isVisibleInPolicies(attribute) {
            let attributePath = "\(path).\(attribute.name)"
            guard let rule = rules[UInt16(attribute.value)] else {
                found.append(difference(
                    .missingAttribute, context, attributePath, "the spec lists it (\(attribute.type.rawValue)), the kernel's policy does not accept it",
                    at: attribute.location))
                continue
            }
            found += compare(attribute, with: rule, path: attributePath, context: &context)
        }
        let listedValues = Set(attributes.map { UInt16($0.value) })
        for (type, rule) in rules.sorted(by: { $0.key < $1.key }) where !listedValues.contains(type) {
            let known = set.attribute(withValue: Int(type))
            let name = known.map { "\(path).\($0.name)" } ?? "\(path).\(type)"
            let what = known == nil
                ? "the kernel accepts attribute \(type) (\(rule.summary)), unknown to the spec's set \(set.name)"
                : "the kernel accepts it (\(rule.summary)), the spec's request does not list it"
            found.append(difference(.extraAttribute, context, name, what, at: known?.location ?? context.operation.location))
        }
        return found
    }

    private func compare(_ attribute: Attribute, with rule: AttributePolicy, path: String, context: inout Context) -> [PolicyDifference] {
        var found: [PolicyDifference] = []
        let expected = expectedType(of: attribute)
        guard rule.attributeType == expected else {
            let kernel = rule.attributeType?.name ?? "type \(rule.type)"
            return [difference(
                .type, context, path, "\(expected?.name ?? attribute.type.rawValue) in the spec, \(kernel) in the kernel",
                at: attribute.location)]
        }
        if let format = IntegerFormat(attribute.type, byteOrder: attribute.byteOrder) {
            let limits = specLimits(of: attribute, format: format)
            let kernel = KernelLimits(rule)
            if limits != kernel {
                found.append(difference(
                    .range, context, path, "\(limits.text(for: format)) in the spec, \(kernel.text(for: format)) in the kernel",
                    at: attribute.location))
            }
        }
        if attribute.type == .string || attribute.type == .binary {
            let specLengths = lengths(of: attribute)
            let kernelLengths = (minimum: rule.minimumLength.map(Int.init), maximum: rule.maximumLength.map(Int.init))
            if specLengths.minimum != kernelLengths.minimum || specLengths.maximum != kernelLengths.maximum {
                found.append(difference(
                    .length, context, path,
                    "\(Self.lengthText(specLengths)) in the spec, \(Self.lengthText(kernelLengths)) in the kernel",
                    at: attribute.location))
            }
        }
        if let nestedName = attribute.nestedAttributes, let nested = spec.attributeSet(named: nestedName),
            let index = rule.nestedPolicy, context.visited.insert("\(nestedName)@\(index)").inserted
        {
            let inner = context.policy.policies[index] ?? [:]
            found += compare(nested.attributes, of: nested, with: inner, path: path, context: &context)
        }
        return found
    }

    /// The type the kernel's policy dump reports for a spec attribute, as the kernel's
    /// generator writes the policy.
    private func expectedType(of attribute: Attribute) -> PolicyAttributeType? {
        switch attribute.type {
        case .string: attribute.checks.unterminatedOK ? .string : .nulString
        case .binary: .binary
        case .flag: .flag
        case .nest: .nested
        case .indexedArray: .nestedArray
        case .bitfield32: .bitfield32
        default: PolicyAttributeType.allCases.first { $0.name == attribute.type.rawValue }
        }
    }

    /// Whether the kernel's policy dump shows the attribute at all.
    private func isVisibleInPolicies(_ attribute: Attribute) -> Bool {
        switch attribute.type {
        case .pad, .unused, .nestTypeValue: return false
        case .u16, .u32: return attribute.byteOrder != .bigEndian  // NLA_BE16/NLA_BE32 are not dumped
        default: return true
        }
    }

    /// What a spec's checks allow an integer, as the kernel's generator turns them into a
    /// policy: a mask for flags, a range for the rest (an enum's values when not given),
    /// no range for a sparse enum (a validation function).
    private func specLimits(of attribute: Attribute, format: IntegerFormat) -> KernelLimits {
        let definition = attribute.enumName.flatMap(spec.definition(named:))
        if let maskName = attribute.checks.flagsMask, let flags = spec.definition(named: maskName) {
            return KernelLimits(mask: flags.mask())
        }
        if let definition, definition.kind == .flags || attribute.enumAsFlags {
            return KernelLimits(mask: definition.mask(asFlags: true))
        }
        var minimum = attribute.checks.min.flatMap(spec.limit)
        var maximum = attribute.checks.max.flatMap(spec.limit)
        if let definition {
            guard let range = definition.contiguousRange else { return KernelLimits() }  // sparse: a function
            if minimum == nil, range.lowerBound != 0 || format.isSigned { minimum = Int128(range.lowerBound) }
            if maximum == nil { maximum = Int128(range.upperBound) }
        }
        return KernelLimits(minimum: minimum ?? format.range.lowerBound, maximum: maximum ?? format.range.upperBound)
    }

    /// A string's or binary's length limits as the kernel's generator writes them.
    private func lengths(of attribute: Attribute) -> (minimum: Int?, maximum: Int?) {
        let checks = attribute.checks
        if let exact = checks.exactLength.flatMap(spec.length) { return (exact, exact) }
        let maximum = checks.maxLength.flatMap(spec.length)
        guard attribute.type == .binary else { return (nil, maximum) }  // min-len: not for strings
        return (checks.minLength.flatMap(spec.length).flatMap { $0 == 0 ? nil : $0 }, maximum)
    }

    private static func lengthText(_ lengths: (minimum: Int?, maximum: Int?)) -> String {
        switch (lengths.minimum, lengths.maximum) {
        case (nil, nil): "no length limit"
        case (let minimum?, nil): "at least \(minimum) bytes"
        case (nil, let maximum?): "at most \(maximum) bytes"
        case (let minimum?, let maximum?): minimum == maximum ? "exactly \(minimum) bytes" : "\(minimum) to \(maximum) bytes"
        }
    }

    private func difference(
        _ kind: PolicyDifference.Kind, _ operation: Operation, _ mode: OperationMode?, _ path: String, _ detail: String
    ) -> PolicyDifference {
        PolicyDifference(kind: kind, operation: operation.name, mode: mode, path: path, detail: detail, location: operation.location)
    }

    private func difference(
        _ kind: PolicyDifference.Kind, _ context: Context, _ path: String, _ detail: String, at location: SpecLocation
    ) -> PolicyDifference {
        PolicyDifference(
            kind: kind, operation: context.operation.name, mode: context.mode, path: path, detail: detail, location: location)
    }
}

/// An integer's limits as a policy states them: a range, a mask, or neither (checked by a
/// function, or not at all).
private struct KernelLimits: Equatable {
    var minimum: Int128?
    var maximum: Int128?
    var mask: UInt64?

    init(minimum: Int128? = nil, maximum: Int128? = nil, mask: UInt64? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.mask = mask
    }

    init(_ rule: AttributePolicy) {
        self.init(minimum: rule.minimumValue, maximum: rule.maximumValue, mask: rule.mask)
    }

    func text(for format: IntegerFormat) -> String {
        if let mask { return "mask 0x\(String(mask, radix: 16))" }
        guard let minimum, let maximum else { return "no range or mask" }
        if minimum == format.range.lowerBound && maximum == format.range.upperBound { return "any \(format.name)" }
        return "\(minimum)...\(maximum)"
    }
}
