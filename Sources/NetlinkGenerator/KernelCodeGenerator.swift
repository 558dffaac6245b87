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

    func handler(_ operation: Operation, _ suffix: String) -> String {
        CNames.lower("\(spec.identifierName)-nl-\(operation.name)-\(suffix)")
    }

    func policyName(_ operation: Operation) -> String {
        CNames.lower("\(spec.identifierName)_\(operation.name)") + "_nl_policy"
    }

    func nestedPolicyName(_ setName: String) -> String {
        let base = setName == spec.name ? spec.identifierName : "\(spec.identifierName)_\(setName)"
        return CNames.lower(base) + "_nl_policy"
    }

    func groupIndex(_ group: MulticastGroup) -> String {
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

    func writeIncludes(_ out: inout CodeWriter) {
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
    func writePrototype(
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

    func writeConfigCondition(_ operation: Operation, opening: Bool, _ out: inout CodeWriter) {
        guard let condition = operation.configCondition else { return }
        let option = "CONFIG_" + CNames.upper(condition)
        out.line(opening ? "#ifdef \(option)" : "#endif /* \(option) */")
    }

    func opsMembers(_ command: Plan.Command) -> [(String, String)] {
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

    func flagsText(_ flags: [Operation.Flag]) -> String {
        flags.map { $0 == .adminPerm ? "GENL_ADMIN_PERM" : "GENL_UNS_ADMIN_PERM" }.joined(separator: " | ")
    }

    /// The name of the highest attribute of a set, for a nested policy's size.
    func maxAttribute(of set: AttributeSet) -> String {
        guard let top = set.attributes.max(by: { $0.value < $1.value }) else { return "0" }
        return names.attribute(top, in: set)
    }

    func writeSparseValidator(_ sparse: Plan.SparseEnum, _ out: inout CodeWriter) {
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
}
