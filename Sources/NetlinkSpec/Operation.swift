/// `operations`: the family's commands and how their numbers are assigned.
public struct Operations: Hashable, Sendable {
    public enum EnumModel: String, Hashable, Sendable, CaseIterable {
        /// One number per command, the same in requests and replies.
        case unified
        /// Requests and replies (and notifications) numbered apart (genetlink-legacy).
        case directional
    }

    public var enumModel: EnumModel
    /// `name-prefix`: replaces the default `<family>-cmd-` of the C command names.
    public var namePrefix: String?
    public var enumName: OptionalName
    /// Notifications in an enum of their own (`async-prefix`, `async-enum`).
    public var asyncPrefix: String?
    public var asyncEnum: OptionalName
    /// A struct every message carries after `genlmsghdr` (genetlink-legacy).
    public var fixedHeader: String?
    public var list: [Operation]

    public func operation(named name: String) -> Operation? { list.first { $0.name == name } }
}

/// One command of the family.
public struct Operation: Hashable, Sendable {
    public enum Flag: String, Hashable, Sendable, CaseIterable {
        /// Needs `CAP_NET_ADMIN` (`GENL_ADMIN_PERM`).
        case adminPerm = "admin-perm"
        /// Needs `CAP_NET_ADMIN` in the socket's user namespace (`GENL_UNS_ADMIN_PERM`).
        case unsAdminPerm = "uns-admin-perm"
    }

    public enum DontValidate: String, Hashable, Sendable, CaseIterable {
        case strict, dump
        case dumpStrict = "dump-strict"
    }

    public var name: String
    /// Where it is in the spec.
    public var location: SpecLocation
    public var doc: String
    /// The set its messages' attributes come from; nil for notifications that borrow
    /// another operation's (`notify`) and for reserved numbers.
    public var attributeSet: String?
    public var flags: [Flag]
    public var dontValidate: [DontValidate]
    /// `config-cond`: the kernel option (without `CONFIG_`) the command depends on.
    public var configCondition: String?
    public var fixedHeader: String?
    public var doMode: Mode?
    public var dumpMode: Mode?
    /// A notification with the reply of that operation's `do`.
    public var notify: String?
    /// A notification with these attributes.
    public var event: [String]?
    /// The multicast group the notification goes to.
    public var multicastGroup: String?
    /// `value:` as the spec gives it; the numbers below are resolved from it.
    public var explicitValue: Int?
    /// The command number in requests (`genlmsghdr.cmd`); nil when it has none (a
    /// notification in the directional model).
    public var requestValue: Int?
    /// The command number in replies and notifications.
    public var replyValue: Int?

    /// A notification (`notify` or `event`) rather than a request the kernel answers.
    public var isNotification: Bool { notify != nil || event != nil }

    /// The number in both directions when they agree (the unified model), else nil.
    public var value: Int? { requestValue == replyValue ? requestValue : nil }
}

/// The `do` or `dump` half of an operation.
public struct Mode: Hashable, Sendable {
    public var request: Message?
    public var reply: Message?
    /// `pre`/`post`: hooks the kernel runs around the handler (`pre_doit`/`start`,
    /// `post_doit`/`done`).
    public var pre: String?
    public var post: String?
}

/// The attributes a request or reply carries.
public struct Message: Hashable, Sendable {
    public var attributes: [String]
    /// Its own command number in the directional model.
    public var value: Int?
}

public struct MulticastGroup: Hashable, Sendable {
    public var name: String
    /// `c-define-name` (genetlink-c).
    public var cDefineName: String?
    public var flags: [Operation.Flag]
}
