import Foundation
import GenericNetlink
import GenericNetlinkAsync
import KernelFamilies
import Netlink
import Testing

extension LiveKernelFamilyTests {
    /// The generated netdev client's subscription to its `mgmt` group, against the running
    /// kernel: veth pairs created and deleted in this namespace (as root) are announced
    /// typed; a tiny receive buffer overruns; dump + subscribe converges to `ip link`.
    @Suite(.enabled(if: IP.canChangeLinks, "needs root and iproute2's ip"))
    struct NetdevNotifications {
        /// How long a test waits for the kernel's notifications before it gives up.
        static let patience = Duration.seconds(5)

        /// Reads `subscription` until `done` says so; fails the test when nothing more comes.
        func read(
            _ subscription: inout NotificationSubscription<Netdev.Notification, NetlinkSocket>,
            until done: (SubscriptionEvent<Netdev.Notification>) -> Bool
        ) throws {
            while let event = try subscription.next(timeout: Self.patience) {
                if done(event) { return }
            }
            Issue.record("no more notifications within \(Self.patience)")
        }

        /// Reads `subscription` until the notifications `device` picks out have named `count`
        /// of `indexes` (all of them by default); returns the ones named.
        func collect(
            _ subscription: inout NotificationSubscription<Netdev.Notification, NetlinkSocket>,
            _ indexes: Set<UInt32>, count: Int? = nil, device: (Netdev.Notification) -> Netdev.Dev?
        ) throws -> Set<UInt32> {
            var named: Set<UInt32> = []
            try read(&subscription) { event in
                if let notification = event.notification, let index = device(notification)?.ifindex,
                    indexes.contains(index)
                {
                    named.insert(index)
                }
                return named.count == count ?? indexes.count
            }
            return named
        }

        static func added(_ notification: Netdev.Notification) -> Netdev.Dev? {
            if case .devAddNtf(let device) = notification { device } else { nil }
        }

        static func changed(_ notification: Netdev.Notification) -> Netdev.Dev? {
            if case .devChangeNtf(let device) = notification { device } else { nil }
        }

        static func deleted(_ notification: Netdev.Notification) -> Netdev.Dev? {
            if case .devDelNtf(let device) = notification { device } else { nil }
        }

        @Test func aVethPairIsAnnouncedAddedChangedThenDeleted() throws {
            let netdev = try NetdevClient()
            var subscription = try netdev.subscribe(to: [.mgmt])
            let pairs = try TemporaryVethPairs(count: 1)
            let indexes = try pairs.indexes()
            #expect(try collect(&subscription, indexes, device: Self.added) == indexes)
            // GRO on one end changes the other's XDP features: dev-change-ntf.
            if let ethtool = IP.ethtoolPath {
                try IP.run(["-K", pairs.allNames[1], "gro", "on"], tool: ethtool)
                #expect(try collect(&subscription, indexes, count: 1, device: Self.changed).count == 1)
            }
            pairs.delete()
            #expect(try collect(&subscription, indexes, device: Self.deleted) == indexes)
        }

        @Test func aBurstIntoATinyBufferIsAnOverrunAndTheSubscriptionGoesOn() throws {
            let netdev = try NetdevClient()
            var subscription = try netdev.subscribe(to: [.mgmt], receiveBufferSize: 1)  // the kernel's minimum
            let pairs = try TemporaryVethPairs(count: 4)  // 8 notifications, unread
            var overran = false
            try read(&subscription) { event in
                overran = event == .overrun
                return overran
            }
            #expect(overran)
            try subscription.discardReceived()
            // After the overrun the notifications come on: a deleted pair is announced.
            let indexes = try pairs.indexes()
            pairs.delete()
            #expect(try collect(&subscription, indexes, count: 1, device: Self.deleted).count == 1)
        }

        /// The view built from a synchronised subscription's events ends equal to the links
        /// `ip -j link` lists, through a burst that overruns a tiny buffer.
        @Test func dumpAndSubscribeConvergesToIPLinksListThroughAnOverrun() throws {
            let netdev = try NetdevClient()
            var devices = SynchronisedSubscription(
                subscription: try netdev.subscribe(to: [.mgmt], receiveBufferSize: 1),
                dump: { try netdev.dumpDevGetAll() })
            var view: Set<UInt32> = []
            var snapshots: [Snapshot<Netdev.Dev>] = []
            func follow(until done: () throws -> Bool) throws {
                let deadline = ContinuousClock.now + Self.patience
                while try !done() {
                    guard ContinuousClock.now < deadline else {
                        Issue.record("the view did not converge within \(Self.patience)")
                        return
                    }
                    switch try devices.next(timeout: .milliseconds(100)) {
                    case .snapshot(let snapshot)?:
                        snapshots.append(snapshot)
                        view = Set(snapshot.elements.compactMap(\.ifindex))
                    case .notification(.devAddNtf(let device))?, .notification(.devChangeNtf(let device))?:
                        if let index = device.ifindex { view.insert(index) }
                    case .notification(.devDelNtf(let device))?:
                        if let index = device.ifindex { view.remove(index) }
                    case .notification?, nil:
                        break
                    }
                }
            }
            try follow { !snapshots.isEmpty }
            #expect(view == (try IP.linkIndexes()))

            let pairs = try TemporaryVethPairs(count: 4)
            try follow { view == (try IP.linkIndexes()) }
            #expect(view.isSuperset(of: try pairs.indexes()))
            pairs.delete()
            try follow { view == (try IP.linkIndexes()) }
            #expect(devices.overruns >= 1)
            #expect(snapshots.contains { $0.reason == .overrun })
        }

        @Test func theSubscriptionIsAnAsyncSequence() async throws {
            let netdev = try NetdevClient()
            let events = try netdev.subscribe(to: [.mgmt]).events()
            let pairs = try TemporaryVethPairs(count: 1)
            let indexes = try pairs.indexes()
            let consumer = Task {
                var added: Set<UInt32> = []
                for try await event in events {
                    if case .notification(.devAddNtf(let device)) = event, let index = device.ifindex,
                        indexes.contains(index)
                    {
                        added.insert(index)
                    }
                    if added == indexes { break }
                }
                return added
            }
            let watchdog = Task {
                try await Task.sleep(for: Self.patience)
                consumer.cancel()  // the sequence ends: the test fails rather than hangs
            }
            #expect(try await consumer.value == indexes)
            watchdog.cancel()
        }

        @Test func aGroupTheKernelLacksIsNamedWithTheOnesItHas() throws {
            let netdev = try NetdevClient()
            let error = try #require(throws: MulticastGroupNotFoundError.self) {
                _ = try netdev.base.subscribe(to: ["mgnt"]) { _, _ in () }
            }
            #expect(error.family == "netdev")
            #expect(error.availableGroups.contains("mgmt"))
        }
    }
}
