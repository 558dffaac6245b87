import NetlinkSpec

/// The module's generated half, `<family>-nl.h` and `<family>-nl.c`, as in-tree families
/// have theirs (`net/core/netdev-genl-gen.c`): attribute policies from the spec's
/// `checks`, the command table, multicast groups and the `genl_family`; the module's own
/// file then holds handlers only.
///
/// The tables are `struct genl_ops` (one per command, one policy per command), which
/// every kernel from 5.10 on takes; split ops arrived in 6.2 and the kit's modules build
/// for 6.1. A command whose do and dump take different attributes gets the union of the
/// two lists. Constructs that need a newer kernel than the one the module is built for
/// are not left to a confusing compile error: the source starts with an `#error` naming
/// the construct and the version.
public struct KernelCodeGenerator {
    let spec: Spec
    let names: CNames
    let context: GenerationContext
    /// How the source includes the header (`#include "<name>"`).
    let headerName: String

    public init(spec: Spec, context: GenerationContext, headerName: String? = nil) {
        self.spec = spec
        names = CNames(spec: spec)
        self.context = context
        self.headerName = headerName ?? "\(CNames.lower(spec.identifierName))-nl.h"
    }

    // MARK: Names

    private var family: String { names.family }
    private var ops: String { "\(family)_nl_ops" }
    private var groups: String { "\(family)_nl_mcgrps" }
    private var familyStruct: String { "\(family)_nl_family" }

    private func handler(_ operation: Operation, _ suffix: String) -> String {
        CNames.lower("\(spec.identifierName)-nl-\(operation.name)-\(suffix)")
    }

    private func policyName(_ operation: Operation) -> String {
        CNames.lower("\(spec.identifierName)_\(operation.name)") + "_nl_policy"
    }

    private func nestedPolicyName(_ setName: String) -> String {
        let base = setName == spec.name ? spec.identifierName : "\(spec.identifierName)_\(setName)"
        return CNames.lower(base) + "_nl_policy"
    }

    private func groupIndex(_ group: MulticastGroup) -> String {
        CNames.upper("\(spec.identifierName)-nlgrp-\(group.name)")
    }

    /// The commands the kernel handles: those with a do or a dump.
    private var commands: [Operation] {
        spec.operations.list.filter { $0.doMode != nil || $0.dumpMode != nil }
    }

    // MARK: Header

    public func generateHeader() throws(SpecError) -> String {
        let plan = try Plan(self)
        var out = CodeWriter()
        for line in context.cBanner(spec, marker: "kernel header") { out.line(line) }
        out.blankLine()
        let guardName = "_LINUX_\(family.uppercased())_GEN_H"
        out.line("#ifndef \(guardName)")
        out.line("#define \(guardName)")
        out.blankLine()
        out.line("#include <net/netlink.h>")
        out.line("#include <net/genetlink.h>")
        out.blankLine()
        writeIncludes(&out)
        if !plan.nestedSets.isEmpty {
            out.line("/* Common nested types */")
            for set in plan.nestedSets {
                out.line("extern const struct nla_policy \(nestedPolicyName(set.name))[\(maxAttribute(of: set)) + 1];")
                out.blankLine()
            }
        }
        out.line("/* Ops table for \(spec.identifierName) */")
        out.line("extern const struct genl_ops \(ops)[\(commands.count)];")
        out.blankLine()
        var hooks: [String] = []
        for operation in commands {
            for hook in [operation.dumpMode?.pre, operation.dumpMode?.post].compactMap({ $0 })
            where !hooks.contains(hook) {
                hooks.append(hook)
                out.line("int \(CNames.lower(hook))(struct netlink_callback *cb);")
            }
        }
        if !hooks.isEmpty { out.blankLine() }
        for operation in commands {
            if operation.doMode != nil {
                writePrototype("int", handler(operation, "doit"), ["struct sk_buff *skb", "struct genl_info *info"], &out)
            }
            if operation.dumpMode != nil {
                writePrototype(
                    "int", handler(operation, "dumpit"), ["struct sk_buff *skb", "struct netlink_callback *cb"], &out)
            }
        }
        out.blankLine()
        if !spec.multicastGroups.isEmpty {
            out.blockStart("enum")
            for group in spec.multicastGroups { out.line(groupIndex(group) + ",") }
            out.blockEnd(";")
            out.blankLine()
        }
        out.line("extern struct genl_family \(familyStruct);")
        out.blankLine()
        out.line("#endif /* \(guardName) */")
        return out.text
    }

    // MARK: Source

