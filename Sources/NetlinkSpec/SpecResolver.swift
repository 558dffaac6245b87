/// The second pass over a spec: gives every attribute and command its number the way the
/// kernel's generator does, completes subsets from their main sets, and checks that every
/// name the spec refers to exists. Errors point at the node that refers.
struct SpecResolver {
    var spec: Spec
    let definitionNodes: [SpecNode]
    let setNodes: [SpecNode]
    let operationNodes: [SpecNode]
    let groupNodes: [SpecNode]
    /// Each set's attribute nodes, kept beside `spec`'s attributes as they are merged.
    private var attributeNodes: [[SpecNode]] = []

    init(spec: Spec, definitionNodes: [SpecNode], setNodes: [SpecNode], operationNodes: [SpecNode],
        groupNodes: [SpecNode]) {
        self.spec = spec
        self.definitionNodes = definitionNodes
        self.setNodes = setNodes
        self.operationNodes = operationNodes
        self.groupNodes = groupNodes
    }

    mutating func resolve() throws(SpecError) {
        attributeNodes = []
        for node in setNodes { attributeNodes.append(try node.mapping().take("attributes")!.sequence()) }
        try checkUnique(spec.definitions.map(\.name), definitionNodes, what: "definition")
        try checkUnique(spec.attributeSets.map(\.name), setNodes, what: "attribute set")
        try checkUnique(spec.operations.list.map(\.name), operationNodes, what: "operation")
        try checkUnique(spec.multicastGroups.map(\.name), groupNodes, what: "multicast group")
        try checkDefinitions()
        try numberAttributes()
        try completeSubsets()
        for (set, nodes) in zip(spec.attributeSets, attributeNodes) {
            for (attribute, node) in zip(set.attributes, nodes) { try checkAttribute(attribute, at: node) }
        }
        try checkOperations()
        try numberOperations()
    }

    // MARK: Definitions

    private func checkDefinitions() throws(SpecError) {
        for (definition, node) in zip(spec.definitions, definitionNodes) {
            if definition.kind == .enum || definition.kind == .flags {
                var seen: Set<String> = []
                for entry in definition.entries where !seen.insert(entry.name).inserted {
                    throw try child(node, "entries").error("entry '\(entry.name)' appears twice")
                }
            }
            for member in definition.members {
                if let enumName = member.enumName { try checkEnum(enumName, at: node) }
                if let structName = member.structName { try checkStruct(structName, at: node) }
                if member.type == .binary || member.type == .string, member.length == nil, member.structName == nil {
                    throw node.error("struct member '\(member.name)' (\(member.type.rawValue)) needs a len")
                }
                if let length = member.length { try checkLength(length, at: node) }
            }
        }
    }

    // MARK: Attributes

    /// 1 for the first attribute, one more than the previous after that; `value:` resets.
    private mutating func numberAttributes() throws(SpecError) {
        for index in spec.attributeSets.indices where spec.attributeSets[index].subsetOf == nil {
            var next = 1
            var numbered: [Attribute] = []
            var numberedNodes: [SpecNode] = []
            for (attribute, node) in zip(spec.attributeSets[index].attributes, attributeNodes[index]) {
                var attribute = attribute
                if attribute.value < 0 { attribute.value = next }
                next = attribute.value + 1
                // The kernel's tools keep attributes by name, so an exact repeat is one
                // attribute (ethtool.yaml lists its `strings` set's unspec twice).
                if numbered.contains(where: { $0.sameDefinition(as: attribute) }) { continue }
                if let other = numbered.first(where: { $0.name == attribute.name || $0.value == attribute.value }) {
                    throw node.error(
                        other.name == attribute.name
                            ? "attribute '\(attribute.name)' appears twice"
                            : "attribute '\(attribute.name)' has value \(attribute.value), as '\(other.name)' does")
                }
                numbered.append(attribute)
                numberedNodes.append(node)
            }
            spec.attributeSets[index].attributes = numbered
            attributeNodes[index] = numberedNodes
        }
    }

    /// A subset's attributes are its main set's, with what the subset says on top.
    private mutating func completeSubsets() throws(SpecError) {
        for index in spec.attributeSets.indices {
            guard let mainName = spec.attributeSets[index].subsetOf else { continue }
            let node = setNodes[index]
            guard let main = spec.attributeSet(named: mainName) else {
                throw try child(node, "subset-of").error("no attribute set named '\(mainName)'")
            }
            if main.subsetOf != nil {
                throw try child(node, "subset-of").error("'\(mainName)' is itself a subset")
            }
            // A subset may list an attribute twice (devlink's dl-dpipe-table): it is one.
            var listed: Set<String> = []
            var kept: [(Attribute, SpecNode)] = []
            for (attribute, node) in zip(spec.attributeSets[index].attributes, attributeNodes[index])
            where listed.insert(attribute.name).inserted {
                kept.append((attribute, node))
            }
            spec.attributeSets[index].attributes = kept.map(\.0)
            attributeNodes[index] = kept.map(\.1)
            let nodes = attributeNodes[index]
            for attributeIndex in spec.attributeSets[index].attributes.indices {
                let own = spec.attributeSets[index].attributes[attributeIndex]
                guard var merged = main.attribute(named: own.name) else {
                    throw nodes[attributeIndex].error("'\(mainName)' has no attribute '\(own.name)'")
                }
                let ownKeys = try nodes[attributeIndex].mapping()
                if ownKeys.take("type") != nil { merged.type = own.type }
                if ownKeys.take("doc") != nil { merged.doc = own.doc }
                if ownKeys.take("checks") != nil { merged.checks = own.checks }
                if ownKeys.take("nested-attributes") != nil { merged.nestedAttributes = own.nestedAttributes }
                if ownKeys.take("multi-attr") != nil { merged.isMultiAttribute = own.isMultiAttribute }
                spec.attributeSets[index].attributes[attributeIndex] = merged
            }
        }
    }

