import FoobarXmpl
import GenericNetlink
import KernelFamilies
import Netlink
import NetlinkTesting

#if canImport(Glibc)
import Glibc
#endif

/// The targets, by name: each takes arbitrary bytes as what the kernel sent and must only
/// ever return or throw. A trap, a hang or a sanitizer report is a finding.
enum FuzzTargets {
    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "attributes": attributes,
        "messages": messages,
        "extack": extendedAcknowledgement,
        "controller": controller,
        "generated": generated,
        "connection": connection,
        "error-paths": errorPaths,
    ]

    /// Attribute walks, copying and borrowed, and every typed read of each payload.
    static func attributes(_ bytes: [UInt8]) {
        var decoder = AttributeDecoder(bytes[...])
        while let attribute = decoder.next() {
            _ = try? attribute.uint8(); _ = try? attribute.uint16(); _ = try? attribute.uint32()
            _ = try? attribute.uint64(); _ = try? attribute.int32(); _ = try? attribute.string()
            var nested = attribute.nestedAttributes()
            while nested.next() != nil {}
        }
        _ = try? decoder.finish()
        let span = bytes.span.bytes
        try? AttributeDecoder.forEach(in: span) { header, range in
            let payload = span.extracting(range)
            _ = try? header.integer(UInt32.self, in: payload)
            _ = try? header.string(in: payload)
            _ = try? header.unsignedVariableWidth(in: payload)
            _ = try? header.signedVariableWidth(in: payload)
            _ = try? header.bigEndianInteger(UInt16.self, in: payload)
            _ = try? header.integers(UInt32.self, in: payload)
            _ = try? header.bitfield32(in: payload)
            _ = header.bytes(in: payload)
            _ = NetlinkAttributeHeader.stringLength(in: payload)
        }
        var offset = 0
        while AttributeLayout.integer(1, UInt32.self, in: span, at: &offset) != nil
            || AttributeLayout.payload(2, in: span, at: &offset) != nil {}
    }

    /// Datagrams split into messages, each read as a generic netlink message.
    static func messages(_ bytes: [UInt8]) {
        var decoder = NetlinkMessageDecoder(bytes[...])
        while let message = decoder.next() {
            if let generic = try? GenericNetlinkMessage(decoding: message) {
                var attributes = generic.attributes()
                while attributes.next() != nil {}
            }
            _ = NetlinkMessageHeader(decoding: message.payload)
        }
        _ = try? decoder.finish()
    }

    /// NLMSG_ERROR and NLMSG_DONE payloads with their extended-ACK attributes, capped
    /// and not, with attributes announced and not.
    static func extendedAcknowledgement(_ bytes: [UInt8]) {
        for flags: NetlinkMessageFlags in [[], .capped, .acknowledgementAttributes, [.capped, .acknowledgementAttributes]] {
            let header = NetlinkMessageHeader(
                length: UInt32(truncatingIfNeeded: 16 + bytes.count), type: NetlinkMessageType.error, flags: flags,
                sequence: 1, portID: 1)
            let message = NetlinkMessage(header: header, payload: bytes[...])
            if let error = try? NetlinkError(errorMessage: message) { _ = error.description }
            if let error = try? NetlinkError(doneMessage: message) { _ = error.description }
            // The same messages with error 0: the warnings of requests that succeeded.
            if let warning = try? NetlinkWarning(acknowledgement: message) { _ = warning.description }
            if let warning = try? NetlinkWarning(doneMessage: message) { _ = warning.description }
        }
    }

    /// nlctrl's family descriptions.
    static func controller(_ bytes: [UInt8]) {
        if let family = try? GenericNetlinkFamily(attributes: bytes[...]) {
            _ = (family.operations.count, family.multicastGroups.count)
        }
    }

    /// The generated decoders: the example family's (general walk and layout fast path,
    /// copying and borrowed) and the kernel families'.
    static func generated(_ bytes: [UInt8]) {
        let span = bytes.span.bytes
        _ = try? GnlFoobarXmpl.Attrs(attributes: span)
        if let borrowed = try? GnlFoobarXmpl.Attrs.Borrowed(echoMsgDumpReply: span),
            let text = borrowed.msg
        {
            _ = span.extracting(text).byteCount  // the range must lie within the bytes
        }
        if let borrowed = try? GnlFoobarXmpl.Attrs.Borrowed(echoMsgReply: span), let text = borrowed.msg {
            _ = span.extracting(text).byteCount
        }
        _ = try? Nlctrl.CtrlAttrs(attributes: span)
        _ = try? Netdev.Dev(attributes: span)
        _ = try? Netdev.Qstats(attributes: span)
        _ = try? Ethtool.Linkmodes(attributes: span)
        _ = try? Ethtool.Strset(attributes: span)
        _ = try? Ethtool.Rings(attributes: span)
    }

    /// The connection's receive loop: the bytes, made answers to the request that was
    /// sent (each message's sequence and port set to the request's), for a request with a
    /// reply, an acknowledged one and a dump.
    static func connection(_ bytes: [UInt8]) {
        let kernel = FakeKernel { request in [answering(request, with: bytes)] }
        var connection = NetlinkConnection(transport: kernel)
        _ = try? connection.request(type: 0x20, { _ in }, replyPayload: { _, payload in payload.byteCount })
        try? connection.requestAcknowledged(type: 0x20, { _ in })
        _ = try? connection.dump(type: 0x20, { _ in }, eachPayload: { _, _ in })
        var generic = GenericNetlinkConnection(transport: FakeKernel { request in [answering(request, with: bytes)] })
        _ = try? generic.family(named: "fuzz")
    }

    /// `bytes` with every whole message header's sequence and port made the request's.
    static func answering(_ request: NetlinkMessage, with bytes: [UInt8]) -> [UInt8] {
        var datagram = bytes
        var offset = 0
        while offset + 16 <= datagram.count {
            withUnsafeBytes(of: request.header.sequence) { datagram.replaceSubrange(offset + 8..<offset + 12, with: $0) }
            withUnsafeBytes(of: request.header.portID) { datagram.replaceSubrange(offset + 12..<offset + 16, with: $0) }
            let length = Int(datagram[offset]) | Int(datagram[offset + 1]) << 8 | Int(datagram[offset + 2]) << 16
            guard length >= 16 else { break }
            offset += (length + 3) & ~3
        }
        return datagram
    }

    /// Naming the attribute an extended ACK points at: any request, any offset.
    static func errorPaths(_ bytes: [UInt8]) {
        guard bytes.count >= 4 else { return }
        let offset = Int(bytes[0]) | Int(bytes[1]) << 8
        let request = Array(bytes.dropFirst(4))
        let error = NetlinkError(
            errno: .invalidArgument, offendingAttributeOffset: UInt32(offset),
            missingAttribute: .init(type: UInt16(bytes[2]), nestOffset: bytes[3] == 0 ? nil : UInt32(offset)))
        for (schema, set) in [(Ethtool.schema, "linkmodes"), (GnlFoobarXmpl.schema, "attrs"), (Nlctrl.schema, "ctrl-attrs")] {
            _ = error.naming(operation: "fuzz", request: request, set: set, schema: schema).description
        }
    }
}

/// The target `FUZZ_TARGET` names, chosen once.
let selectedTarget: @Sendable ([UInt8]) -> Void = {
    let name = getenv("FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTargets.all[name] else {
        let names = FuzzTargets.all.keys.sorted().joined(separator: ", ")
        print("FUZZ_TARGET must be one of: \(names)")
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selectedTarget(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
