import CNetlink
import Netlink

/// A family registered or unregistered, as nlctrl announces it to its `notify` group:
/// what keeps a long-lived client's cached family ids right across module reloads.
public enum FamilyChange: Hashable, Sendable {
    /// `CTRL_CMD_NEWFAMILY`: a family was registered (its module loaded), with the id and
    /// group ids the kernel gave it this time.
    case registered(GenericNetlinkFamily)
    /// `CTRL_CMD_DELFAMILY`: a family was unregistered (its module unloaded).
    case unregistered(GenericNetlinkFamily)

    /// The family registered or unregistered.
    public var family: GenericNetlinkFamily {
        switch self {
        case .registered(let family), .unregistered(let family): family
        }
    }

    /// Decodes one of nlctrl's notifications; nil for the others (groups added or
    /// removed, which the family's own change lists).
    public init?(header: GenericNetlinkHeader, attributes: RawSpan) throws {
        let command = Int(header.command)
        guard command == CTRL_CMD_NEWFAMILY || command == CTRL_CMD_DELFAMILY else { return nil }
        // Rare, and kept: the description outlives the receive buffer, so copy it.
        let family = try GenericNetlinkFamily(attributes: attributes.withUnsafeBytes { ArraySlice($0) })
        self = command == CTRL_CMD_NEWFAMILY ? .registered(family) : .unregistered(family)
    }
}

extension Controller {
    /// nlctrl's multicast group for family changes.
    public static let notifyGroupName = "notify"
}

extension NotificationSubscription where Notification == FamilyChange, Transport: ~Copyable {
    /// A subscription to nlctrl's `notify` group, whose description `controller` is: every
    /// family registered or unregistered from now on.
    public init(familyChangesFrom controller: GenericNetlinkFamily, transport: consuming Transport) throws {
        self.init(family: controller, transport: transport, decode: FamilyChange.init(header:attributes:))
        try join(Controller.notifyGroupName)
    }
}
