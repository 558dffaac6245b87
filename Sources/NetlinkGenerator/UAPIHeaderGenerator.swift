import NetlinkSpec

/// The family's uapi header, laid out as the kernel's YNL generator lays it out
/// (`ynl_gen_c.py --mode uapi`): family name and version, definitions, one enum per
/// attribute set, the command enum(s), multicast group names.
public struct UAPIHeaderGenerator {
    let spec: Spec
    let names: CNames
    let context: GenerationContext

    public init(spec: Spec, context: GenerationContext) {
        self.spec = spec
        names = CNames(spec: spec)
        self.context = context
    }

    public func generate() -> String {
        var out = CodeWriter()
        for line in context.cBanner(spec, marker: "uapi header") { out.line(line) }
        out.blankLine()
        let guardName = names.uapiGuard
        out.line("#ifndef \(guardName)")
        out.line("#define \(guardName)")
        out.blankLine()
        out.defines([
            (names.familyNameDefine, "\"\(spec.name)\""), (names.familyVersionDefine, "\(spec.version)"),
        ])
        out.blankLine()
        writeDefinitions(&out)
        writeAttributeSets(&out)
        switch spec.operations.enumModel {
        case .unified: writeUnifiedCommands(&out)
        case .directional: writeDirectionalCommands(&out)
        }
        writeNotifications(&out)
        out.blankLine()
        let groups = spec.multicastGroups.map { (names.group($0), "\"\($0.name)\"") }
        if !groups.isEmpty {
            out.defines(groups)
            out.blankLine()
        }
        out.line("#endif /* \(guardName) */")
        return out.text
    }

    // MARK: Definitions

    private func writeDefinitions(_ out: inout CodeWriter) {
        var constants: [(String, String)] = []
        for definition in spec.definitions where definition.header == nil && definition.scope == .uapi {
            guard definition.kind == .const else {
                out.defines(constants)
                constants = []
                out.blankLine()
                if definition.kind == .enum || definition.kind == .flags { writeEnum(definition, &out) }
                continue
            }
            switch definition.value {
            case .integer(let value): constants.append((names.constant(definition), "\(value)"))
            case .string(let text): constants.append((names.constant(definition), "\"\(text)\""))
            case nil: break
            }
        }
        out.defines(constants)
        out.blankLine()
    }

    private func writeEnum(_ definition: Definition, _ out: inout CodeWriter) {
        let enumName = names.enumName(definition)
        if definition.entries.contains(where: { $0.doc != nil }) {
            out.line("/**")
            out.docLines("enum \(enumName ?? "")" + (definition.doc.map { " - " + $0 } ?? ""))
            for entry in definition.entries {
                if let doc = entry.doc { out.docLines("@\(names.entry(entry, of: definition)): \(doc)") }
            }
            out.line(" */")
        } else if let doc = definition.doc {
            out.line("/*")
            out.docLines(doc, indentContinuation: false)
            out.line(" */")
        }
        out.blockStart(enumName.map { "enum \($0)" } ?? "enum")
        var previous: EnumEntry?
        for entry in definition.entries {
            let changed = previous.map { entry.value != $0.value + 1 } ?? (entry.value != 0)
            let suffix = changed || definition.kind == .flags ? " = \(definition.userValue(entry))," : ","
            out.line(names.entry(entry, of: definition) + suffix)
            previous = entry
        }
        if definition.renderMax {
            out.blankLine()
            out.line("/* private: */")
            let prefix = names.entryPrefix(definition)
            if definition.kind == .flags {
                out.line("\(CNames.upper(prefix + "mask")) = \(definition.mask()),")
            } else {
                let count = CNames.upper(definition.enumCountName ?? "__" + prefix + "max")
                out.line("\(count),")
                out.line("\(CNames.upper(prefix + "max")) = (\(count) - 1)")
            }
        }
        out.blockEnd(";")
        out.blankLine()
    }

    // MARK: Attribute sets