    public func generateSource() throws(SpecError) -> String {
        let plan = try Plan(self)
        var out = CodeWriter()
        for line in context.cBanner(spec, marker: "kernel source", isSource: true) { out.line(line) }
        out.blankLine()
        out.line("#include <net/netlink.h>")
        out.line("#include <net/genetlink.h>")
        if !plan.requirements.isEmpty { out.line("#include <linux/version.h>") }
        out.blankLine()
        out.line("#include \"\(headerName)\"")
        out.blankLine()
        writeIncludes(&out)
        for (version, reason) in plan.requirements {
            out.line("#if LINUX_VERSION_CODE < KERNEL_VERSION(\(version.major), \(version.minor), 0)")
            out.line("#error \"\(spec.name): \(reason) needs Linux \(version.major).\(version.minor) or later\"")
            out.line("#endif")
        }
        if !plan.requirements.isEmpty { out.blankLine() }
        if !plan.ranges.isEmpty {
            // Not const: Linux 6.1's nla_policy points at a mutable range (const from 6.2).
            out.line("/* Integer value ranges */")
            for range in plan.ranges {
                let signed = range.attribute.type.isSigned
                out.blockStart(
                    "static struct netlink_range_validation\(signed ? "_signed" : "") \(range.name) __ro_after_init =")
                var members: [(String, String)] = []
                if let minimum = range.attribute.checks.min { members.append(("min", limitText(minimum, signed))) }
                if let maximum = range.attribute.checks.max { members.append(("max", limitText(maximum, signed))) }
                for (name, value) in members { out.line(".\(name) = \(value),") }
                out.blockEnd(";")
                out.blankLine()
            }
        }
        if !plan.sparseEnums.isEmpty {
            out.line("/* Sparse enums validation callbacks */")
            for sparse in plan.sparseEnums { writeSparseValidator(sparse, &out) }
        }
        if !plan.nestedSets.isEmpty {
            out.line("/* Common nested types */")
            for set in plan.nestedSets {
                out.blockStart(
                    "const struct nla_policy \(nestedPolicyName(set.name))[\(maxAttribute(of: set)) + 1] =")
                for attribute in set.attributes {
                    if let entry = try policyEntry(attribute, plan) {
                        out.line("[\(names.attribute(attribute, in: set))] = \(entry),")
                    }
                }
                out.blockEnd(";")
                out.blankLine()
            }
        }
        for command in plan.commands where !command.attributes.isEmpty {
            let set = command.set
            let maxName = names.attribute(command.attributes.max { $0.value < $1.value }!, in: set)
            writeConfigCondition(command.operation, opening: true, &out)
            out.line("/* \(names.command(command.operation)) */")
            out.blockStart("static const struct nla_policy \(policyName(command.operation))[\(maxName) + 1] =")
            for attribute in command.attributes {
                if let entry = try policyEntry(attribute, plan) {
                    out.line("[\(names.attribute(attribute, in: set))] = \(entry),")
                }
            }
            out.blockEnd(";")
            writeConfigCondition(command.operation, opening: false, &out)
            out.blankLine()
        }
        out.line("/* Ops table for \(spec.identifierName) */")
        out.blockStart("const struct genl_ops \(ops)[\(commands.count)] =")
        for command in plan.commands {
            writeConfigCondition(command.operation, opening: true, &out)
            out.blockStart("")
            out.structInitializer(opsMembers(command))
            out.blockEnd(",")
            writeConfigCondition(command.operation, opening: false, &out)
        }
        out.blockEnd(";")
        out.blankLine()
        if !spec.multicastGroups.isEmpty {
            out.blockStart("static const struct genl_multicast_group \(groups)[] =")
            for group in spec.multicastGroups {
                var flags = ""
                if !group.flags.isEmpty { flags = " .flags = \(flagsText(group.flags))," }
                out.line("[\(groupIndex(group))] = { \"\(group.name)\",\(flags) },")
            }
            out.blockEnd(";")
            out.blankLine()
        }
        out.blockStart("struct genl_family \(familyStruct) __ro_after_init =")
        var members: [(String, String)] = [
            ("name", names.familyNameDefine), ("version", names.familyVersionDefine),
            ("netnsok", "true"), ("parallel_ops", "true"), ("module", "THIS_MODULE"),
            ("ops", ops), ("n_ops", "ARRAY_SIZE(\(ops))"),
        ]
        if !spec.multicastGroups.isEmpty {
            members += [("mcgrps", groups), ("n_mcgrps", "ARRAY_SIZE(\(groups))")]
        }
        if plan.resvStartOp > 0 {
            // Commands below it keep their dont-validate leniency (so do their neighbours
            // below): the genetlink core validates strictly from resv_start_op on.
            members.append(("resv_start_op", "\(plan.resvStartOp)"))
        }
        out.structInitializer(members)
        out.blockEnd(";")
        return out.text
    }

    // MARK: Pieces

    private func writeIncludes(_ out: inout CodeWriter) {
        var headers = [names.uapiHeader] + spec.kernelHeaders
        for header in spec.definitions.compactMap(\.header) + spec.attributeSets.compactMap(\.header)
        where !headers.contains(header) {
            headers.append(header)
        }
        for header in headers { out.line("#include <\(header)>") }
        out.blankLine()
    }

