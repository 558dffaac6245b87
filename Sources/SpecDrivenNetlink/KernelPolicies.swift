import GenericNetlink
import Netlink

/// The policies the running kernel checks a family's requests with, command by command.
///
/// One `CTRL_CMD_GETPOLICY` dump answers for every command, except where the kernel
/// cannot say which command a policy belongs to: kernels up to at least 6.18 report a
/// dump-only command's policies under command 0 (`ctrl_dumppolicy_put_op` nests them
/// under the absent do handler's command), so several such commands would overwrite one
/// another. Those commands are asked for one at a time (`CTRL_ATTR_OP`).
public struct KernelPolicies: Sendable {
    public let family: GenericNetlinkFamily
    /// The dump of every command's policies.
    public let all: FamilyPolicy
    /// Commands asked for alone, each with policies numbered apart.
    public let perCommand: [UInt32: FamilyPolicy]

    public init(family: GenericNetlinkFamily, all: FamilyPolicy, perCommand: [UInt32: FamilyPolicy] = [:]) {
        self.family = family
        self.all = all
        self.perCommand = perCommand
    }

    /// Dumps the policies of the family `family` over `connection`.
    public static func load<Transport: NetlinkTransport & ~Copyable>(
        family: GenericNetlinkFamily, connection: inout GenericNetlinkConnection<Transport>
    ) throws -> KernelPolicies {
        let all = try connection.policy(ofFamily: family.name)
        var perCommand: [UInt32: FamilyPolicy] = [:]
        for operation in family.operations
        where operation.flags.contains(.hasPolicy) && all.commands[operation.command] == nil {
            perCommand[operation.command] = try connection.policy(ofFamily: family.name, command: operation.command)
        }
        return KernelPolicies(family: family, all: all, perCommand: perCommand)
    }

    /// The policies `command`'s indexes point into.
    public func policies(ofCommand command: UInt32) -> FamilyPolicy {
        perCommand[command] ?? all
    }

    /// The index of the policy `command` checks requests in `mode` with; nil when it has none.
    public func policyIndex(ofCommand command: UInt32, mode: OperationMode) -> UInt32? {
        var entry = all.commands[command]
        if let alone = perCommand[command] {
            // Asked alone, it is the only command: under its number, or under 0.
            entry = alone.commands[command] ?? alone.commands[0]
        }
        return mode == .do ? entry?.doPolicy : entry?.dumpPolicy
    }

    /// What `command` accepts in `mode`, attribute by attribute; nil when it has no policy.
    public func rules(ofCommand command: UInt32, mode: OperationMode) -> [UInt16: AttributePolicy]? {
        policyIndex(ofCommand: command, mode: mode).flatMap { policies(ofCommand: command).policies[$0] }
    }
}
