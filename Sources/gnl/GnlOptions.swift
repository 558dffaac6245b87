import CommandLineParsing
import Netlink

/// What `gnl`'s command line asks for: the kernel ynl CLI's flags (`--spec`, `--family`,
/// `--do`, `--dump`, `--json`, `--list-ops`, `--list-attrs`, `--subscribe` …), checked
/// for combinations that make no sense.
struct GnlOptions {
    enum Family {
        /// `--spec FILE`.
        case spec(path: String)
        /// `--family NAME`: its spec looked up in the specs directories (`--no-spec`: not).
        case named(String, noSpec: Bool)
    }

    enum Action: Equatable {
        case listFamilies
        case listOperations
        case listAttributes(String)
        case call(OperationModeName, String)
        case checkSpec
        /// Only `--subscribe`: listen, no request first.
        case none
    }

    /// `do` or `dump` (the library's `OperationMode`, named here without importing it).
    enum OperationModeName: String { case `do`, dump }

    var family: Family?
    /// `--specs-dir`: where specs are looked for, instead of the usual places.
    var specsDirectory: String?
    var action: Action
    /// `--json`: the request's attributes, as given.
    var requestText: String?
    var flags: NetlinkMessageFlags
    var subscription: Subscription?

    struct Subscription {
        var group: String
        /// `--duration`/`--sleep`: stop after this many seconds (nil: run until interrupted).
        var seconds: Double?
        /// `--count`: stop after this many notifications.
        var count: Int?
    }

    static let command = CommandSpec(
        name: "gnl",
        abstract: "Talk to any generic netlink family by its YNL spec, as the kernel's ynl CLI does.",
        options: [
            .option("spec", value: "FILE", help: "The family's YNL spec (YAML)."),
            .option("family", value: "NAME", help: "The family, its spec found in the specs directories (see YNL_SPECS)."),
            .option("specs-dir", value: "DIR", help: "Look for --family's spec in DIR only."),
            .flag("no-spec", help: "With --family: no spec; commands and attributes by number, typed by the kernel's policy."),
            .flag("list-families", help: "List the families the kernel registers (nlctrl), and which have a spec."),
            .option("do", value: "OP", help: "Send OP's do request and print its reply."),
            .option("dump", value: "OP", help: "Dump OP and print every message, as a JSON array."),
            .option("json", value: "JSON", help: "The request's attributes, a JSON object ('{\"ifindex\": 1}')."),
            .flag("list-ops", help: "List the operations and their modes (do, dump)."),
            .option("list-attrs", value: "OP", help: "List OP's request and reply attributes with their types."),
            .flag("check-spec", help: "Compare the spec with the running kernel's policies; exit 1 on differences."),
            .option("subscribe", value: "GROUP", help: "Listen to the multicast GROUP; print one JSON line per notification."),
            .option("duration", value: "SECONDS", help: "With --subscribe: stop after SECONDS."),
            .option("sleep", value: "SECONDS", help: "The same as --duration."),
            .option("count", value: "N", help: "With --subscribe: stop after N notifications."),
            .flag("output-json", help: "Accepted for ynl's sake: output is always JSON."),
            .flag("replace", help: "Set NLM_F_REPLACE on a do request."),
            .flag("excl", help: "Set NLM_F_EXCL on a do request."),
            .flag("create", help: "Set NLM_F_CREATE on a do request."),
            .flag("append", help: "Set NLM_F_APPEND on a do request."),
        ],
        usage: "(--spec FILE | --family NAME) "
            + "(--do OP | --dump OP | --list-ops | --list-attrs OP | --check-spec | --subscribe GROUP) [options]"
            + "; or: gnl --list-families")

    init(_ arguments: ParsedArguments) throws(CommandLineError) {
        func failure(_ message: String) -> CommandLineError { CommandLineError(message, subcommand: nil) }

        let specPath: String? = try arguments.value("spec")
        let familyName: String? = try arguments.value("family")
        specsDirectory = try arguments.value("specs-dir")
        let noSpec = arguments.flag("no-spec")
        let listFamilies = arguments.flag("list-families")
        switch (specPath, familyName) {
        case (let path?, nil): family = .spec(path: path)
        case (nil, let name?): family = .named(name, noSpec: noSpec)
        case (nil, nil): family = nil
        case (_?, _?): throw failure("--spec and --family name the family twice; give one")
        }
        if noSpec && familyName == nil { throw failure("--no-spec goes with --family NAME") }
        if specsDirectory != nil && specPath != nil { throw failure("--specs-dir is where --family's spec is found; --spec names the file") }

        var actions: [(String, Action)] = []
        if listFamilies { actions.append(("--list-families", .listFamilies)) }
        if let operation: String = try arguments.value("do") { actions.append(("--do", .call(.do, operation))) }
        if let operation: String = try arguments.value("dump") { actions.append(("--dump", .call(.dump, operation))) }
        if arguments.flag("list-ops") { actions.append(("--list-ops", .listOperations)) }
        if let operation: String = try arguments.value("list-attrs") { actions.append(("--list-attrs", .listAttributes(operation))) }
        if arguments.flag("check-spec") { actions.append(("--check-spec", .checkSpec)) }
        guard actions.count <= 1 else {
            throw failure(actions.map(\.0).joined(separator: " and ") + " cannot be combined; give one")
        }
        action = actions.first?.1 ?? .none

        if let group: String = try arguments.value("subscribe") {
            let duration = try arguments.value("duration", Self.seconds)
            let sleep = try arguments.value("sleep", Self.seconds)
            if duration != nil && sleep != nil { throw failure("--sleep is --duration; give one") }
            subscription = Subscription(
                group: group, seconds: duration ?? sleep, count: try arguments.value("count") { Int($0).flatMap { $0 > 0 ? $0 : nil } })
            if case .call = action {} else if action != .none {
                throw failure("--subscribe goes alone or with --do/--dump")
            }
        } else {
            for name in ["duration", "sleep", "count"] {
                if try arguments.value(name, as: String.self) != nil { throw failure("--\(name) goes with --subscribe") }
            }
            if action == .none { throw failure("nothing to do: give --do, --dump, --list-ops, --list-attrs, --check-spec, --subscribe or --list-families") }
        }

        requestText = try arguments.value("json")
        if requestText != nil, case .call = action {} else if requestText != nil {
            throw failure("--json is the request of --do or --dump")
        }
        var flags: NetlinkMessageFlags = []
        for (name, bit) in [("replace", 0x100), ("excl", 0x200), ("create", 0x400), ("append", 0x800)] where arguments.flag(name) {
            guard case .call(.do, _) = action else { throw failure("--\(name) goes with --do") }
            flags.insert(NetlinkMessageFlags(rawValue: UInt16(bit)))
        }
        self.flags = flags

        if action != .listFamilies && family == nil { throw failure("which family? give --spec FILE or --family NAME") }
        if action == .listFamilies && family != nil { throw failure("--list-families lists them all; it takes no --spec or --family") }
    }

    /// A non-negative number of seconds.
    private static func seconds(_ text: String) -> Double? {
        Double(text).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
    }
}
