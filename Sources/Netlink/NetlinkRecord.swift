/// The two length-prefixed records netlink data is made of, and the checks every one must
/// pass before it is read: shared by the message and attribute walks, over slices and
/// over borrowed bytes alike.
@usableFromInline
enum NetlinkRecord {
    /// `struct nlmsghdr` (32-bit `nlmsg_len` first) and what follows it.
    case message
    /// `struct nlattr` (16-bit `nla_len` first) and its payload.
    case attribute

    @inlinable
    var headerLength: Int {
        self == .message ? messageHeaderLength : attributeHeaderLength
    }

    /// The declared length of the record at `offset` in `bytes`: at least its header and
    /// no longer than what is left. Anything else is thrown, naming the offset.
    @inlinable @inline(__always)
    func length(in bytes: RawSpan, at offset: Int) throws(MalformedMessageError) -> Int {
        let left = bytes.byteCount - offset
        let name = self == .message ? "message" : "attribute"
        guard left >= headerLength else {
            throw MalformedMessageError(
                "\(left) bytes left, too few for \(self == .message ? "a" : "an") \(name) header",
                offset: offset)
        }
        let length =
            self == .message
            ? Int(bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt32.self))
            : Int(bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt16.self))
        guard length >= headerLength else {
            throw MalformedMessageError(
                "\(name) length \(length) is shorter than its header", offset: offset)
        }
        guard length <= left else {
            throw MalformedMessageError(
                "\(name) length \(length) runs past the end (\(left) bytes left)", offset: offset)
        }
        return length
    }

    /// Where the record after one of `length` bytes at `offset` starts: the last record of
    /// `byteCount` bytes may omit its padding.
    @inlinable @inline(__always)
    static func next(after offset: Int, length: Int, byteCount: Int) -> Int {
        offset + min(netlinkAligned(length), byteCount - offset)
    }
}
