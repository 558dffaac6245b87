import GenericNetlink
import GnlKvFamily
import Netlink
import Testing

/// Clients that outlive the module: `rmmod gnl_kv` and `insmod` again while they are open.
/// The kernel gives the family a new id (ids are allocated cyclically); a client asked
/// again finds it itself (an `ENOENT` on the old id makes it ask nlctrl once), one that
/// follows nlctrl's `notify` group knows it before its next request, and a subscription
/// joins the new group again. scripts/vm-suite.sh runs suites named *Reload* alone.
@Suite struct GnlKvReloadTests {
    typealias Entry = GnlKv.Entry

    /// Every event `subscription` has received, waiting up to `wait` for the first.
    static func received<Notification>(
        _ subscription: inout NotificationSubscription<Notification, NetlinkSocket>, wait: Duration = .seconds(2)
    ) throws -> [SubscriptionEvent<Notification>] {
        var events: [SubscriptionEvent<Notification>] = []
        var timeout = wait
        while let event = try subscription.next(timeout: timeout) {
            events.append(event)
            timeout = .milliseconds(200)  // nlctrl announces a family, then each of its groups
        }
        return events
    }

    @Test func longLivedClientsAndASubscriptionSurviveAReload() throws {
        let module = try KernelModule(reloadable: GnlKv.familyName)
        try #require(module.isLoaded, "with-module.sh loaded it")
        defer { module.loadIfUnloaded() }

        let asking = try GnlKvClient()   // learns of the reload from the kernel's ENOENT
        let following = try GnlKvClient()   // from nlctrl's announcements
        var announcements = try following.base.subscribeToFamilyChanges()
        var watched = try following.base.subscribeToFamilyChanges()  // for the test to read
        var events = try following.subscribe(to: [.events])
        let before = try #require(try following.set(.init(entry: Entry(key: "before-reload", value: [1]))).entry?.version)
        #expect(try Self.received(&events) == [
            .notification(.setNtf(.init(entry: Entry(key: "before-reload", value: [1], version: before))))
        ])
        let old = asking.base.family

        try module.unload()
        // Gone: the client asks nlctrl again and is told so, as its own error.
        let gone = try #require(throws: FamilyNotFoundError.self) { try asking.dumpGetAll() }
        #expect(gone.name == GnlKv.familyName)
        try module.load()

        // nlctrl announced both: the old registration going, a new one coming.
        let changes = try Self.received(&watched).compactMap(\.notification).filter { $0.family.name == GnlKv.familyName }
        let new = try #require(changes.last?.family)
        #expect(changes.map { $0 == .unregistered($0.family) } == [true, false])
        #expect(changes.first?.family.id == old.id)
        #expect(new.id != old.id, "the kernel allocates family ids cyclically")

        // The following client has the new id before its next request.
        #expect(following.base.familyID == old.id)
        try following.base.applyFamilyChanges(from: &announcements)
        #expect(following.base.familyID == new.id)
        // The asking client finds it on its next request: ENOENT, asked again, sent again.
        #expect(try asking.dumpGetAll().isEmpty, "a reloaded module starts with an empty store")
        #expect(asking.base.familyID == new.id)

        // The group memberships went with the old family: nothing is heard until the
        // subscription follows the new one.
        _ = try following.set(.init(entry: Entry(key: "unheard", value: [2])))
        #expect(try Self.received(&events, wait: .milliseconds(300)).isEmpty)
        try events.follow(following.base.family)
        let after = try #require(try asking.set(.init(entry: Entry(key: "after-reload", value: [3]))).entry?.version)
        #expect(try Self.received(&events) == [
            .notification(.setNtf(.init(entry: Entry(key: "after-reload", value: [3], version: after))))
        ])
        #expect(try following.dumpGetAll().compactMap(\.entry?.key) == ["after-reload", "unheard"])
        try asking.delete(.init(entry: Entry(key: "after-reload")))
        try following.delete(.init(entry: Entry(key: "unheard")))
    }
}
