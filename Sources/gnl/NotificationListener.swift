import CNetlink
import CommandLineSupport
import GenericNetlink
import Netlink
import SpecDrivenNetlink

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `--subscribe GROUP`: a socket of its own joined to one of the family's multicast
/// groups, then its notifications printed one JSON line each until `--duration` or
/// `--count`.
///
/// A small stand-in, kept to this file, until the kit has a subscription API of its own:
/// it joins with `NETLINK_ADD_MEMBERSHIP` on the `NetlinkSocket`'s descriptor and reads
/// datagrams itself. It is opened before any request of the same command line, so the
/// notifications that request causes are seen (as ynl does).
struct NotificationListener: ~Copyable {
    private var socket: NetlinkSocket
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private let familyID: UInt16

    init(familyName: String, group name: String) throws {
        var connection = try GenericNetlinkConnection()
        let family = try connection.family(named: familyName)
        guard let group = family.multicastGroups.first(where: { $0.name == name }) else {
            let known = family.multicastGroups.map(\.name).joined(separator: ", ")
            throw CommandFailure("family \(familyName) has no multicast group '\(name)' (groups: \(known.isEmpty ? "none" : known))")
        }
        let socket = try NetlinkSocket()
        var id = CInt(bitPattern: group.id)
        guard setsockopt(socket.descriptor, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &id, socklen_t(MemoryLayout<CInt>.size)) == 0 else {
            throw SystemCallError(call: "setsockopt(NETLINK_ADD_MEMBERSHIP)", errno: Errno(rawValue: errno))
        }
        familyID = family.id
        self.socket = socket
    }

    /// Prints each notification as `describe` makes it, one line each, until `seconds`
    /// have passed or `count` were printed (nil: no bound).
    mutating func run(
        seconds: Double?, count: Int?, describe: (GenericNetlinkHeader, RawSpan) throws -> JSONValue
    ) throws {
        let deadline = seconds.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
        var printed = 0
        while count.map({ printed < $0 }) ?? true {
            guard try waitForDatagram(until: deadline) else { return }
            let length: Int
            do {
                length = try socket.receive(into: &buffer)
            } catch let error as SystemCallError where error.errno == .noBufferSpace {
                // The kernel dropped notifications: say so, and go on with the next ones.
                writeToStandardError("gnl: notifications were lost: the socket's receive queue overflowed (ENOBUFS)\n")
                continue
            }
            var messages = NetlinkMessageDecoder(buffer[0..<length])
            while let message = messages.next(), count.map({ printed < $0 }) ?? true {
                guard message.header.type == familyID else { continue }  // control messages
                let notification = try GenericNetlinkMessage(decoding: message)
                JSONOutput.printLine(try describe(notification.header, notification.payload.span.bytes))
                printed += 1
            }
            try messages.finish()
        }
    }

    /// Whether a datagram is waiting before `deadline` (nil: wait as long as it takes).
    private func waitForDatagram(until deadline: ContinuousClock.Instant?) throws -> Bool {
        while true {
            var timeout: CInt = -1
            if let deadline {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return false }
                let (seconds, attoseconds) = left.components
                timeout = CInt(min(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1, Int64(CInt.max)))
            }
            var descriptor = pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, timeout)
            if ready > 0 { return true }
            if ready == 0 { continue }  // the deadline check above ends the wait
            guard errno == EINTR else { throw SystemCallError(call: "poll", errno: Errno(rawValue: errno)) }
        }
    }
}