    private func writeAttributeSets(_ out: inout CodeWriter) {
        for set in spec.attributeSets where set.subsetOf == nil && set.header == nil {
            let count = names.attributeCount(set)
            out.blockStart(names.setEnumName(set).map { "enum \($0)" } ?? "enum")
            var next = 0
            for attribute in set.attributes {
                let suffix = attribute.value != next ? " = \(attribute.value)," : ","
                next = attribute.value + 1
                out.line(names.attribute(attribute, in: set) + suffix)
            }
            if !set.attributes.isEmpty { out.blankLine() }
            writeCountAndMax(count: count, max: names.attributeMax(set), &out)
            out.blankLine()
        }
    }

    /// `__X_MAX,` / `X_MAX = (__X_MAX - 1)` closing an enum, or with `max-by-define` a
    /// `#define` after it.
    private func writeCountAndMax(count: String, max: String, _ out: inout CodeWriter) {
        if spec.maxByDefine {
            out.line(count)
            out.blockEnd(";")
            out.line("#define \(max) (\(count) - 1)")
        } else {
            out.line(count + ",")
            out.line("\(max) = (\(count) - 1)")
            out.blockEnd(";")
        }
    }

    // MARK: Commands

    private var separateNotifications: Bool { spec.operations.asyncPrefix != nil }

    private func writeUnifiedCommands(_ out: inout CodeWriter) {
        out.blockStart(enumHead(spec.operations.enumName))
        var next = 0
        for operation in spec.operations.list where !(separateNotifications && operation.isNotification) {
            let value = operation.requestValue ?? 0
            let suffix = value != next ? " = \(value)," : ","
            next = value + 1
            out.line(names.command(operation) + suffix)
        }
        out.blankLine()
        writeCountAndMax(count: names.commandCount, max: names.commandMax, &out)
        out.blankLine()
    }

    /// Two enums, requests (`…_MSG_USER_…`) and what the kernel sends (`…_MSG_KERNEL_…`),
    /// with the kernel generator's rules: dump-only operations are not listed among the
    /// requests, and an explicit value shows only where request and reply numbers agree.
    private func writeDirectionalCommands(_ out: inout CodeWriter) {
        let prefix = names.commandPrefix
        for (direction, isRequest) in [("user", true), ("kernel", false)] {
            out.blockStart("enum")
            out.line(CNames.upper("\(spec.name)_MSG_\(direction)_NONE") + " = 0,")
            var next = 0
            for operation in spec.operations.list {
                let name: String
                if isRequest {
                    guard operation.doMode != nil, operation.event == nil else { continue }
                    name = names.command(operation)
                } else if operation.isNotification {
                    name = names.command(operation)
                } else if operation.doMode?.reply != nil {
                    name = names.command(operation) + "_REPLY"
                } else {
                    continue
                }
                var suffix = ","
                if let value = operation.value, value != next {
                    suffix = " = \(value),"
                    next = value
                }
                next += 1
                out.line(name + suffix)
            }
            out.blankLine()
            let direction = direction.uppercased()
            writeCountAndMax(count: "__\(prefix)\(direction)_CNT", max: "\(prefix)\(direction)_MAX", &out)
            out.blankLine()
        }
    }

    /// With `async-prefix`: the notifications in an enum of their own, each value written
    /// only where the spec gives one (as the kernel's generator does).
    private func writeNotifications(_ out: inout CodeWriter) {
        guard separateNotifications else { return }
        out.blockStart(enumHead(spec.operations.asyncEnum))
        for operation in spec.operations.list where operation.isNotification {
            let explicit = operation.explicitValue.map { " = \($0)," } ?? ","
            out.line(names.command(operation) + explicit)
        }
        out.blockEnd(";")
        out.blankLine()
    }

    private func enumHead(_ name: OptionalName) -> String {
        if case .named(let name) = name, !name.isEmpty { return "enum \(CNames.lower(name))" }
        return "enum"
    }
}
