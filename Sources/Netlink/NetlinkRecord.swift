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
        // Wrapping arithmetic here and in the walks: every offset lies within the buffer,
        // so nothing can overflow, and the overflow checks cost a branch each.
        let left = bytes.byteCount &- offset
        guard left >= headerLength else { throw malformed(length: nil, left: left, at: offset) }
        // Unchecked reads: `left` covers the header. Offsets are never negative.
        let length =
            self == .message
            ? Int(bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: UInt32.self))
            : Int(bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: UInt16.self))
        guard length >= headerLength, length <= left else {
            throw malformed(length: length, left: left, at: offset)
        }
        return length
    }

    /// What is wrong with a record that failed `length(in:at:)`. Out of line: the message
    /// text would otherwise be built inline in every hot loop that walks records.
    @usableFromInline @inline(never)
    func malformed(length: Int?, left: Int, at offset: Int) -> MalformedMessageError {
        let name = self == .message ? "message" : "attribute"
        guard let length else {
            return MalformedMessageError(
                "\(left) bytes left, too few for \(self == .message ? "a" : "an") \(name) header",
                offset: offset)
        }
        if length < headerLength {
            return MalformedMessageError(
                "\(name) length \(length) is shorter than its header", offset: offset)
        }
        return MalformedMessageError(
            "\(name) length \(length) runs past the end (\(left) bytes left)", offset: offset)
    }

    /// One checked step of a walk over `bytes`: the record at `offset`, its header read
    /// as `Header`, where its payload lies and where the next record starts. The last
    /// record may omit its padding, so `next` can lie up to 3 bytes past the end: a walk
    /// ends when `next` is not below `bytes.byteCount`.
    @inlinable @inline(__always)
    func read<Header: BitwiseCopyable>(
        _: Header.Type, in bytes: RawSpan, at offset: Int
    ) throws(MalformedMessageError) -> (header: Header, payload: Range<Int>, next: Int) {
        precondition(MemoryLayout<Header>.size <= headerLength)  // folds away
        let length = try length(in: bytes, at: offset)
        // `length(in:at:)` checked the header and the payload lie within `bytes`.
        return (
            bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: Header.self),
            Range(uncheckedBounds: (offset &+ headerLength, offset &+ length)),
            offset &+ netlinkAligned(length)
        )
    }

    /// The step of a decoder over a slice (`NetlinkMessageDecoder`, `AttributeDecoder`):
    /// the record at index `position` of `slice` and its payload, `position` moved past
    /// it. The first problem is kept in `error` and ends the walk.
    @inlinable @inline(__always)
    func next<Header: BitwiseCopyable>(
        _: Header.Type, in slice: ArraySlice<UInt8>, position: inout Int,
        error: inout MalformedMessageError?
    ) -> (header: Header, payload: ArraySlice<UInt8>)? {
        guard error == nil, position < slice.endIndex else { return nil }
        let start = slice.startIndex
        do {
            let record = try read(Header.self, in: slice.span.bytes, at: position - start)
            position = start + record.next
            let payload = (start + record.payload.lowerBound)..<(start + record.payload.upperBound)
            return (record.header, slice[payload])
        } catch let problem {
            error = problem
            return nil
        }
    }
}
