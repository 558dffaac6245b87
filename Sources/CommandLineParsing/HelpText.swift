/// Help and usage text, written from the specs so they cannot drift from what is parsed.
extension CommandLineParser {
    /// The full help of a subcommand (nil: the root): abstract, usage, then its subcommands,
    /// arguments and options, one per line.
    public func help(subcommand name: String?) -> String {
        let subcommand = name.map(spec(named:))
        let command = subcommand ?? root
        let optionRows = options(of: subcommand).map { ($0.label, $0.help) }
        let sections: [(title: String, rows: [(label: String, help: String)])] = [
            ("Subcommands", command.subcommands.map { ($0.name, $0.abstract) }),
            ("Arguments", command.arguments.map { ($0.name, $0.help) }),
            ("Options", optionRows + [("-h, --help", "Show this help.")]),
        ]
        let width = sections.flatMap(\.rows).map(\.label.count).max()! + 2

        var text = "\(path(of: subcommand)): \(command.abstract)\n\n\(usage(subcommand: name))\n"
        for (title, rows) in sections where !rows.isEmpty {
            text += "\n\(title):\n"
            for (label, help) in rows {
                text += "  " + label + String(repeating: " ", count: width - label.count) + help + "\n"
            }
        }
        if !command.subcommands.isEmpty {
            text += "\n'\(root.name) <subcommand> --help' shows a subcommand's arguments and options.\n"
        }
        return text
    }

    /// One line: "Usage: gnl-foobar echo [--backend raw|libnl] [--json] TEXT".
    public func usage(subcommand name: String?) -> String {
        let subcommand = name.map(spec(named:))
        let command = subcommand ?? root
        var words = ["Usage:", path(of: subcommand)]
        if let usage = command.usage { return (words + [usage]).joined(separator: " ") }
        words += options(of: subcommand).map { "[\($0.label)]" }
        words += command.arguments.map { $0.isOptional ? "[\($0.name)]" : $0.name }
        if !command.subcommands.isEmpty { words.append("<subcommand>") }
        return words.joined(separator: " ")
    }

    /// What a usage error prints: "error: <message>" and the usage line.
    public func errorText(_ error: CommandLineError) -> String {
        "error: \(error.message)\n\(usage(subcommand: error.subcommand))\n"
    }

    private func spec(named name: String) -> CommandSpec {
        guard let spec = root.subcommands.first(where: { $0.name == name }) else {
            preconditionFailure("\(root.name) has no subcommand \(name)")
        }
        return spec
    }

    /// "gnl-foobar" or "gnl-foobar echo".
    private func path(of subcommand: CommandSpec?) -> String {
        subcommand.map { "\(root.name) \($0.name)" } ?? root.name
    }
}
