import CLibnlGenl
import Netlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// The three libnl objects the client uses, each owned by a `~Copyable` value whose
// `deinit` releases it: it is freed exactly once, whichever path ends its life.

/// A connected `NETLINK_GENERIC` `struct nl_sock`, set up the way the C baseline
/// (c-libnl) sets up its own: extended ACK on and capped, and one `recvmsg` per datagram.
struct LibnlSocket: ~Copyable {
    /// Large enough for any dump datagram (the kernel makes them 32 KiB at most), so
    /// libnl reads each one once instead of peeking at its size first.
    static let receiveBufferSize = 64 * 1024

    /// `SO_SNDBUF` for the largest request: a string attribute of 65535 bytes behind the
    /// headers (the kernel doubles the value and wants the message 32 bytes below that).
    static let sendBufferSize = 64 * 1024

    let pointer: OpaquePointer

    init() throws {
        guard let socket = nl_socket_alloc() else {
            throw SystemCallError(call: "nl_socket_alloc", errno: Errno(rawValue: ENOMEM))
        }
        do {
            try Self.configure(socket)
        } catch {
            nl_socket_free(socket)
            throw error
        }
        pointer = socket
    }

    private static func configure(_ socket: OpaquePointer) throws {
        try LibnlFailure.check(call: "genl_connect") { genl_connect(socket) }
        // libnl's default send buffer (32 KiB) refuses the longest requests with EMSGSIZE
        // before the kernel sees them; the raw backend sends them. (0: libnl's receive
        // buffer default.)
        try LibnlFailure.check(call: "nl_socket_set_buffer_size") {
            nl_socket_set_buffer_size(socket, 0, CInt(sendBufferSize))
        }
        let descriptor = nl_socket_get_fd(socket)
        // libnl 3.7 neither asks for extended ACK nor parses it; the error callback
        // reads it from the NLMSG_ERROR (see LibnlKernelError).
        try enable(NETLINK_EXT_ACK, "NETLINK_EXT_ACK", on: descriptor)
        // Errors quote only our request's header, not all of it.
        try enable(NETLINK_CAP_ACK, "NETLINK_CAP_ACK", on: descriptor)
        try LibnlFailure.check(call: "nl_socket_set_msg_buf_size") {
            nl_socket_set_msg_buf_size(socket, receiveBufferSize)
        }
        nl_socket_disable_msg_peek(socket)
    }

    private static func enable(_ option: CInt, _ name: String, on descriptor: CInt) throws {
        var one: CInt = 1
        if setsockopt(
            descriptor, SOL_NETLINK, option, &one, socklen_t(MemoryLayout<CInt>.size)) != 0
        {
            throw SystemCallError(call: "setsockopt(\(name))", errno: Errno(rawValue: errno))
        }
    }

    deinit {
        nl_socket_free(pointer)
    }
}

/// A `struct nl_cb`: the callbacks one client reuses for all its requests.
struct LibnlCallbacks: ~Copyable {
    let pointer: OpaquePointer

    init() throws {
        guard let callbacks = nl_cb_alloc(NL_CB_DEFAULT) else {
            throw SystemCallError(call: "nl_cb_alloc", errno: Errno(rawValue: ENOMEM))
        }
        pointer = callbacks
    }

    deinit {
        nl_cb_put(pointer)
    }
}

/// A `struct nl_msg`: one request, freed when the request is over.
struct LibnlMessage: ~Copyable {
    let pointer: OpaquePointer

    /// A message with room for a generic netlink header and `attributeSpace` bytes of
    /// attributes. (libnl's default is one page, too small for a 4 KiB text.)
    init(attributeSpace: Int) throws {
        // NLMSG_SPACE(GENL_HDRLEN + attributeSpace)
        let size = nlmsg_total_size(CInt(MemoryLayout<genlmsghdr>.size + attributeSpace))
        guard let message = nlmsg_alloc_size(Int(size)) else {
            throw SystemCallError(call: "nlmsg_alloc_size", errno: Errno(rawValue: ENOMEM))
        }
        pointer = message
    }

    /// The message's `struct nlmsghdr`.
    var header: UnsafeMutablePointer<nlmsghdr> {
        nlmsg_hdr(pointer)
    }

    deinit {
        nlmsg_free(pointer)
    }
}
