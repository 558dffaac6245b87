/// Moves datagrams between a `NetlinkConnection` and the kernel.
///
/// `NetlinkSocket` is the real one; `FakeKernel` (in the NetlinkTesting library) plays
/// the kernel in tests, so client logic (sequence checks, multipart, errors) can be
/// tested without a kernel.
public protocol NetlinkTransport: ~Copyable {
    /// The local port id (`nl_pid`) the kernel assigned; replies are addressed to it.
    var portID: UInt32 { get }

    /// Sends one datagram holding one or more messages to the kernel.
    mutating func send(_ datagram: UnsafeRawBufferPointer) throws

    /// Receives one datagram from the kernel into the start of `buffer` (whose `count` is
    /// the space available) and returns its length. Throws `TruncatedDatagramError` when
    /// it did not fit, after growing `buffer` to hold a datagram that size
    /// (`TruncatedDatagramError.growing(_:toHold:)`).
    mutating func receive(into buffer: inout [UInt8]) throws -> Int

    /// Receives one or more datagrams — at least one, and as many as are waiting that fit
    /// the buffer's slots — into `buffer`, and returns how many; `buffer.datagram(_:)`
    /// reads each (batches; see `BatchReceiveBuffer`). The default receives one.
    mutating func receiveMany(into buffer: BatchReceiveBuffer) throws -> Int
}
