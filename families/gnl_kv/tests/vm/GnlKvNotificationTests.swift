import GenericNetlink
import GenericNetlinkAsync
import Glibc
import GnlKvFamily
import Netlink
import Testing

/// The `events` group from Swift, through the generated client's `subscribe(to:)`: typed
/// notifications in the order of the changes, per namespace, the overrun as an event of
/// its own, and dump + subscribe (`SynchronisedSubscription`) that resynchronises. Each
/// test has a namespace, and so a store and an `events` group, of its own.
///
/// The module queues a change's notification before it answers the write, so once a
/// write has returned, its notification is already in the subscriber's socket: reading
/// without waiting (`timeout: .zero`) shows everything there is.
@Suite struct GnlKvNotificationTests {
    typealias Entry = GnlKv.Entry

    /// Every notification already received; an overrun is recorded as a failure.
    static func received(_ subscription: inout KvSubscription) throws -> [GnlKv.Notification] {
        var notifications: [GnlKv.Notification] = []
        while let event = try subscription.next(timeout: .zero) {
            guard case .notification(let notification) = event else {
                Issue.record("an overrun, with nothing to overrun it")
                continue
            }
            notifications.append(notification)
        }
        return notifications
    }

    static func version(_ reply: GnlKv.Kv) throws -> UInt64 {
        try #require(reply.entry?.version)
    }

    @Test func setReplaceAndDeleteAreAnnouncedInOrderWithTheirVersions() throws {
        let (clients, subscribed) = try subscriberInFreshNamespace()
        let client = clients[0]
        var subscription = subscribed.take()
        #expect(subscription.groupNames == ["events"])
        let blue = Entry(key: "colour", value: Array("blue".utf8), tag: ["ui", "warm"])
        let set = try Self.version(client.set(.init(entry: blue)))
        let replaced = try Self.version(client.set(.init(entry: Entry(key: "colour", value: Array("red".utf8)))))
        // Refused writes change nothing, and nothing is announced.
        #expect(throws: NetlinkError.self) {
            try client.set(.init(entry: Entry(key: "colour", value: [0]), exclusive: true))  // EEXIST
        }
        #expect(throws: NetlinkError.self) { try client.set(.init(entry: Entry(key: "no-value"))) }  // EINVAL
        #expect(throws: NetlinkError.self) { try client.delete(.init(entry: Entry(key: "no-such-key"))) }  // ENOENT
        try client.delete(.init(entry: Entry(key: "colour")))
        #expect(try Self.received(&subscription) == [
            .setNtf(.init(entry: Entry(key: "colour", value: Array("blue".utf8), tag: ["ui", "warm"], version: set))),
            .setNtf(.init(entry: Entry(key: "colour", value: Array("red".utf8), version: replaced))),
            .deleteNtf(.init(entry: Entry(key: "colour", version: replaced + 1))),
        ])
        #expect(replaced == set + 1)

        try subscription.leave(GnlKv.MulticastGroup.events.rawValue)
        #expect(subscription.groupNames.isEmpty)
        _ = try client.set(.init(entry: Entry(key: "after-leaving", value: [1])))
        #expect(try Self.received(&subscription).isEmpty)
    }

    @Test func theSubscriptionIsAnAsyncSequence() async throws {
        let (clients, subscribed) = try subscriberInFreshNamespace()
        let client = clients[0]
        let events = subscribed.take().events(pollInterval: .milliseconds(20))
        let set = try Self.version(client.set(.init(entry: Entry(key: "k", value: [1], tag: ["t"]))))
        let replaced = try Self.version(client.set(.init(entry: Entry(key: "k", value: [2]))))
        try client.delete(.init(entry: Entry(key: "k")))
        let consumer = Task {
            var notifications: [SubscriptionEvent<GnlKv.Notification>] = []
            for try await event in events {
                notifications.append(event)
                if notifications.count == 3 { break }
            }
            return notifications
        }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(10))
            consumer.cancel()  // the sequence ends: the test fails rather than hangs
        }
        #expect(try await consumer.value == [
            .notification(.setNtf(.init(entry: Entry(key: "k", value: [1], tag: ["t"], version: set)))),
            .notification(.setNtf(.init(entry: Entry(key: "k", value: [2], version: replaced)))),
            .notification(.deleteNtf(.init(entry: Entry(key: "k", version: replaced + 1)))),
        ])
        watchdog.cancel()
    }

    @Test func aSubscriberHearsItsOwnNamespaceOnly() throws {
        let (here, hereSubscribed) = try subscriberInFreshNamespace()
        let (there, thereSubscribed) = try subscriberInFreshNamespace()
        var hearsHere = hereSubscribed.take(), hearsThere = thereSubscribed.take()
        let hereVersion = try Self.version(here[0].set(.init(entry: Entry(key: "same-key", value: [1]))))
        let thereVersion = try Self.version(there[0].set(.init(entry: Entry(key: "same-key", value: [2]))))
        _ = try there[0].set(.init(entry: Entry(key: "there-only", value: [3])))
        #expect(try Self.received(&hearsHere) == [
            .setNtf(.init(entry: Entry(key: "same-key", value: [1], version: hereVersion)))
        ])
        #expect(try Self.received(&hearsThere).compactMap(\.kv.entry?.key) == ["same-key", "there-only"])
        #expect(thereVersion == hereVersion, "each store counts its own versions")
    }

    /// A receive buffer of 4096 bytes (the kernel makes it 8192) holds a few ~1 KiB
    /// notifications: a burst of 20 overruns it.
    @Test func aBurstIntoASmallBufferIsAnOverrunThenNotificationsGoOn() throws {
        let (clients, subscribed) = try subscriberInFreshNamespace(receiveBufferSize: 4096)
        let client = clients[0]
        var subscription = subscribed.take()
        for index in 0..<20 {
            _ = try client.set(.init(entry: Entry(key: "burst-\(index)", value: GnlKvModuleTests.value(index))))
        }
        var events: [SubscriptionEvent<GnlKv.Notification>] = []
        while let event = try subscription.next(timeout: .zero) { events.append(event) }
        #expect(events.filter { $0 == .overrun }.count == 1)
        let keys = events.compactMap { $0.notification?.kv.entry?.key }
        #expect(!keys.isEmpty && keys.count < 20, "some were queued, the others dropped")
        #expect(keys == (0..<keys.count).map { "burst-\($0)" }, "the first ones, in order")

        let after = try Self.version(client.set(.init(entry: Entry(key: "after", value: [1]))))
        #expect(try Self.received(&subscription) == [.setNtf(.init(entry: Entry(key: "after", value: [1], version: after)))])
    }
}

extension GnlKv.Notification {
    /// What the notification carries (both kinds carry a `Kv`).
    var kv: GnlKv.Kv {
        switch self {
        case .setNtf(let kv), .deleteNtf(let kv): kv
        }
    }
}
