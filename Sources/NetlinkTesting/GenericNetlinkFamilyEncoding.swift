import CNetlink
import GenericNetlink
import Netlink

extension GenericNetlinkFamily {
    /// Writes the family's `CTRL_ATTR_*` description the way nlctrl does, for a fake
    /// kernel's `CTRL_CMD_NEWFAMILY` replies (`GenericNetlinkFamily(attributes:)` reads it).
    public func appendAttributes(to encoder: inout MessageEncoder) throws {
        encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_ID), id)
        try encoder.appendAttribute(UInt16(CTRL_ATTR_FAMILY_NAME), string: name)
        encoder.appendAttribute(UInt16(CTRL_ATTR_VERSION), version)
        encoder.appendAttribute(UInt16(CTRL_ATTR_HDRSIZE), headerSize)
        encoder.appendAttribute(UInt16(CTRL_ATTR_MAXATTR), maximumAttribute)
        try encoder.appendNested(UInt16(CTRL_ATTR_OPS)) { list in
            for (number, operation) in operations.enumerated() {
                try list.appendNested(UInt16(number + 1)) {
                    $0.appendAttribute(UInt16(CTRL_ATTR_OP_ID), operation.command)
                    $0.appendAttribute(UInt16(CTRL_ATTR_OP_FLAGS), operation.flags.rawValue)
                }
            }
        }
        try encoder.appendNested(UInt16(CTRL_ATTR_MCAST_GROUPS)) { list in
            for (number, group) in multicastGroups.enumerated() {
                try list.appendNested(UInt16(number + 1)) {
                    try $0.appendAttribute(UInt16(CTRL_ATTR_MCAST_GRP_NAME), string: group.name)
                    $0.appendAttribute(UInt16(CTRL_ATTR_MCAST_GRP_ID), group.id)
                }
            }
        }
    }
}
