import CNetlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An `AF_NETLINK` socket that owns its descriptor and closes it exactly once, when the
/// value goes away.
///
/// It is bound to a kernel-assigned port id and has `NETLINK_EXT_ACK` (error messages) and
/// `NETLINK_CAP_ACK` (errors do not copy the request back) enabled, and for protocols other
/// than `NETLINK_GENERIC` `NETLINK_GET_STRICT_CHK` (the kernel rejects what it does not
/// understand), which generic netlink never reads.
public struct NetlinkSocket: NetlinkTransport, ~Copyable {
    /// The file descriptor; valid as long as this value lives.
    public let descriptor: CInt
    public let portID: UInt32

    /// Opens a socket for a netlink protocol (`NETLINK_GENERIC` by default).
    public init(protocol netlinkProtocol: CInt = NETLINK_GENERIC) throws(SystemCallError) {
        let descriptor = socket(AF_NETLINK, CInt(SOCK_RAW.rawValue) | CInt(SOCK_CLOEXEC.rawValue),
            netlinkProtocol)
        guard descriptor >= 0 else {
            throw SystemCallError(call: "socket", errno: .current)
        }
        do {
            try Self.enable(NETLINK_EXT_ACK, on: descriptor)
            try Self.enable(NETLINK_CAP_ACK, on: descriptor)
            // Read only by rtnetlink-family handlers (netlink_strict_get_check, cb->strict_check); genetlink validates by each op's flags.
            if netlinkProtocol != NETLINK_GENERIC { try Self.enable(NETLINK_GET_STRICT_CHK, on: descriptor) }
            portID = try Self.bindToKernelAssignedPort(descriptor)
        } catch {
            // deinit does not run for a value that was never fully initialised.
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    deinit {
        // Never retried: after EINTR the descriptor is already gone on Linux.
        close(descriptor)
    }

    @inlinable
    public mutating func send(_ datagram: UnsafeRawBufferPointer) throws {
        var kernel = Self.address(port: 0)
        let sent = try Self.retryingInterrupts("sendto") {
            withUnsafePointer(to: &kernel) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, datagram.baseAddress, datagram.count, 0, $0,
                        socklen_t(MemoryLayout<sockaddr_nl>.size))
                }
            }
        }
        // Datagram sockets send all or nothing; report a short send rather than trap.
        guard sent == datagram.count else {
            throw SystemCallError(call: "sendto", errno: Errno(rawValue: EMSGSIZE))
        }
    }

    @inlinable
    public mutating func receive(into buffer: inout [UInt8]) throws -> Int {
        while true {
            var sender = sockaddr_nl()
            var senderLength = socklen_t(MemoryLayout<sockaddr_nl>.size)
            // recvfrom, not recvmsg: the kernel need not copy in a msghdr and an iovec.
            // MSG_TRUNC returns the datagram's real length, so a short buffer shows.
            let received = try Self.retryingInterrupts("recvfrom") {
                buffer.withUnsafeMutableBytes { bytes in
                    withUnsafeMutablePointer(to: &sender) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            recvfrom(descriptor, bytes.baseAddress, bytes.count,
                                CInt(MSG_TRUNC), $0, &senderLength)
                        }
                    }
                }
            }
            if received > buffer.count {
                throw TruncatedDatagramError.growing(&buffer, toHold: received)
            }
            // Only the kernel (port 0) answers requests; ignore other sockets' datagrams.
            if sender.nl_pid == 0 {
                return received
            }
        }
    }

    /// Calls a system call until it is not interrupted; turns -1 into `SystemCallError`.
    @inlinable
    static func retryingInterrupts(
        _ call: String, _ body: () -> Int
    ) throws(SystemCallError) -> Int {
        while true {
            let result = body()
            if result >= 0 { return result }
            let error = Errno.current
            if error != .interrupted {
                throw SystemCallError(call: call, errno: error)
            }
        }
    }

    private static func enable(_ option: CInt, on descriptor: CInt) throws(SystemCallError) {
        var on: CInt = 1
        let result = setsockopt(
            descriptor, SOL_NETLINK, option, &on, socklen_t(MemoryLayout<CInt>.size))
        guard result == 0 else {
            throw SystemCallError(call: "setsockopt(\(optionName(option)))", errno: .current)
        }
    }

    private static func optionName(_ option: CInt) -> String {
        switch option {
        case NETLINK_EXT_ACK: "NETLINK_EXT_ACK"
        case NETLINK_CAP_ACK: "NETLINK_CAP_ACK"
        case NETLINK_GET_STRICT_CHK: "NETLINK_GET_STRICT_CHK"
        default: "\(option)"
        }
    }

    /// Binds to port 0, which lets the kernel pick a free port id, and reads it back.
    private static func bindToKernelAssignedPort(_ descriptor: CInt) throws(SystemCallError)
        -> UInt32
    {
        var local = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_nl>.size)
        let bound = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length)
            }
        }
        guard bound == 0 else { throw SystemCallError(call: "bind", errno: .current) }
        let named = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(descriptor, $0, &length)
            }
        }
        guard named == 0 else { throw SystemCallError(call: "getsockname", errno: .current) }
        return local.nl_pid
    }

    @inlinable
    static func address(port: UInt32) -> sockaddr_nl {
        var address = sockaddr_nl()
        address.nl_family = sa_family_t(AF_NETLINK)
        address.nl_pid = port
        return address
    }
}
