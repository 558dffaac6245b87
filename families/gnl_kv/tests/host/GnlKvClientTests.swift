import CNetlink
import GenericNetlink
import Glibc
import GnlKvFamily
import Netlink
import NetlinkTesting
import Testing

/// The gnl_kv client against a fake store (`FakeKvKernel`): what it sends (an entry
/// nested with its multi-attr tags, the exclusive flag), what it reads back (the u64
/// version behind its pad), errors named by the spec, and the interrupted dump's retry.
@Suite struct GnlKvClientTests {
    @Test func setSendsTheEntryNestedWithItsTagsInOrderAndTheFlag() throws {
        let kernel = FakeKvKernel()
        let client = try kernel.makeClient()
        let entry = GnlKv.Entry(key: "alpha", value: [0, 1, 0xFF], tag: ["red", "green", "red"])
        _ = try client.set(.init(entry: entry, exclusive: true))

        let request = try #require(kernel.requests.last)
        #expect(request.header.command == GnlKv.Command.set)
        var top: [(type: UInt16, nested: Bool, payload: [UInt8])] = []
        try AttributeDecoder.forEach(in: request.payload) {
            top.append(($0.type, $0.isNested, Array($0.payload)))
        }
        #expect(top.map(\.type) == [GnlKv.Kv.Attribute.entry, GnlKv.Kv.Attribute.exclusive])
        #expect(top[0].nested, "NLA_F_NESTED: the kernel's strict validation wants it")
        #expect(top[1].payload.isEmpty)
        var inner: [UInt16] = []
        try AttributeDecoder.forEach(in: top[0].payload[...]) { inner.append($0.type) }
        typealias Attribute = GnlKv.Entry.Attribute
        #expect(inner == [Attribute.key, Attribute.value, Attribute.tag, Attribute.tag, Attribute.tag])
    }

    @Test func setAnswersTheNewVersionAndGetEveryField() throws {
        let kernel = FakeKvKernel()
        let client = try kernel.makeClient()
        let written = try client.set(.init(entry: .init(key: "k", value: Array("v".utf8), tag: ["a", "b"])))
        #expect(written.entry == GnlKv.Entry(key: "k", version: 2))
        let read = try client.get(.init(entry: .init(key: "k")))
        #expect(read.entry == GnlKv.Entry(key: "k", value: Array("v".utf8), tag: ["a", "b"], version: 2))
        #expect(try client.set(.init(entry: .init(key: "k", value: []))).entry?.version == UInt64(3))
    }

    @Test func aVersionBeyond32BitsSurvivesTheRoundTrip() throws {
        let kernel = FakeKvKernel()
        kernel.version = 0x1_0000_0000
        let client = try kernel.makeClient()
        _ = try client.set(.init(entry: .init(key: "big", value: [1])))
        #expect(try client.get(.init(entry: .init(key: "big"))).entry?.version == 0x1_0000_0001)
    }

    @Test func deleteWaitsForTheAcknowledgement() throws {
        let kernel = FakeKvKernel()
        let client = try kernel.makeClient()
        _ = try client.set(.init(entry: .init(key: "gone", value: [1])))
        try client.delete(.init(entry: .init(key: "gone")))
        #expect(kernel.entries.isEmpty)
        let error = try #require(throws: NetlinkError.self) { try client.delete(.init(entry: .init(key: "gone"))) }
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(error.operation == "delete")
        #expect(error.message == "no entry has this KEY")
    }

    @Test func theDumpListsTheEntriesInKeyOrder() throws {
        let kernel = FakeKvKernel()
        let client = try kernel.makeClient()
        for key in ["m", "a", "z"] { _ = try client.set(.init(entry: .init(key: key, value: Array(key.utf8)))) }
        let entries = try client.dumpGetAll().compactMap(\.entry)
        #expect(entries.map(\.key) == ["a", "m", "z"])
        #expect(entries.map(\.value) == [[97], [109], [122]])
    }

    @Test func anInterruptedDumpComesWithItsPartialResultsOrIsRetried() throws {
        let kernel = FakeKvKernel()
        let client = try kernel.makeClient()
        for key in ["a", "b", "c"] { _ = try client.set(.init(entry: .init(key: key, value: [1]))) }
        kernel.interruptedDumps = 1
        let interrupted = try #require(throws: DumpInterruptedError<GnlKv.Kv>.self) { try client.dumpGetAll() }
        #expect(interrupted.partialResults.compactMap(\.entry?.key) == ["a", "b", "c"])
        kernel.interruptedDumps = 2
        #expect(try client.dumpGetAll(retry: .attempts(3)).count == 3)
        #expect(kernel.interruptedDumps == 0)
    }

    @Test func aRefusalNamesTheAttributeInsideTheNest() throws {
        let kernel = FakeKernel.serving(FakeKvKernel.family) { _, request in
            // The KEY inside ENTRY: nlmsghdr (16) + genlmsghdr (4) + the ENTRY header (4).
            [try FakeKernel.error(EINVAL, answering: request, message: "KEY is empty", offset: 24)]
        }
        let client = try GnlKvClient(connection: GenericNetlinkConnection(transport: kernel))
        let error = try #require(throws: NetlinkError.self) {
            try client.set(.init(entry: .init(key: "", value: [1])))
        }
        #expect(error.offendingAttribute == ".entry.key")
        #expect("\(error)" == "set: EINVAL (22): KEY is empty (bad attribute: .entry.key)")
    }

    @Test func anUnprivilegedWriteIsRefusedWithEPERM() throws {
        let kernel = FakeKernel.serving(FakeKvKernel.family) { _, request in
            [try FakeKernel.error(EPERM, answering: request)]
        }
        let client = try GnlKvClient(connection: GenericNetlinkConnection(transport: kernel))
        let error = try #require(throws: NetlinkError.self) { try client.set(.init(entry: .init(key: "k", value: []))) }
        #expect(error.errno == .notPermitted)
        #expect(error.operation == "set")
    }
}
