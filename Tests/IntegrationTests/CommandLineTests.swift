import CommandLineTesting
import FoobarXmpl
import Foundation
import Testing

/// The `gnl-foobar` executable built next to this test bundle, run as a user would.
@Suite struct CommandLineTests {
    static func gnlFoobar(_ arguments: [String]) throws -> ExecutableRun {
        try ExecutableRun("gnl-foobar", arguments)
    }

    @Test func echoPrintsTheReplyAlone() throws {
        let run = try Self.gnlFoobar(["echo", "hi"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "hi\n")
        #expect(run.standardError.isEmpty)
    }

    @Test func echoAsJSON() throws {
        let run = try Self.gnlFoobar(["echo", "--json", "a \"quoted\" ✓"])
        #expect(run.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
        #expect((document as? [String: Any])?["reply"] as? String == "a \"quoted\" ✓")
    }

    @Test func dumpPrintsOneLinePerMessage() throws {
        let run = try Self.gnlFoobar(["dump"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "0 dump message 0\n1 dump message 1\n2 dump message 2\n")
    }

    @Test func largeDumpPrintsEveryLine() throws {
        let run = try Self.gnlFoobar(["dump", "--count", "100000"])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.count == 100_000)
        #expect(lines.last == "99999 dump message 99999")
    }

    @Test func quietDumpPrintsTheCount() throws {
        let run = try Self.gnlFoobar(["dump", "--count", "100000", "--quiet"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "100000\n")
    }

    @Test func dumpAsJSON() throws {
        let run = try Self.gnlFoobar(["dump", "--count", "2", "--json"])
        #expect(run.status == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let messages = try #require(document["messages"] as? [[String: Any]])
        #expect(messages.count == 2)
        #expect(messages[1]["index"] as? Int == 1)
        #expect(messages[1]["text"] as? String == "dump message 1")
    }

    @Test func errorShowsErrnoAndExtendedAck() throws {
        let run = try Self.gnlFoobar(["error"])
        #expect(run.status != 0)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == "error: reply-with-nlmsg-err: EINVAL (22): \(GnlFoobarXmpl.replyErrMsg)\n")
    }

    @Test func resolvePrintsTheFamilyID() throws {
        let run = try Self.gnlFoobar(["resolve"])
        #expect(run.status == 0)
        let id = try #require(Int(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(id >= 0x10)
        let families = try Self.gnlFoobar(["families"])
        #expect(families.standardOutput.contains("gnl_foobar_xmpl \(id) 1\n"))
    }

    @Test func overlongTextIsRejectedByTheKernelWithItsReason() throws {
        let run = try Self.gnlFoobar(["echo", String(repeating: "x", count: 4097)])
        #expect(run.status != 0)
        // The attribute named from the spec: the generated client knows it.
        #expect(run.standardError.hasPrefix("error: echo-msg: EINVAL (22): ") || run.standardError.hasPrefix("error: echo-msg: ERANGE (34): "))
        #expect(run.standardError.hasSuffix("(bad attribute: .msg)\n"))
    }
}
