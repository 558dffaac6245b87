import Foundation
import Yams

/// Turns a spec's YAML into a `Spec`: reads every key the schema of the spec's protocol
/// level allows (and refuses the others), then resolves values and checks references.
struct SpecReader {
    let source: String
    /// The spec's `protocol`, known once the top level is read: later levels add keys.
    private var level: Spec.ProtocolLevel = .genetlink

    init(source: String) {
        self.source = source
    }

    mutating func read(_ yaml: String) throws(SpecError) -> Spec {
        let root = try compose(yaml)
        let top = try root.mapping()
        level = .genetlink
        if let node = top.take("protocol") {
            let text = try node.string()
            guard let parsed = Spec.ProtocolLevel(rawValue: text) else {
                throw node.error(
                    "protocol '\(text)' is not supported (supported: "
                        + Spec.ProtocolLevel.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            level = parsed
        }
        let name = try top.required("name").string()
        let doc = try top.required("doc").string()
        let uapiHeader = try top.string("uapi-header")
        let cFamilyName = try gated(top, "c-family-name", .genetlinkC)?.string()
        let cVersionName = try gated(top, "c-version-name", .genetlinkC)?.string()
        let maxByDefine = try gated(top, "max-by-define", .genetlinkC)?.bool() ?? false
        let cmdMaxName = try gated(top, "cmd-max-name", .genetlinkC)?.string()
        let cmdCntName = try gated(top, "cmd-cnt-name", .genetlinkC)?.string()
        var kernelPolicy = Spec.KernelPolicy.split
        if let node = try gated(top, "kernel-policy", .genetlinkLegacy) {
            kernelPolicy = try oneOf(node, Spec.KernelPolicy.self)
        }
        var version = 1
        if let node = try gated(top, "version", .genetlinkLegacy) {
            version = try node.integer()
            guard version >= 1 else { throw node.error("the version must be at least 1") }
        }
        let definitions = try top.take("definitions")?.sequence().map(readDefinition) ?? []
        let sets = try top.required("attribute-sets").sequence().map(readAttributeSet)
        let operations = try readOperations(top.required("operations"))
        let groups = try top.take("mcast-groups").map(readMulticastGroups) ?? []
        var kernelHeaders: [String] = []
        var socketPrivate: String?
        if let node = top.take("kernel-family") {
            let family = try node.mapping()
            kernelHeaders = try family.take("headers")?.strings() ?? []
            socketPrivate = try family.string("sock-priv")
            try family.finish()
        }
        try top.finish()

        var spec = Spec(
            name: name, doc: doc, protocolLevel: level, uapiHeader: uapiHeader,
            cFamilyName: cFamilyName, cVersionName: cVersionName, maxByDefine: maxByDefine,
            commandMaxName: cmdMaxName, commandCountName: cmdCntName, kernelPolicy: kernelPolicy,
            version: version, definitions: definitions.map(\.value),
            attributeSets: sets.map(\.value), operations: operations.value,
            multicastGroups: groups.map(\.value), kernelHeaders: kernelHeaders,
            kernelSocketPrivate: socketPrivate, license: Self.license(in: yaml), source: source)
        var resolver = SpecResolver(
            spec: spec, definitionNodes: definitions.map(\.node), setNodes: sets.map(\.node),
            operationNodes: operations.nodes, groupNodes: groups.map(\.node))
        try resolver.resolve()
        spec = resolver.spec
        return spec
    }

    // MARK: Sections

    private func readDefinition(_ node: SpecNode) throws(SpecError) -> (value: Definition, node: SpecNode) {
        let map = try node.mapping()
        let name = try readName(map.required("name"))
        let kindNode = try map.required("type")
        let kind = try oneOf(kindNode, Definition.Kind.self)
        if kind == .struct { try require(.genetlinkLegacy, for: "type: struct", at: kindNode) }
        var definition = Definition(
            name: name, location: node.location, kind: kind, doc: try map.string("doc"), header: try map.string("header"),
            scope: .uapi, value: nil, entries: [], renderMax: false,
            enumName: try gatedName(map, "enum-name", .genetlinkC),
            namePrefix: try gated(map, "name-prefix", .genetlinkC)?.string(),
            enumCountName: try gated(map, "enum-cnt-name", .genetlinkC)?.string(), members: [])
        if let scope = map.take("scope") {
            definition.scope = try oneOf(scope, Definition.Scope.self)
        }
        switch kind {
        case .const:
            let value = try map.required("value")
            let text = try value.scalar()
            if case .scalar(let scalar) = value.node, scalar.style == .plain,
                let number = SpecNode.parseInteger(text)
            {
                definition.value = .integer(number)
            } else {
                definition.value = .string(text)
            }
        case .enum, .flags:
            var next = 0
            if let start = map.take("value-start") {
                next = try start.integer()
            }
            for entryNode in try map.required("entries").sequence() {
                var entry: EnumEntry
                if case .scalar = entryNode.node {
                    // The schema lets a plain entry be any text (nfsd's `svc_export`).
                    entry = EnumEntry(name: try entryNode.string(), value: next, doc: nil)
                } else {
                    let entryMap = try entryNode.mapping()
                    entry = EnumEntry(
                        name: try readName(entryMap.required("name")),
                        value: try entryMap.integer("value") ?? next, doc: try entryMap.string("doc"))
                    try entryMap.finish()
                }
                if kind == .flags, !(0..<64).contains(entry.value) {
                    throw entryNode.error("flag \(entry.name) is bit \(entry.value), outside 0...63")
                }
                definition.entries.append(entry)
                next = entry.value + 1
            }
            definition.renderMax = try map.bool("render-max") ?? false
        case .struct:
            for memberNode in try map.required("members").sequence() {
                definition.members.append(try readMember(memberNode))
            }
        }
        try map.finish()
        return (definition, node)
    }

    private func readMember(_ node: SpecNode) throws(SpecError) -> StructMember {
        let map = try node.mapping()
        let member = StructMember(
            name: try readName(map.required("name")), type: try oneOf(map.required("type"), ScalarType.self),
            length: try map.take("len")?.integerOrName(),
            byteOrder: try map.take("byte-order").map { node throws(SpecError) in try oneOf(node, ByteOrder.self) },
            doc: try map.string("doc"), enumName: try map.string("enum"),
            displayHint: try map.take("display-hint").map(readDisplayHint),
            structName: try map.string("struct"))
        try map.finish()
        return member
    }

    private func readAttributeSet(_ node: SpecNode) throws(SpecError) -> (value: AttributeSet, node: SpecNode) {
        let map = try node.mapping()
        let name = try readName(map.required("name"))
        let subsetOf = try map.string("subset-of")
        let namePrefix = try map.string("name-prefix")
        if subsetOf != nil, namePrefix != nil {
            throw node.error("a subset (subset-of) takes its name-prefix from its main set")
        }
        var set = AttributeSet(
            name: name, location: node.location, doc: try map.string("doc"), namePrefix: namePrefix,
            enumName: level >= .genetlinkC ? try map.optionalName("enum-name") : try optionalNonNull(map, "enum-name"),
            subsetOf: subsetOf,
            attributeCountName: try gated(map, "attr-cnt-name", .genetlinkC)?.string(),
            attributeMaxName: try gated(map, "attr-max-name", .genetlinkC)?.string(),
            header: try gated(map, "header", .genetlinkC)?.string(), attributes: [])
        for attributeNode in try map.required("attributes").sequence() {
            set.attributes.append(try readAttribute(attributeNode, inSubset: subsetOf != nil))
        }
        try map.finish()
        return (set, node)
    }

    private func readAttribute(_ node: SpecNode, inSubset: Bool) throws(SpecError) -> Attribute {
        let map = try node.mapping()
        let name = try readName(map.required("name"))
        // A subset's attribute may leave its type to the main set's (resolved later).
        var type = AttributeType.unused
        if let typeNode = inSubset ? map.take("type") : try map.required("type") {
            type = try readAttributeType(typeNode)
        }
        var checks = Checks()
        if let checksNode = map.take("checks") {
            let checksMap = try checksNode.mapping()
            checks = Checks(
                flagsMask: try checksMap.string("flags-mask"), min: try checksMap.take("min")?.integerOrName(),
                max: try checksMap.take("max")?.integerOrName(),
                minLength: try checksMap.take("min-len")?.integerOrName(),
                maxLength: try checksMap.take("max-len")?.integerOrName(),
                exactLength: try checksMap.take("exact-len")?.integerOrName(),
                unterminatedOK: try gated(checksMap, "unterminated-ok", .genetlinkC)?.bool() ?? false)
            try checksMap.finish()
        }
        var value = -1
        if let valueNode = map.take("value") {
            value = try valueNode.integer()
            guard (0...Int(UInt16.max & 0x3fff)).contains(value) else {
                throw valueNode.error("attribute value \(value) is outside 0...16383 (14 bits of nla_type)")
            }
        }
        let attribute = Attribute(
            name: name, location: node.location, type: type, doc: try map.string("doc"), value: value,
            byteOrder: try map.take("byte-order").map { node throws(SpecError) in try oneOf(node, ByteOrder.self) },
            isMultiAttribute: try map.bool("multi-attr") ?? false,
            nestedAttributes: try map.string("nested-attributes"), enumName: try map.string("enum"),
            enumAsFlags: try map.bool("enum-as-flags") ?? false, checks: checks,
            subType: try map.take("sub-type").map(readAttributeType),
            displayHint: try map.take("display-hint").map(readDisplayHint),
            namePrefix: try gated(map, "name-prefix", .genetlinkC)?.string(),
            structName: try gated(map, "struct", .genetlinkLegacy)?.string(),
            typeValue: try map.take("type-value")?.strings() ?? [])
        try map.finish()
        return attribute
    }

    private func readAttributeType(_ node: SpecNode) throws(SpecError) -> AttributeType {
        let text = try node.string()
        if text == "sub-message" {
            throw node.error("type sub-message is not supported (it belongs to netlink-raw specs)")
        }
        guard let type = AttributeType(rawValue: text) else {
            throw node.error(
                "unknown type '\(text)' (known: "
                    + AttributeType.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        if type == .bitfield32 { try require(.genetlinkLegacy, for: "type: bitfield32", at: node) }
        return type
    }

    private func readDisplayHint(_ node: SpecNode) throws(SpecError) -> String {
        let hint = try node.string()
        let known = ["hex", "mac", "fddi", "ipv4", "ipv6", "ipv4-or-v6", "uuid"]
        guard known.contains(hint) else {
            throw node.error("unknown display-hint '\(hint)' (known: \(known.joined(separator: ", ")))")
        }
        return hint
    }

    private func readOperations(_ node: SpecNode) throws(SpecError) -> (value: Operations, nodes: [SpecNode]) {
        let map = try node.mapping()
        var model = Operations.EnumModel.unified
        if let modelNode = map.take("enum-model") {
            model = try oneOf(modelNode, Operations.EnumModel.self)
            if model == .directional {
                try require(.genetlinkLegacy, for: "enum-model: directional", at: modelNode)
            }
        }
        let listNodes = try map.required("list").sequence()
        var operations = Operations(
            enumModel: model, namePrefix: try map.string("name-prefix"),
            enumName: level >= .genetlinkC ? try map.optionalName("enum-name") : try optionalNonNull(map, "enum-name"),
            asyncPrefix: try map.string("async-prefix"),
            asyncEnum: level >= .genetlinkC ? try map.optionalName("async-enum") : try optionalNonNull(map, "async-enum"),
            fixedHeader: try gated(map, "fixed-header", .genetlinkLegacy)?.string(), list: [])
        for operationNode in listNodes {
            operations.list.append(try readOperation(operationNode))
        }
        try map.finish()
        return (operations, listNodes)
    }

    private func readOperation(_ node: SpecNode) throws(SpecError) -> Operation {
        let map = try node.mapping()
        var operation = Operation(
            name: try readName(map.required("name")), location: node.location, doc: try map.required("doc").string(),
            attributeSet: try map.string("attribute-set"), flags: [], dontValidate: [],
            configCondition: try map.string("config-cond"),
            fixedHeader: try gated(map, "fixed-header", .genetlinkLegacy)?.string(), doMode: nil,
            dumpMode: nil, notify: try map.string("notify"), event: nil,
            multicastGroup: try map.string("mcgrp"), explicitValue: nil, requestValue: nil, replyValue: nil)
        if let flags = map.take("flags") {
            operation.flags = try readFlags(flags)
        }
        if let dontValidate = map.take("dont-validate") {
            for item in try dontValidate.sequence() {
                operation.dontValidate.append(try oneOf(item, Operation.DontValidate.self))
            }
        }
        if let explicit = map.take("value") {
            operation.explicitValue = try explicit.integer()
            guard (0...255).contains(operation.explicitValue!) else {
                throw explicit.error("a command value must fit genlmsghdr.cmd (0...255)")
            }
        }
        operation.doMode = try map.take("do").map(readMode)
        operation.dumpMode = try map.take("dump").map(readMode)
        if let event = map.take("event") {
            let eventMap = try event.mapping()
            operation.event = try eventMap.take("attributes")?.strings() ?? []
            try eventMap.finish()
        }
        try map.finish()
        return operation
    }

    private func readFlags(_ node: SpecNode) throws(SpecError) -> [Operation.Flag] {
        var flags: [Operation.Flag] = []
        for item in try node.sequence() {
            // uns-admin-perm: genetlink-legacy in Linux 6.18's schemas, every level later.
            flags.append(try oneOf(item, Operation.Flag.self))
        }
        return flags
    }

    private func readMode(_ node: SpecNode) throws(SpecError) -> Mode {
        let map = try node.mapping()
        let mode = Mode(
            request: try map.take("request").map(readMessage), reply: try map.take("reply").map(readMessage),
            pre: try map.string("pre"), post: try map.string("post"))
        try map.finish()
        return mode
    }

    private func readMessage(_ node: SpecNode) throws(SpecError) -> Message {
        let map = try node.mapping()
        let message = Message(
            attributes: try map.take("attributes")?.strings() ?? [],
            value: try gated(map, "value", .genetlinkLegacy)?.integer())
        try map.finish()
        return message
    }

    private func readMulticastGroups(_ node: SpecNode) throws(SpecError) -> [(value: MulticastGroup, node: SpecNode)] {
        let map = try node.mapping()
        var groups: [(value: MulticastGroup, node: SpecNode)] = []
        for groupNode in try map.required("list").sequence() {
            let group = try groupNode.mapping()
            groups.append((
                MulticastGroup(
                    name: try group.required("name").string(),
                    cDefineName: try gated(group, "c-define-name", .genetlinkC)?.string(),
                    flags: try group.take("flags").map(readFlags) ?? []),
                groupNode))
            try group.finish()
        }
        try map.finish()
        return groups
    }

    // MARK: Helpers

    private func compose(_ yaml: String) throws(SpecError) -> SpecNode {
        guard let node = try Self.document(yaml, source: source) else {
            throw SpecError(file: source, line: nil, column: nil, path: "", message: "the spec is empty")
        }
        return node
    }

    /// The YAML document in `yaml` (a spec's, or gnl-gen's config's); nil when there is
    /// none (empty, or comments only).
    static func document(_ yaml: String, source: String) throws(SpecError) -> SpecNode? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.convert(error, source: source)
        } catch {
            throw SpecError(file: source, line: nil, column: nil, path: "", message: "\(error)")
        }
        return node.map { SpecNode($0, path: "", file: source) }
    }

    /// The text of the file at `path`; `what` it is ("spec") names it in the error.
    static func text(ofFile path: String, what: String) throws(SpecError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SpecError(
                file: path, line: nil, column: nil, path: "",
                message: "cannot read the \(what): \(error.localizedDescription)")
        }
    }

    private static func convert(_ error: YamlError, source: String) -> SpecError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let text = [context?.description, problem].compactMap { $0 }.joined(separator: ": ")
            return SpecError(file: source, line: mark.line, column: mark.column, path: "", message: "not YAML: \(text)")
        default:
            return SpecError(file: source, line: nil, column: nil, path: "", message: "not YAML: \(error)")
        }
    }

    /// A key that only specs of `needed` level or later may use.
    private func gated(_ map: SpecMapping, _ key: String, _ needed: Spec.ProtocolLevel) throws(SpecError) -> SpecNode? {
        guard let node = map.take(key) else { return nil }
        try require(needed, for: "'\(key)'", at: node)
        return node
    }

    private func gatedName(_ map: SpecMapping, _ key: String, _ needed: Spec.ProtocolLevel) throws(SpecError) -> OptionalName {
        guard level >= needed else {
            if let node = map.take(key) { try require(needed, for: "'\(key)'", at: node) }
            return .absent
        }
        return try map.optionalName(key)
    }

    /// genetlink's schema allows these names as strings only, not null.
    private func optionalNonNull(_ map: SpecMapping, _ key: String) throws(SpecError) -> OptionalName {
        guard let node = map.take(key) else { return .absent }
        if node.isNull { throw node.error("'\(key)' with no value (an anonymous enum) needs protocol genetlink-c") }
        return .named(try node.string())
    }

    private func require(_ needed: Spec.ProtocolLevel, for what: String, at node: SpecNode) throws(SpecError) {
        guard level >= needed else {
            throw node.error("\(what) needs protocol \(needed.rawValue) or later (this spec is \(level.rawValue))")
        }
    }

    /// A name of the spec's own (not the family's): genetlink and genetlink-legacy allow
    /// lower-case letters, digits and dashes; genetlink-c any text.
    private func readName(_ node: SpecNode) throws(SpecError) -> String {
        let name = try node.string()
        guard !name.isEmpty else { throw node.error("a name cannot be empty") }
        if level != .genetlinkC, !name.allSatisfy({ ("a"..."z").contains($0) || $0.isNumber || $0 == "-" }) {
            throw node.error("'\(name)' is not a valid name (lower-case letters, digits and '-')")
        }
        return name
    }

    private func oneOf<Choice: RawRepresentable & CaseIterable>(
        _ node: SpecNode, _: Choice.Type
    ) throws(SpecError) -> Choice where Choice.RawValue == String {
        let text = try node.string()
        guard let choice = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw node.error("'\(text)' is not one of: \(allowed)")
        }
        return choice
    }

    /// `# SPDX-License-Identifier: …` on the first line.
    private static func license(in yaml: String) -> String? {
        let first = yaml.prefix { $0 != "\n" }
        let marker = "SPDX-License-Identifier:"
        guard first.hasPrefix("#"), let range = first.range(of: marker) else { return nil }
        let license = first[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return license.isEmpty ? nil : license
    }
}