    private func checkAttribute(_ attribute: Attribute, at node: SpecNode) throws(SpecError) {
        let type = attribute.type
        if let nested = attribute.nestedAttributes {
            guard spec.attributeSet(named: nested) != nil else {
                throw try child(node, "nested-attributes").error("no attribute set named '\(nested)'")
            }
        }
        switch type {
        case .nest, .nestTypeValue:
            if attribute.nestedAttributes == nil {
                throw node.error("a \(type.rawValue) attribute needs nested-attributes")
            }
        case .indexedArray:
            guard let subType = attribute.subType else {
                throw node.error("an indexed-array attribute needs a sub-type")
            }
            if subType == .nest, attribute.nestedAttributes == nil {
                throw node.error("an indexed-array of nests needs nested-attributes")
            }
        case .binary:
            if let subType = attribute.subType, !subType.isInteger {
                throw try child(node, "sub-type").error("a binary attribute's sub-type must be an integer type")
            }
        default:
            if attribute.subType != nil {
                throw try child(node, "sub-type").error("sub-type is for indexed-array and binary attributes")
            }
        }
        if let enumName = attribute.enumName {
            try checkEnum(enumName, at: try child(node, "enum"))
            if !type.isInteger, type != .bitfield32, attribute.subType?.isInteger != true {
                throw try child(node, "enum").error("enum is for integer attributes")
            }
        }
        if let structName = attribute.structName { try checkStruct(structName, at: try child(node, "struct")) }
        try checkChecks(attribute, at: node)
    }

    private func checkChecks(_ attribute: Attribute, at node: SpecNode) throws(SpecError) {
        let checks = attribute.checks
        guard !checks.isEmpty else { return }
        let checksNode = try child(node, "checks")
        let type = attribute.type
        if checks.min != nil || checks.max != nil || checks.flagsMask != nil {
            guard type.isInteger else {
                throw checksNode.error("min, max and flags-mask are for integer attributes, not \(type.rawValue)")
            }
        }
        for limit in [checks.min, checks.max].compactMap({ $0 }) where spec.limit(limit) == nil {
            throw checksNode.error("'\(limit)' is neither an integer const nor a limit such as u32-max")
        }
        if let minimum = checks.min.flatMap(spec.limit), let maximum = checks.max.flatMap(spec.limit),
            minimum > maximum
        {
            throw checksNode.error("min \(minimum) is above max \(maximum)")
        }
        if let mask = checks.flagsMask {
            guard let definition = spec.definition(named: mask), definition.kind == .flags else {
                throw checksNode.error("flags-mask '\(mask)' is not a flags definition")
            }
        }
        for length in [checks.minLength, checks.maxLength, checks.exactLength].compactMap({ $0 }) {
            guard type == .string || type == .binary else {
                throw checksNode.error("length checks are for string and binary attributes, not \(type.rawValue)")
            }
            try checkLength(length, at: checksNode)
        }
        if checks.unterminatedOK, type != .string {
            throw checksNode.error("unterminated-ok is for string attributes")
        }
    }

    /// A length: a number, a const's name, or `CONST - 1`.
    private func checkLength(_ length: IntegerOrName, at node: SpecNode) throws(SpecError) {
        guard spec.length(length) != nil else {
            throw node.error("length '\(length)' does not name an integer const")
        }
    }

    private func checkEnum(_ name: String, at node: SpecNode) throws(SpecError) {
        guard let definition = spec.definition(named: name),
            definition.kind == .enum || definition.kind == .flags
        else {
            throw node.error("no enum or flags definition named '\(name)'")
        }
    }

    private func checkStruct(_ name: String, at node: SpecNode) throws(SpecError) {
        guard let definition = spec.definition(named: name), definition.kind == .struct else {
            throw node.error("no struct definition named '\(name)'")
        }
    }

    // MARK: Operations

