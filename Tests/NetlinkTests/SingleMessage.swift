import Netlink
import Testing

/// The one message `bytes` hold (a datagram of one message, as `FakeKernel` makes them).
func decoded(_ bytes: [UInt8]) throws -> NetlinkMessage {
    var decoder = NetlinkMessageDecoder(bytes[...])
    let message = decoder.next()
    try decoder.finish()
    return try #require(message)
}
