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
// Computed and inlinable, not stored: a stored static is reached through a lazy-init
// accessor on every use, and these are read for every message received.
public enum NetlinkMessageType {
    /// `NLMSG_NOOP`: nothing; skipped.
    @inlinable public static var noop: UInt16 { UInt16(NLMSG_NOOP) }
    /// `NLMSG_ERROR`: an error, or an acknowledgement when its error is 0.
    @inlinable public static var error: UInt16 { UInt16(NLMSG_ERROR) }
    /// `NLMSG_DONE`: the end of a multipart message (a dump).
    @inlinable public static var done: UInt16 { UInt16(NLMSG_DONE) }
    /// `NLMSG_OVERRUN`: data was lost.
    @inlinable public static var overrun: UInt16 { UInt16(NLMSG_OVERRUN) }
    /// `NLMSG_MIN_TYPE`: the first type free for protocols (and generic netlink families).
    @inlinable public static var minimumProtocolType: UInt16 { UInt16(NLMSG_MIN_TYPE) }
}

/// `nlmsg_flags`.
public struct NetlinkMessageFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16

    @inlinable
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// `NLM_F_REQUEST`: a request (set on everything sent to the kernel).
    @inlinable public static var request: Self { Self(rawValue: UInt16(NLM_F_REQUEST)) }
    /// `NLM_F_MULTI`: part of a multipart message, ended by `NLMSG_DONE`.
    @inlinable public static var multipart: Self { Self(rawValue: UInt16(NLM_F_MULTI)) }
    /// `NLM_F_ACK`: asks for an acknowledgement.
    @inlinable public static var acknowledge: Self { Self(rawValue: UInt16(NLM_F_ACK)) }
    /// `NLM_F_ECHO`: asks for the request to be echoed.
    @inlinable public static var echo: Self { Self(rawValue: UInt16(NLM_F_ECHO)) }
    /// `NLM_F_DUMP_INTR`: the dump was inconsistent because the data changed.
    @inlinable public static var dumpInterrupted: Self { Self(rawValue: UInt16(NLM_F_DUMP_INTR)) }
    /// `NLM_F_DUMP_FILTERED`: the dump was filtered as requested.
    @inlinable public static var dumpFiltered: Self { Self(rawValue: UInt16(NLM_F_DUMP_FILTERED)) }
    /// `NLM_F_ROOT`: return the whole table.
    @inlinable public static var root: Self { Self(rawValue: UInt16(NLM_F_ROOT)) }
    /// `NLM_F_MATCH`: return all matching entries.
    @inlinable public static var match: Self { Self(rawValue: UInt16(NLM_F_MATCH)) }
    /// `NLM_F_DUMP` (`NLM_F_ROOT | NLM_F_MATCH`): a dump request.
    @inlinable public static var dump: Self { [.root, .match] }
    /// `NLM_F_CAPPED` (on an `NLMSG_ERROR`): the request was not copied back in full.
    @inlinable public static var capped: Self { Self(rawValue: UInt16(NLM_F_CAPPED)) }
    /// `NLM_F_ACK_TLVS` (on an `NLMSG_ERROR`/`NLMSG_DONE`): extended-ACK attributes follow.
    @inlinable public static var acknowledgementAttributes: Self {
        Self(rawValue: UInt16(NLM_F_ACK_TLVS))
    }
}
