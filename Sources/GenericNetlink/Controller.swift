import CNetlink
import Netlink

/// The controller family, nlctrl, which every kernel registers at a fixed id.
public enum Controller {
    /// `GENL_ID_CTRL` (0x10).
    public static let familyID = UInt16(GENL_ID_CTRL)
    /// "nlctrl".
    public static let familyName = "nlctrl"
    /// The controller interface version requests carry.
    static let version: UInt8 = 1
}

extension GenericNetlinkConnection where Transport: ~Copyable {
    /// The family called `name`, from the cache or asked of nlctrl (`CTRL_CMD_GETFAMILY`).
    /// Throws `FamilyNotFoundError` when no such family is registered.
    public mutating func family(named name: String) throws -> GenericNetlinkFamily {
        if let cached = familyCache[name] {
            return cached
        }
        let family: GenericNetlinkFamily
        do {
            family = try request(
                family: Controller.familyID, command: UInt8(CTRL_CMD_GETFAMILY),
                version: Controller.version,
                { try $0.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: name) },
                reply: GenericNetlinkFamily.init(decoding:))
        } catch let error as NetlinkError where error.errno == .noSuchFileOrDirectory {
            throw FamilyNotFoundError(name: name)
        }
        familyCache[name] = family
        return family
    }

    /// Every registered family (a `CTRL_CMD_GETFAMILY` dump); refreshes the cache.
    public mutating func families() throws -> [GenericNetlinkFamily] {
        let families = try dumpCollecting(
            family: Controller.familyID, command: UInt8(CTRL_CMD_GETFAMILY),
            version: Controller.version, retry: .attempts(3),
            decode: GenericNetlinkFamily.init(decoding:))
        familyCache = [:]
        for family in families {
            familyCache[family.name] = family
        }
        return families
    }

    /// Drops the cached families, e.g. after a module was reloaded and its id changed.
    public mutating func forgetCachedFamilies() {
        familyCache = [:]
    }
}
