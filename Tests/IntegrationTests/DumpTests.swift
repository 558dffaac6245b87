import FoobarXmpl
import Netlink
import Testing

@Suite struct DumpTests {
    @Test(arguments: backends)
    func defaultDumpHasThreeMessages(backend: Backend) throws {
        let client = try backend.open()
        let messages = try client.dumpAll()
        #expect(messages.count == Int(UInt32(GnlFoobarXmpl.dumpCountDefault)))
        #expect(messages == (0..<3).map { FoobarXmplDumpMessage(index: $0, text: "dump message \($0)") })
    }

    @Test(arguments: backends)
    func largeDumpArrivesCompleteAndInOrder(backend: Backend) throws {
        let client = try backend.open()
        var expected: UInt32 = 0
        var wrongText = 0
        try client.dump(count: 100_000) { message in
            #expect(message.index == expected)
            if message.text != "dump message \(message.index)" { wrongText += 1 }
            expected += 1
        }
        #expect(expected == 100_000)
        #expect(wrongText == 0)
    }

    @Test(arguments: backends, [UInt32(0), 1])
    func smallDumps(backend: Backend, count: UInt32) throws {
        let client = try backend.open()
        #expect(try client.dumpAll(count: count).count == Int(count))
    }

    @Test(arguments: backends)
    func clientIsUsableAfterAnAbandonedDump(backend: Backend) throws {
        struct Enough: Error {}
        let client = try backend.open()
        #expect(throws: Enough.self) {
            try client.dump(count: 5_000) { message in
                if message.index == 10 { throw Enough() }
            }
        }
        #expect(try client.echo("next") == "next")
        #expect(try client.dumpAll(count: 2).count == 2)
    }

    @Test(arguments: backends)
    func countOverTheMaximumIsRejected(backend: Backend) throws {
        let client = try backend.open()
        let error = try #require(throws: NetlinkError.self) {
            try client.dump(count: UInt32(GnlFoobarXmpl.dumpCountMax) + 1) { _ in }
        }
        #expect([Errno.resultOutOfRange, .invalidArgument].contains(error.errno))
        #expect(error.message != nil)
    }
}
