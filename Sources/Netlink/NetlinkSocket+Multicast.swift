import CNetlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a subscription needs of a socket: groups, a receive that can give up, and a
/// receive buffer of a chosen size.
extension NetlinkSocket: NetlinkMulticastTransport {
    public mutating func joinGroup(_ group: UInt32) throws {
        try setOption(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, name: "NETLINK_ADD_MEMBERSHIP")
    }

    public mutating func leaveGroup(_ group: UInt32) throws {
        try setOption(SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, group, name: "NETLINK_DROP_MEMBERSHIP")
    }

    public mutating func receive(into buffer: inout [UInt8], timeout: Duration?) throws -> Int? {
        let deadline = timeout == .zero ? nil : timeout.map(Deadline.init(after:))
        while true {
            // What is waiting is read straight away; only an empty socket is waited on (a
            // poll before every read cost a second syscall per notification in a burst).
            // MSG_DONTWAIT: a datagram from another socket is skipped, and the wait goes on.
            var sender = sockaddr_nl()
            var senderLength = socklen_t(MemoryLayout<sockaddr_nl>.size)
            let received = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &sender) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(descriptor, bytes.baseAddress, bytes.count,
                            CInt(MSG_TRUNC) | CInt(MSG_DONTWAIT), $0, &senderLength)
                    }
                }
            }
            if received < 0 {
                let error = Errno.current
                if error == .interrupted { continue }
                guard error == Errno(rawValue: EAGAIN) else { throw SystemCallError(call: "recvfrom", errno: error) }
                // A zero timeout asks for what is waiting only: no poll to learn there is none.
                if timeout == .zero { return nil }
                // Nothing waiting: wait until something is (or fails: an overflow shows as
                // POLLERR and then as recv's ENOBUFS). The time left is taken again after an
                // interruption, so the wait never grows.
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = try Self.retryingInterrupts("poll") {
                    Int(poll(&waiting, 1, deadline?.remaining.pollMilliseconds ?? -1))
                }
                guard ready > 0 else { return nil }
                continue
            }
            if received > buffer.count {
                throw TruncatedDatagramError.growing(&buffer, toHold: received)
            }
            if sender.nl_pid == 0 {
                return received
            }
        }
    }

    /// Sets the kernel's receive buffer for this socket (`SO_RCVBUFFORCE`, which may pass
    /// the system's `rmem_max` but needs `CAP_NET_ADMIN`; `SO_RCVBUF` without it). A
    /// subscriber that reads slowly needs a large one; a test that wants an overrun, a
    /// small one. The kernel doubles the value for its bookkeeping and keeps a minimum.
    public mutating func setReceiveBufferSize(_ bytes: Int) throws {
        let size = CInt(clamping: bytes)
        do {
            try setOption(SOL_SOCKET, SO_RCVBUFFORCE, size, name: "SO_RCVBUFFORCE")
        } catch where error.errno == .notPermitted {
            try setOption(SOL_SOCKET, SO_RCVBUF, size, name: "SO_RCVBUF")
        }
    }

    /// The kernel's receive buffer for this socket in bytes (`SO_RCVBUF`: what
    /// `setReceiveBufferSize` asked for, doubled).
    public func receiveBufferSize() throws -> Int {
        var size: CInt = 0
        var length = socklen_t(MemoryLayout<CInt>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, &length) == 0 else {
            throw SystemCallError(call: "getsockopt(SO_RCVBUF)", errno: .current)
        }
        return Int(size)
    }

    private func setOption<Value: BitwiseCopyable>(
        _ level: CInt, _ option: CInt, _ value: Value, name: String
    ) throws(SystemCallError) {
        var value = value
        guard setsockopt(descriptor, level, option, &value, socklen_t(MemoryLayout<Value>.size)) == 0
        else {
            throw SystemCallError(call: "setsockopt(\(name))", errno: .current)
        }
    }
}
