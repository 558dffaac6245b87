import NetlinkSpec

/// Each attribute's `nla_policy` entry from its type and `checks`, in the forms Linux 6.1
/// has (`NLA_POLICY_MIN/MAX/RANGE`, `FULL_RANGE(_SIGNED)` past 16 bits, `MASK`, lengths,
/// nests, sparse enums by callback).
extension KernelCodeGenerator {
    /// `CONST`, `U32_MAX`, or the number with the C suffix the kernel's generator gives it.
    func limitText(_ limit: IntegerOrName, _ signed: Bool) -> String {
        switch limit {
        case .integer(let value): return "\(value)\(signed ? "LL" : "ULL")"
        case .name(let name): return limitName(name)
        }
    }

    func limitName(_ name: String) -> String {
        if let (definition, _) = spec.integerConstant(named: name) { return names.constant(definition) }
        return CNames.upper(name)
    }

    func lengthText(_ length: IntegerOrName) -> String {
        switch length {
        case .integer(let value): return "\(value)"
        case .name(let text):
            if text.hasSuffix(" - 1") { return limitName(String(text.dropLast(4))) + " - 1" }
            return limitName(text)
        }
    }

    /// The policy entry of one attribute, or nil for pad and unused ones.
    func policyEntry(_ attribute: Attribute, _ plan: Plan) throws(SpecError) -> String? {
        let checks = attribute.checks
        switch attribute.type {
        case .pad, .unused:
            return nil
        case .flag:
            return "{ .type = NLA_FLAG, }"
        case .string:
            if let exact = checks.exactLength { return "NLA_POLICY_EXACT_LEN(\(lengthText(exact)))" }
            let type = checks.unterminatedOK ? "NLA_STRING" : "NLA_NUL_STRING"
            if let maximum = checks.maxLength { return "{ .type = \(type), .len = \(lengthText(maximum)), }" }
            return "{ .type = \(type), }"
        case .binary:
            if let exact = checks.exactLength { return "NLA_POLICY_EXACT_LEN(\(lengthText(exact)))" }
            if let minimum = checks.minLength { return "NLA_POLICY_MIN_LEN(\(lengthText(minimum)))" }
            // NLA_BINARY's .len is its maximum (NLA_POLICY_MAX_LEN is 6.2+).
            if let maximum = checks.maxLength { return "{ .type = NLA_BINARY, .len = \(lengthText(maximum)), }" }
            // A struct's size is known from the spec (C never sees the struct).
            if let structName = attribute.structName, let size = spec.structSize(structName) {
                return "NLA_POLICY_EXACT_LEN(\(size))"
            }
            return "{ .type = NLA_BINARY, }"
        case .nest:
            return "NLA_POLICY_NESTED(\(nestedPolicyName(attribute.nestedAttributes!)))"
        case .indexedArray:
            guard attribute.subType == .nest, let nested = attribute.nestedAttributes else {
                throw attribute.location.error(
                    "an indexed-array of \(attribute.subType?.rawValue ?? "?") in a request has no kernel policy type")
            }
            return "NLA_POLICY_NESTED_ARRAY(\(nestedPolicyName(nested)))"
        case .nestTypeValue:
            throw attribute.location.error("a nest-type-value attribute in a request has no kernel policy type")
        case .bitfield32:
            guard let enumName = attribute.enumName, let definition = spec.definition(named: enumName) else {
                throw attribute.location.error("a bitfield32 attribute in a request needs an enum for its mask")
            }
            return "NLA_POLICY_BITFIELD32(\(definition.mask(asFlags: true)))"
        default:
            return integerPolicy(attribute, plan)
        }
    }

    func integerPolicy(_ attribute: Attribute, _ plan: Plan) -> String {
        var base = "NLA_" + attribute.type.rawValue.uppercased()
        if attribute.byteOrder == .bigEndian, attribute.type == .u16 || attribute.type == .u32 {
            base = attribute.type == .u16 ? "NLA_BE16" : "NLA_BE32"
        }
        let checks = plan.integerChecks(attribute)
        if let mask = checks.mask {
            return "NLA_POLICY_MASK(\(base), 0x\(String(mask, radix: 16)))"
        }
        if let range = plan.ranges.first(where: { $0.attribute == attribute }) {
            let macro = attribute.type.isSigned ? "NLA_POLICY_FULL_RANGE_SIGNED" : "NLA_POLICY_FULL_RANGE"
            return "\(macro)(\(base), &\(range.name))"
        }
        let signed = attribute.type.isSigned
        switch (checks.min, checks.max) {
        case (let minimum?, let maximum?):
            return "NLA_POLICY_RANGE(\(base), \(limitText(minimum, signed, small: true)), \(limitText(maximum, signed, small: true)))"
        case (let minimum?, nil):
            return "NLA_POLICY_MIN(\(base), \(limitText(minimum, signed, small: true)))"
        case (nil, let maximum?):
            return "NLA_POLICY_MAX(\(base), \(limitText(maximum, signed, small: true)))"
        case (nil, nil):
            if let sparse = plan.sparseEnums.first(where: { $0.attribute == attribute }) {
                return "NLA_POLICY_VALIDATE_FN(\(base), &\(sparse.name)_validate)"
            }
            return "{ .type = \(base), }"
        }
    }

    /// Limits that fit `nla_policy`'s 16-bit min/max are written as the spec gives them.
    func limitText(_ limit: IntegerOrName, _ signed: Bool, small: Bool) -> String {
        if case .integer(let value) = limit { return "\(value)" }
        return limitText(limit, signed)
    }
}
