import GenericNetlink
import NetlinkSpec
import SpecDrivenNetlink

/// `--check-spec`: the spec against the running kernel's policies; exit status 1 when
/// they differ. A difference found in many requests (a nest every command shares, such
/// as ethtool's header) is printed once, with the requests it is in.
struct SpecCheck {
    let spec: Spec

    func run() throws -> Int32 {
        var connection = try GenericNetlinkConnection()
        let family = try connection.family(named: spec.name)
        let policies = try KernelPolicies.load(family: family, connection: &connection)
        let differences = SpecPolicyComparison(spec: spec, policies: policies).differences()
        let groups = Self.grouped(differences)
        for group in groups {
            print(group.text)
        }
        let operations = spec.operations.list.filter { $0.doMode != nil || $0.dumpMode != nil }.count
        if differences.isEmpty {
            print("\(spec.name): the spec agrees with the kernel's policies (\(operations) operations)")
            return 0
        }
        print(
            "\(spec.name): \(groups.count) difference\(groups.count == 1 ? "" : "s") between the spec and the kernel's policies"
                + (groups.count == differences.count ? "" : " (\(differences.count) counted per request)"))
        return 1
    }

    /// Differences that say the same of the same place, with the requests they are in.
    struct Group {
        var first: PolicyDifference
        var requests: [(operation: String, modes: [String])] = []

        var text: String {
            var difference = first
            guard requests.count > 1 else { return "\(difference)" }
            difference.operation = ""
            difference.mode = nil
            let list = requests.map { "\($0.operation) (\($0.modes.joined(separator: ", ")))" }.joined(separator: ", ")
            return "\(difference)".replacingOccurrences(of: ":  .", with: ": .")
                + "\n    in \(requests.count) requests: \(list)"
        }
    }

    static func grouped(_ differences: [PolicyDifference]) -> [Group] {
        var groups: [Group] = []
        for difference in differences {
            let index = groups.firstIndex {
                $0.first.kind == difference.kind && $0.first.path == difference.path && $0.first.detail == difference.detail
                    && $0.first.location == difference.location && !difference.path.isEmpty
            }
            let mode = difference.mode?.rawValue ?? "-"
            if let index {
                if groups[index].requests.last?.operation == difference.operation {
                    groups[index].requests[groups[index].requests.count - 1].modes.append(mode)
                } else {
                    groups[index].requests.append((difference.operation, [mode]))
                }
            } else {
                groups.append(Group(first: difference, requests: [(difference.operation, [mode])]))
            }
        }
        return groups
    }
}
