import CommandLineSupport
import GenericNetlink
import SpecDrivenNetlink

/// `gnl` without a spec (`--no-spec`, or no spec found for `--family`): commands and
/// attributes by number, typed by the kernel's own policy.
struct RawSession {
    let familyName: String
    let options: GnlOptions

    func run() throws -> Int32 {
        var listener = try options.subscription.map {
            try NotificationListener(familyName: familyName, group: $0.group, describe: NotificationText.describeByNumber)
        }
        switch options.action {
        case .listOperations:
            var connection = try GenericNetlinkConnection()
            for operation in try connection.family(named: familyName).operations {
                let modes = [(GenericNetlinkFamily.OperationFlags.canDo, "do"), (.canDump, "dump")]
                    .filter { operation.flags.contains($0.0) }.map(\.1)
                print("\(operation.command)  [ \(modes.joined(separator: ", ")) ]")
            }
        case .listAttributes(let text):
            let client = try PolicyDrivenClient(familyName: familyName)
            try printPolicies(of: try command(text), codec: client.codec)
        case .checkSpec:
            throw CommandFailure("--check-spec compares a spec with the kernel: give --spec FILE, or a --family whose spec is found")
        case .call(let mode, let text):
            let command = try command(text)
            let request = try GnlSession.request(options)
            let client = try PolicyDrivenClient(familyName: familyName)
            client.warningHandler = WarningOutput.printer(operation: "\(familyName) command \(command)")
            switch mode {
            case .do: JSONOutput.print(try client.do(command, request: request, flags: options.flags))
            case .dump: JSONOutput.print(.array(try client.dump(command, request: request).map(JSONValue.object)))
            }
        case .none, .listFamilies:
            break
        }
        if let subscription = options.subscription {
            try listener?.run(seconds: subscription.seconds, count: subscription.count)
        }
        return 0
    }

    private func command(_ text: String) throws -> UInt8 {
        guard let command = UInt8(text) else {
            throw CommandFailure("without a spec, operations are command numbers (--list-ops lists them), not '\(text)'")
        }
        return command
    }

    /// `--list-attrs N` without a spec: the do and dump policies of command N.
    private func printPolicies(of command: UInt8, codec: PolicyCodec) throws {
        print("Command: \(command)")
        var listed = false
        for mode in [OperationMode.do, .dump] {
            guard let index = codec.policies.policyIndex(ofCommand: UInt32(command), mode: mode) else { continue }
            listed = true
            print("\n\(mode == .do ? "Do" : "Dump") request attributes (policy \(index)):")
            printPolicy(index, of: codec.policies.policies(ofCommand: UInt32(command)), indent: 2, visiting: [])
        }
        if !listed { print("\nNo policy: the command takes no attributes.") }
    }

    private func printPolicy(_ index: UInt32, of policy: FamilyPolicy, indent: Int, visiting: Set<UInt32>) {
        let prefix = String(repeating: " ", count: indent)
        let rules = (policy.policies[index] ?? [:]).sorted(by: { $0.key < $1.key })
        if rules.isEmpty { print("\(prefix)(none: the kernel accepts no attributes)") }
        for (type, rule) in rules {
            print("\(prefix)- \(type): \(rule.summary)")
            if let nested = rule.nestedPolicy, !visiting.contains(nested) {
                printPolicy(nested, of: policy, indent: indent + 4, visiting: visiting.union([index]))
            }
        }
    }
}