    private func checkOperations() throws(SpecError) {
        if let fixed = spec.operations.fixedHeader {
            try checkStruct(fixed, at: operationNodes.first ?? setNodes[0])
        }
        for (operation, node) in zip(spec.operations.list, operationNodes) {
            let map = try node.mapping()
            var set: AttributeSet?
            if let setName = operation.attributeSet {
                set = spec.attributeSet(named: setName)
                if set == nil {
                    throw map.take("attribute-set")!.error("no attribute set named '\(setName)'")
                }
            }
            if let fixed = operation.fixedHeader { try checkStruct(fixed, at: node) }
            if let notify = operation.notify {
                guard let target = spec.operations.operation(named: notify), target.doMode?.reply != nil else {
                    throw map.take("notify")!.error("'\(notify)' is not an operation whose do has a reply")
                }
                if set == nil { set = target.attributeSet.flatMap(spec.attributeSet(named:)) }
            }
            if let group = operation.multicastGroup, !spec.multicastGroups.contains(where: { $0.name == group }) {
                throw map.take("mcgrp")!.error("no multicast group named '\(group)'")
            }
            if operation.doMode != nil || operation.dumpMode != nil || operation.event != nil {
                guard set != nil else { throw node.error("operation '\(operation.name)' needs an attribute-set") }
            }
            if operation.isNotification, operation.doMode != nil || operation.dumpMode != nil {
                throw node.error("a notification (notify/event) cannot also have do or dump")
            }
            for (key, mode) in [("do", operation.doMode), ("dump", operation.dumpMode)] {
                guard let mode, let set else { continue }
                let modeMap = try map.take(key)!.mapping()
                for (part, message) in [("request", mode.request), ("reply", mode.reply)] {
                    guard let message else { continue }
                    let listNode = try modeMap.take(part)!.mapping().take("attributes")
                    for (index, name) in message.attributes.enumerated() where set.attribute(named: name) == nil {
                        let at = try listNode?.sequence()[index] ?? node
                        throw at.error("attribute set '\(set.name)' has no attribute '\(name)'")
                    }
                }
            }
            if let event = operation.event, let set {
                for name in event where set.attribute(named: name) == nil {
                    throw node.error("attribute set '\(set.name)' has no attribute '\(name)'")
                }
            }
        }
    }

    /// Command numbers, the way the kernel's generator assigns them (`nlspec.py`): unified,
    /// one number per list entry counting from 1; directional, requests and replies apart.
    private mutating func numberOperations() throws(SpecError) {
        switch spec.operations.enumModel {
        case .unified:
            var next = 1
            for index in spec.operations.list.indices {
                let value = spec.operations.list[index].explicitValue ?? next
                spec.operations.list[index].requestValue = value
                spec.operations.list[index].replyValue = value
                next = value + 1
            }
        case .directional:
            var request = 1
            var reply = 1
            for (index, node) in zip(spec.operations.list.indices, operationNodes) {
                var operation = spec.operations.list[index]
                if operation.isNotification {
                    if let explicit = operation.explicitValue { reply = explicit }
                    operation.replyValue = reply
                    reply += 1
                } else if let mode = operation.doMode ?? operation.dumpMode {
                    if let value = mode.request?.value { request = value }
                    if let value = mode.reply?.value { reply = value }
                    operation.requestValue = request
                    operation.replyValue = mode.reply != nil ? reply : nil
                    request += 1
                    if mode.reply != nil { reply += 1 }
                } else {
                    throw node.error("a directional operation needs do, dump, notify or event")
                }
                spec.operations.list[index] = operation
            }
        }
    }

    // MARK: Helpers

    private func checkUnique(_ names: [String], _ nodes: [SpecNode], what: String) throws(SpecError) {
        var seen: Set<String> = []
        for (name, node) in zip(names, nodes) where !seen.insert(name).inserted {
            throw node.error("\(what) '\(name)' is defined twice")
        }
    }

    /// The node under `key` of a mapping node (for pointing at it), or the node itself.
    private func child(_ node: SpecNode, _ key: String) throws(SpecError) -> SpecNode {
        try node.mapping().take(key) ?? node
    }
}

/// `u8-min` … `s64-max`: the limits of the fixed integer types, as checks may name them.
public struct IntegerLimit: Hashable, Sendable {
    public var type: ScalarType
    public var isMaximum: Bool

    public init?(_ name: String) {
        let parts = name.split(separator: "-")
        guard parts.count == 2, let type = ScalarType(rawValue: String(parts[0])), type.integerWidth != nil,
            parts[1] == "min" || parts[1] == "max"
        else { return nil }
        self.type = type
        isMaximum = parts[1] == "max"
    }

    public var value: Int128 {
        let bits = type.integerWidth! * 8
        if type.isSigned {
            return isMaximum ? (Int128(1) << (bits - 1)) - 1 : -(Int128(1) << (bits - 1))
        }
        return isMaximum ? (Int128(1) << bits) - 1 : 0
    }
}

extension Attribute {
    /// The same attribute, wherever in the spec it is written.
    func sameDefinition(as other: Attribute) -> Bool {
        var other = other
        other.location = location
        return self == other
    }
}