    /// A prototype on one line when it fits in 80 columns, else wrapped after a comma with
    /// the arguments aligned under the first, as the kernel's generator does.
    private func writePrototype(
        _ returnType: String, _ name: String, _ arguments: [String], _ out: inout CodeWriter,
        terminator: String = ";"
    ) {
        let oneLine = "\(returnType) \(name)(\(arguments.joined(separator: ", ")))\(terminator)"
        if oneLine.count < 80 {
            out.line(oneLine)
            return
        }
        let opening = "\(returnType) \(name)("
        let alignment = String(repeating: "\t", count: opening.count / 8) + String(repeating: " ", count: opening.count % 8)
        var line = opening
        for (index, argument) in arguments.enumerated() {
            let piece = argument + (index == arguments.count - 1 ? ")" + terminator : ",")
            if line != opening, line.count + 1 + piece.count > 80 {
                out.line(line)
                line = alignment + piece
            } else {
                line += (line == opening ? "" : " ") + piece
            }
        }
        out.line(line)
    }

    private func writeConfigCondition(_ operation: Operation, opening: Bool, _ out: inout CodeWriter) {
        guard let condition = operation.configCondition else { return }
        let option = "CONFIG_" + CNames.upper(condition)
        out.line(opening ? "#ifdef \(option)" : "#endif /* \(option) */")
    }

    private func opsMembers(_ command: Plan.Command) -> [(String, String)] {
        let operation = command.operation
        var members: [(String, String)] = [("cmd", names.command(operation))]
        if !operation.dontValidate.isEmpty {
            let flags = operation.dontValidate.map { value -> String in
                switch value {
                case .strict: "GENL_DONT_VALIDATE_STRICT"
                case .dump: "GENL_DONT_VALIDATE_DUMP"
                case .dumpStrict: "GENL_DONT_VALIDATE_DUMP_STRICT"
                }
            }
            members.append(("validate", flags.joined(separator: " | ")))
        }
        if let start = operation.dumpMode?.pre { members.append(("start", CNames.lower(start))) }
        if operation.doMode != nil { members.append(("doit", handler(operation, "doit"))) }
        if operation.dumpMode != nil { members.append(("dumpit", handler(operation, "dumpit"))) }
        if let done = operation.dumpMode?.post { members.append(("done", CNames.lower(done))) }
        if let maxAttribute = command.attributes.max(by: { $0.value < $1.value }) {
            members.append(("policy", policyName(operation)))
            members.append(("maxattr", names.attribute(maxAttribute, in: command.set)))
        }
        if !operation.flags.isEmpty { members.append(("flags", flagsText(operation.flags))) }
        return members
    }

    private func flagsText(_ flags: [Operation.Flag]) -> String {
        flags.map { $0 == .adminPerm ? "GENL_ADMIN_PERM" : "GENL_UNS_ADMIN_PERM" }.joined(separator: " | ")
    }

    /// The name of the highest attribute of a set, for a nested policy's size.
    private func maxAttribute(of set: AttributeSet) -> String {
        guard let top = set.attributes.max(by: { $0.value < $1.value }) else { return "0" }
        return names.attribute(top, in: set)
    }

    private func writeSparseValidator(_ sparse: Plan.SparseEnum, _ out: inout CodeWriter) {
        let name = "\(sparse.name)_validate"
        writePrototype(
            "static int", name, ["const struct nlattr *attr", "struct netlink_ext_ack *extack"], &out,
            terminator: "")
        out.blockStart("")
        out.blockStart("switch (nla_get_\(sparse.attribute.type.rawValue)(attr))")
        for (index, entry) in sparse.definition.entries.enumerated() {
            out.line("case \(names.entry(entry, of: sparse.definition)):")
            if index < sparse.definition.entries.count - 1 { out.line("fallthrough;") }
        }
        out.line("return 0;")
        out.blockEnd()
        out.line("NL_SET_ERR_MSG_ATTR(extack, attr, \"invalid enum value\");")
        out.line("return -EINVAL;")
        out.blockEnd()
        out.blankLine()
    }

    /// `CONST`, `U32_MAX`, or the number with the C suffix the kernel's generator gives it.
    private func limitText(_ limit: IntegerOrName, _ signed: Bool) -> String {
        switch limit {
        case .integer(let value): return "\(value)\(signed ? "LL" : "ULL")"
        case .name(let name): return limitName(name)
        }
    }

    private func limitName(_ name: String) -> String {
        if let (definition, _) = spec.integerConstant(named: name) { return names.constant(definition) }
        return CNames.upper(name)
    }

    private func lengthText(_ length: IntegerOrName) -> String {
        switch length {
        case .integer(let value): return "\(value)"
        case .name(let text):
            if text.hasSuffix(" - 1") { return limitName(String(text.dropLast(4))) + " - 1" }
            return limitName(text)
        }
    }

    /// The policy entry of one attribute, or nil for pad and unused ones.
    private func policyEntry(_ attribute: Attribute, _ plan: Plan) throws(SpecError) -> String? {
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

    private func integerPolicy(_ attribute: Attribute, _ plan: Plan) -> String {
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
    private func limitText(_ limit: IntegerOrName, _ signed: Bool, small: Bool) -> String {
        if case .integer(let value) = limit { return "\(value)" }
        return limitText(limit, signed)
    }
}

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

