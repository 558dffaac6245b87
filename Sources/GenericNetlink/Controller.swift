import CNetlink
import Netlink

/// The controller family, nlctrl, which every kernel registers at a fixed id.
public enum Controller {
    /// `GENL_ID_CTRL` (0x10).
    public static let familyID = UInt16(GENL_ID_CTRL)
    /// "nlctrl".
    public static let familyName = "nlctrl"
    /// The controller interface version requests carry.
    @usableFromInline static let version: UInt8 = 1
}

extension GenericNetlinkConnection where Transport: ~Copyable {
    /// The family called `name`, from the cache or asked of nlctrl (`CTRL_CMD_GETFAMILY`).
    /// Throws `FamilyNotFoundError` when no such family is registered.
    public mutating func family(named name: String) throws -> GenericNetlinkFamily {
        if let cached = familyCache[name] {
            return cached
        }
        let family = try getFamily(named: name) { _, attributes in
            // Once per family: the description outlives the receive buffer, so copy it.
            try GenericNetlinkFamily(attributes: attributes.withUnsafeBytes { ArraySlice($0) })
        }
        familyCache[name] = family
        familyIDCache[name] = family.id
        return family
    }

    /// The id of the family called `name`, from the cache or asked of nlctrl; of the
    /// reply only the id is read, so this is the cheap way to resolve a family.
    /// Throws `FamilyNotFoundError` when no such family is registered.
    @inlinable
    public mutating func familyID(named name: String) throws -> UInt16 {
        if let cached = familyIDCache[name] {
            return cached
        }
        let id = try queryFamilyID(named: name)
        familyIDCache[name] = id
        return id
    }

    /// Asks nlctrl for the id of the family called `name` every time: neither reads nor
    /// fills the cache. Throws `FamilyNotFoundError` when no such family is registered.
    @inlinable
    public mutating func queryFamilyID(named name: String) throws -> UInt16 {
        try getFamily(named: name) { _, attributes in
            var id: UInt16?
            try AttributeDecoder.forEach(in: attributes) { header, payload in
                if header.type == CTRL_ATTR_FAMILY_ID {
                    id = try header.integer(in: attributes.extracting(unchecked: payload))
                }
            }
            guard let id else {
                throw MalformedMessageError("family description without an id")
            }
            return id
        }
    }

    /// Asks nlctrl about the family called `name` (`CTRL_CMD_GETFAMILY`) and decodes the
    /// reply with `decodeReply`; an unknown family is thrown as `FamilyNotFoundError`.
    @inlinable
    mutating func getFamily<Reply>(
        named name: String, reply decodeReply: (GenericNetlinkHeader, RawSpan) throws -> Reply
    ) throws -> Reply {
        do {
            return try request(
                family: Controller.familyID, command: UInt8(CTRL_CMD_GETFAMILY),
                version: Controller.version,
                { try $0.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: name) },
                replyAttributes: decodeReply)
        } catch let error as NetlinkError where error.errno == .noSuchFileOrDirectory {
            throw FamilyNotFoundError(name: name)
        }
    }

    /// Every registered family (a `CTRL_CMD_GETFAMILY` dump); refreshes the cache.
    public mutating func families() throws -> [GenericNetlinkFamily] {
        let families = try dumpCollecting(
            family: Controller.familyID, command: UInt8(CTRL_CMD_GETFAMILY),
            version: Controller.version, retry: .attempts(3),
            decode: GenericNetlinkFamily.init(decoding:))
        familyCache = [:]
        familyIDCache = [:]
        for family in families {
            familyCache[family.name] = family
            familyIDCache[family.name] = family.id
        }
        return families
    }

    /// Drops the cached families, e.g. after a module was reloaded and its id changed.
    public mutating func forgetCachedFamilies() {
        familyCache = [:]
        familyIDCache = [:]
    }

    /// Drops what is cached about the family called `name`: the next look-up asks nlctrl.
    public mutating func forgetCachedFamily(named name: String) {
        familyCache[name] = nil
        familyIDCache[name] = nil
    }

    /// Brings the cache up to date with a change nlctrl announced: a registered family's
    /// description is kept (the new id replaces the old one), an unregistered one's
    /// dropped.
    public mutating func apply(_ change: FamilyChange) {
        switch change {
        case .registered(let family):
            familyCache[family.name] = family
            familyIDCache[family.name] = family.id
        case .unregistered(let family):
            // Only if it is the registration cached: a newer one may have been seen first.
            if familyIDCache[family.name] == family.id { forgetCachedFamily(named: family.name) }
        }
    }

    /// Subscribes `transport` to nlctrl's `notify` group: every family registered or
    /// unregistered from now on, for `apply(_:)`.
    public mutating func subscribeToFamilyChanges<SubscriptionTransport: NetlinkMulticastTransport & ~Copyable>(
        transport: consuming SubscriptionTransport
    ) throws -> NotificationSubscription<FamilyChange, SubscriptionTransport> {
        try NotificationSubscription(
            familyChangesFrom: family(named: Controller.familyName), transport: transport)
    }
}
