import GenericNetlink
import Netlink

// The generated code (Foobar, FoobarClient) is this module's own: extend it like any other.
// A target needs a Swift file of its own besides its specs (or SwiftPM takes it for C).
extension FoobarClient where Transport: ~Copyable {
    /// The kernel's copy of `text` (`ECHO_MSG`).
    public func echo(_ text: String) throws -> String {
        guard let echoed = try echoMsg(.init(msg: text)).msg else {
            throw MalformedMessageError("ECHO_MSG reply without MSG")
        }
        return echoed
    }

    /// `count` numbered messages from the kernel (`ECHO_MSG` dumped), as "index text" lines.
    public func numberedLines(count: UInt32) throws -> [String] {
        try dumpEchoMsgAll(.init(dumpCount: count)).map { "\($0.dumpIndex ?? 0) \($0.msg ?? "")" }
    }
}
