import CNetlink
import Netlink

/// The `gnl_foobar_xmpl` family's wire constants, taken from include/gnl_foobar_xmpl.h
/// through the C shim so they cannot drift from what the module uses.
public enum FoobarXmplFamily {
    /// `GNL_FOOBAR_XMPL_FAMILY_NAME`.
    public static let name: String = GNL_FOOBAR_XMPL_FAMILY_NAME
    /// `GNL_FOOBAR_XMPL_FAMILY_VERSION`, sent in every request's `genlmsghdr`.
    public static let version = UInt8(GNL_FOOBAR_XMPL_FAMILY_VERSION)
    /// `GNL_FOOBAR_XMPL_MSG_MAX_LEN`: the longest text the module echoes, in bytes.
    public static let maximumTextLength = Int(GNL_FOOBAR_XMPL_MSG_MAX_LEN)
    /// `GNL_FOOBAR_XMPL_DUMP_COUNT_DEFAULT`: messages in a dump without a count.
    public static let defaultDumpCount = UInt32(GNL_FOOBAR_XMPL_DUMP_COUNT_DEFAULT)
    /// `GNL_FOOBAR_XMPL_DUMP_COUNT_MAX`: the largest count the module accepts.
    public static let maximumDumpCount = UInt32(GNL_FOOBAR_XMPL_DUMP_COUNT_MAX)
    /// `GNL_FOOBAR_XMPL_REPLY_ERRNO`: what `REPLY_WITH_NLMSG_ERR` fails with.
    public static let replyErrno = Errno(rawValue: CInt(GNL_FOOBAR_XMPL_REPLY_ERRNO))
    /// `GNL_FOOBAR_XMPL_REPLY_ERR_MSG`: the extended-ACK text `REPLY_WITH_NLMSG_ERR` sends.
    public static let replyErrorMessage: String = GNL_FOOBAR_XMPL_REPLY_ERR_MSG

    /// `enum gnl_foobar_xmpl_cmd`.
    public enum Command {
        /// `GNL_FOOBAR_XMPL_C_ECHO_MSG`: echo (doit) and dump (dumpit).
        public static let echo = UInt8(GNL_FOOBAR_XMPL_C_ECHO_MSG.rawValue)
        /// `GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR`: always fails.
        public static let replyWithError = UInt8(GNL_FOOBAR_XMPL_C_REPLY_WITH_NLMSG_ERR.rawValue)
    }

    /// `enum gnl_foobar_xmpl_attr`.
    public enum Attribute {
        /// `GNL_FOOBAR_XMPL_A_MSG`: NUL-terminated string.
        public static let message = UInt16(GNL_FOOBAR_XMPL_A_MSG.rawValue)
        /// `GNL_FOOBAR_XMPL_A_DUMP_COUNT`: u32, dump requests only.
        public static let dumpCount = UInt16(GNL_FOOBAR_XMPL_A_DUMP_COUNT.rawValue)
        /// `GNL_FOOBAR_XMPL_A_DUMP_INDEX`: u32, in dump messages.
        public static let dumpIndex = UInt16(GNL_FOOBAR_XMPL_A_DUMP_INDEX.rawValue)
        /// `GNL_FOOBAR_XMPL_A_MAX`.
        public static let maximum = UInt16(GNL_FOOBAR_XMPL_A_MAX.rawValue)
    }
}
