import CommandLineSupport
import NetlinkSpec

/// `--list-ops` and `--list-attrs OP`, in the kernel ynl CLI's layout (without its colours).
struct OperationListing {
    let spec: Spec

    /// `dev-get  [ do, dump ]`, one line per operation that has a request.
    func printOperations() {
        for operation in spec.operations.list {
            let modes = [operation.doMode.map { _ in "do" }, operation.dumpMode.map { _ in "dump" }].compactMap { $0 }
            guard !modes.isEmpty else { continue }
            print("\(operation.name)  [ \(modes.joined(separator: ", ")) ]")
        }
    }

    /// The operation's doc, then its request and reply attributes per mode, each with its
    /// type, enum, nested set (listed below it) and doc.
    func printAttributes(of name: String) throws {
        guard let operation = spec.operations.operation(named: name) else {
            throw CommandFailure("operation \(name) not found")
        }
        let set = operation.attributeSet.flatMap(spec.attributeSet(named:))
            ?? operation.notify.flatMap(spec.operations.operation(named:))?.attributeSet.flatMap(spec.attributeSet(named:))
        print("Operation: \(operation.name)")
        print(operation.doc.trimmingTrailingNewlines)
        let sameReply = operation.doMode?.reply != nil && operation.doMode?.reply == operation.dumpMode?.reply
        for (title, mode) in [("Do", operation.doMode), ("Dump", operation.dumpMode)] {
            guard let mode, let set else { continue }
            if let request = mode.request {
                print("\n\(title) request attributes:")
                printList(request.attributes, of: set, indent: 2, visiting: [])
            }
            if let reply = mode.reply, !(sameReply && title == "Do") {
                print("\n\(sameReply ? "Do and Dump" : title) reply attributes:")
                printList(reply.attributes, of: set, indent: 2, visiting: [])
            }
        }
        if let event = operation.event, let set {
            print("\nEvent attributes:")
            printList(event, of: set, indent: 2, visiting: [])
        }
        if let notified = operation.notify.flatMap(spec.operations.operation(named:)),
            let reply = (notified.doMode ?? notified.dumpMode)?.reply, let set
        {
            print("\nNotification attributes:")
            printList(reply.attributes, of: set, indent: 2, visiting: [])
        }
        if let group = operation.multicastGroup {
            print("\nMulticast group: \(group)")
        }
    }

    /// `visiting`: the sets being listed above, so a set that nests itself stops.
    private func printList(_ names: [String], of set: AttributeSet, indent: Int, visiting: Set<String>) {
        let prefix = String(repeating: " ", count: indent)
        for name in names {
            guard let attribute = set.attribute(named: name) else { continue }
            var line = "\(prefix)- \(name): \(attribute.type.rawValue)"
            if let subType = attribute.subType { line += " of \(subType.rawValue)" }
            if let enumName = attribute.enumName {
                line += " (enum: \(enumName))"
                if let definition = spec.definition(named: enumName) {
                    let kind = definition.kind == .flags || attribute.enumAsFlags ? "Flags" : "Enum"
                    line += "\n\(prefix)  \(kind): " + definition.entries.map(\.name).joined(separator: ", ")
                }
            }
            let nested = attribute.nestedAttributes.flatMap(spec.attributeSet(named:))
            if let nested { line += " -> \(nested.name)" }
            if let doc = attribute.doc {
                line += "\n" + Self.wrap(doc, indent: indent + 4)
            }
            print(line)
            if let nested, !visiting.contains(nested.name) {
                let inner = nested.attributes.filter { $0.type != .unused }.map(\.name)
                printList(inner, of: nested, indent: indent + 4, visiting: visiting.union([nested.name]))
            }
        }
    }

    /// `text`'s words in lines of at most 80 columns, each indented by `indent`.
    static func wrap(_ text: String, indent: Int, width: Int = 80) -> String {
        let prefix = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = prefix
        for word in text.split(whereSeparator: \.isWhitespace) {
            if line.count > indent && line.count + 1 + word.count > width {
                lines.append(line)
                line = prefix
            }
            line += (line.count > indent ? " " : "") + word
        }
        if line.count > indent { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
