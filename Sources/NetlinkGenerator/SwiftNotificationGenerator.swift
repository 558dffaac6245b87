import NetlinkSpec

/// The notification side of a generated Swift client: the family's multicast groups, a
/// `Notification` enum of the spec's `notify` and `event` operations (each with its
/// attributes decoded: a notify op carries the reply set of the operation it names, an
/// event op its own set), and `subscribe(to:)` methods on the client that hand them out
/// typed, over the kit's `NotificationSubscription`.
extension SwiftClientGenerator {
    /// The notifications the spec lists that can be decoded: each with the attribute set
    /// its messages carry.
    var notifications: [(operation: Operation, set: String)] {
        spec.operations.list.compactMap { operation in
            guard operation.replyValue != nil else { return nil }
            if let target = operation.notify {
                return spec.operations.operation(named: target)?.attributeSet.map { (operation, $0) }
            }
            guard operation.event != nil, let set = operation.attributeSet else { return nil }
            return (operation, set)
        }
    }

    /// Whether the client can subscribe: the spec has groups and notifications to decode.
    var hasSubscriptions: Bool {
        !spec.multicastGroups.isEmpty && !notifications.isEmpty
    }

    /// `MulticastGroup` and `Notification`, inside the family's namespace.
    func writeNotificationTypes(_ out: inout SwiftWriter) {
        guard hasSubscriptions else { return }
        out.blank()
        out.line("/// The family's multicast groups, by the names the kernel registers them under.")
        out.open("public enum MulticastGroup: String, Hashable, Sendable, CaseIterable")
        for group in spec.multicastGroups {
            out.line("case \(SwiftNames.lowerCamel(group.name)) = \(SwiftNames.literal(group.name))")
        }
        out.close()
        out.blank()
        out.line("/// A notification the family multicasts: the spec's notify and event operations, each")
        out.line("/// with its attributes decoded.")
        out.open("public enum Notification: Hashable, Sendable")
        for (operation, set) in notifications {
            out.lines(SwiftNames.docLines(operation.doc, indent: ""))
            out.line("case \(SwiftNames.lowerCamel(operation.name))(\(types.setShort(set)))")
        }
        out.blank()
        out.line("/// The spec's name of the notification.")
        out.open("public var name: String")
        out.line("switch self {")
        for (operation, _) in notifications {
            out.line("case .\(SwiftNames.lowerCamel(operation.name)): \(SwiftNames.literal(operation.name))")
        }
        out.line("}")
        out.close()
        out.blank()
        out.line("/// Decodes a notification from its header and attributes; nil for a command that is")
        out.line("/// none of the spec's notifications (one a newer kernel sends, say).")
        out.open("public init?(header: GenericNetlinkHeader, attributes: RawSpan) throws")
        out.line("switch header.command {")
        for (operation, set) in notifications {
            out.line(
                "case \(operation.replyValue!): self = .\(SwiftNames.lowerCamel(operation.name))(try \(types.setShort(set))(attributes: attributes))")
        }
        out.line("default: return nil")
        out.line("}")
        out.close()
        out.close()
    }

    /// The client's `subscribe(to:)` methods, in an extension of their own.
    func writeSubscriptions(_ out: inout SwiftWriter) {
        guard hasSubscriptions else { return }
        let groups = "[\(namespace).MulticastGroup]"
        let notification = "\(namespace).Notification"
        let decode = "decode: \(notification).init(header:attributes:)"
        out.blank()
        out.open("extension \(clientName) where Transport: ~Copyable")
        out.line("/// Subscribes to `groups` on a socket of its own and hands out the family's")
        out.line("/// notifications typed (see `NotificationSubscription`); `receiveBufferSize` sets the")
        out.line("/// socket's receive buffer. Throws `MulticastGroupNotFoundError` for a group the running")
        out.line("/// kernel does not have.")
        out.open(
            "public func subscribe(to groups: \(groups), receiveBufferSize: Int? = nil) throws -> NotificationSubscription<\(notification), NetlinkSocket>")
        out.line("try base.subscribe(to: groups.map(\\.rawValue), receiveBufferSize: receiveBufferSize, \(decode))")
        out.close()
        out.blank()
        out.line("/// `subscribe(to:receiveBufferSize:)` over `transport` (a test double, say).")
        out.open(
            "public func subscribe<SubscriptionTransport: NetlinkMulticastTransport & ~Copyable>(to groups: \(groups), transport: consuming SubscriptionTransport) throws -> NotificationSubscription<\(notification), SubscriptionTransport>")
        out.line("try base.subscribe(to: groups.map(\\.rawValue), transport: transport, \(decode))")
        out.close()
        out.close()
    }
}
