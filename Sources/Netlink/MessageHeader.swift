import CNetlink

/// `struct nlmsghdr`: the 16-byte header in front of every netlink message.
public struct NetlinkMessageHeader: Hashable, Sendable {
    /// `nlmsg_len`: header and payload, in bytes.
    public var length: UInt32
    /// `nlmsg_type`: a control type (`NetlinkMessageType`) or the family's id.
    public var type: UInt16
    /// `nlmsg_flags`.
    public var flags: NetlinkMessageFlags
    /// `nlmsg_seq`.
    public var sequence: UInt32
    /// `nlmsg_pid`: the sender's port id in requests, the receiver's in replies.
    public var portID: UInt32

    @inlinable
    public init(
        length: UInt32, type: UInt16, flags: NetlinkMessageFlags, sequence: UInt32,
        portID: UInt32
    ) {
        self.length = length
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
    }

    /// Reads a header from the start of `bytes`; nil when fewer than 16 bytes remain.
    @inlinable
    public init?(decoding bytes: ArraySlice<UInt8>) {
        guard bytes.count >= MemoryLayout<nlmsghdr>.size else { return nil }
        self.init(bytes.withUnsafeBytes { $0.loadUnaligned(as: nlmsghdr.self) })
    }

    /// The header as the kernel's `struct nlmsghdr` holds it.
    @inlinable
    init(_ header: nlmsghdr) {
        self.init(
            length: header.nlmsg_len, type: header.nlmsg_type,
            flags: NetlinkMessageFlags(rawValue: header.nlmsg_flags),
            sequence: header.nlmsg_seq, portID: header.nlmsg_pid)
    }
}

/// The control message types every netlink protocol shares.
public enum NetlinkMessageType {
    /// `NLMSG_NOOP`: nothing; skipped.
    public static let noop = UInt16(NLMSG_NOOP)
    /// `NLMSG_ERROR`: an error, or an acknowledgement when its error is 0.
    public static let error = UInt16(NLMSG_ERROR)
    /// `NLMSG_DONE`: the end of a multipart message (a dump).
    public static let done = UInt16(NLMSG_DONE)
    /// `NLMSG_OVERRUN`: data was lost.
    public static let overrun = UInt16(NLMSG_OVERRUN)
    /// `NLMSG_MIN_TYPE`: the first type free for protocols (and generic netlink families).
    public static let minimumProtocolType = UInt16(NLMSG_MIN_TYPE)
}

/// `nlmsg_flags`.
public struct NetlinkMessageFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16

    @inlinable
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// `NLM_F_REQUEST`: a request (set on everything sent to the kernel).
    public static let request = NetlinkMessageFlags(rawValue: UInt16(NLM_F_REQUEST))
    /// `NLM_F_MULTI`: part of a multipart message, ended by `NLMSG_DONE`.
    public static let multipart = NetlinkMessageFlags(rawValue: UInt16(NLM_F_MULTI))
    /// `NLM_F_ACK`: asks for an acknowledgement.
    public static let acknowledge = NetlinkMessageFlags(rawValue: UInt16(NLM_F_ACK))
    /// `NLM_F_ECHO`: asks for the request to be echoed.
    public static let echo = NetlinkMessageFlags(rawValue: UInt16(NLM_F_ECHO))
    /// `NLM_F_DUMP_INTR`: the dump was inconsistent because the data changed.
    public static let dumpInterrupted = NetlinkMessageFlags(rawValue: UInt16(NLM_F_DUMP_INTR))
    /// `NLM_F_DUMP_FILTERED`: the dump was filtered as requested.
    public static let dumpFiltered = NetlinkMessageFlags(rawValue: UInt16(NLM_F_DUMP_FILTERED))
    /// `NLM_F_ROOT`: return the whole table.
    public static let root = NetlinkMessageFlags(rawValue: UInt16(NLM_F_ROOT))
    /// `NLM_F_MATCH`: return all matching entries.
    public static let match = NetlinkMessageFlags(rawValue: UInt16(NLM_F_MATCH))
    /// `NLM_F_DUMP` (`NLM_F_ROOT | NLM_F_MATCH`): a dump request.
    public static let dump: NetlinkMessageFlags = [.root, .match]
    /// `NLM_F_CAPPED` (on an `NLMSG_ERROR`): the request was not copied back in full.
    public static let capped = NetlinkMessageFlags(rawValue: UInt16(NLM_F_CAPPED))
    /// `NLM_F_ACK_TLVS` (on an `NLMSG_ERROR`/`NLMSG_DONE`): extended-ACK attributes follow.
    public static let acknowledgementAttributes = NetlinkMessageFlags(
        rawValue: UInt16(NLM_F_ACK_TLVS))
}
