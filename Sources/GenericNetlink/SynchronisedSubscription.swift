import Netlink

/// A consistent copy of some kernel state, kept up to date: subscribe, then dump, then
/// changes; and when notifications are lost or a dump was inconsistent, dump again and
/// say so. Family-neutral: the dump and the notifications' decoding are the caller's.
///
///     var devices = SynchronisedSubscription(
///         subscription: try netdev.subscribe(to: [.mgmt]),
///         dump: { try netdev.dumpDevGetAll() })
///     while let event = try devices.next() {
///         switch event {
///         case .snapshot(let snapshot): view = snapshot.elements    // first, or after a loss
///         case .notification(let change): apply(change, to: &view)
///         }
///     }
///
/// How it stays right: the subscription joined its groups before the first dump, so no
/// change can fall between the dump and the notifications. Before every dump the
/// notifications already received are dropped: they describe changes the dump shows.
/// Those that arrive during the dump are handed out after the snapshot. Applying them
/// converges to the kernel's state when a notification carries the object's state (as
/// netdev's and most families' do), even if the dump already showed that change. After
/// an overrun (`ENOBUFS`) it dumps again (`Snapshot.Reason.overrun`); a dump flagged
/// `NLM_F_DUMP_INTR` is issued again as `retry` allows (`Snapshot.interruptedDumps`),
/// then thrown as `DumpInterruptedError`.
///
/// It is for one thread at a time; not copyable, and movable to another thread (the async
/// layer does) when its subscription and `dump` may be used there. `dump` runs wherever
/// `next` does, so the client it uses must not be used by another thread meanwhile: with
/// `events()`, give it a client of its own.
public struct SynchronisedSubscription<
    Element: Sendable, Notification, Transport: NetlinkMulticastTransport & ~Copyable
>: ~Copyable {
    @usableFromInline var subscription: NotificationSubscription<Notification, Transport>
    @usableFromInline let dump: () throws -> [Element]
    /// How often an interrupted dump is issued in all before it is thrown.
    public let retry: DumpRetryPolicy
    /// Why the next event must be a snapshot; nil while notifications are handed out.
    @usableFromInline var pendingSnapshot: Snapshot<Element>.Reason? = .initial
    /// How many overruns there have been.
    public private(set) var overruns = 0
    /// How many dumps came back interrupted and were issued again.
    public private(set) var interruptedDumps = 0

    /// Keeps the state `dump` reads in step through `subscription`, whose groups should be
    /// joined already. `dump` runs on a connection of its own (a client's) and throws
    /// `DumpInterruptedError<Element>` for an interrupted dump (generated clients' `…All`
    /// methods with `retry: .never` do).
    public init(
        subscription: consuming NotificationSubscription<Notification, Transport>,
        retry: DumpRetryPolicy = .attempts(10), dump: @escaping () throws -> [Element]
    ) {
        self.subscription = subscription
        self.retry = retry
        self.dump = dump
    }

    /// The family whose notifications it follows.
    public var family: GenericNetlinkFamily { subscription.family }

    /// Makes the next event a fresh snapshot (`Snapshot.Reason.requested`).
    public mutating func resynchronise() {
        pendingSnapshot = .requested
    }

    /// Follows the family to a new registration (see `NotificationSubscription.follow`)
    /// and dumps afresh: a reloaded module starts from nothing.
    public mutating func follow(_ family: GenericNetlinkFamily) throws {
        try subscription.follow(family)
        resynchronise()
    }

    /// Takes a consistent dump, dropping the notifications received before each attempt.
    mutating func takeSnapshot(_ reason: Snapshot<Element>.Reason) throws -> Snapshot<Element> {
        var interrupted = 0
        while true {
            try subscription.discardReceived()
            do {
                let elements = try dump()
                pendingSnapshot = nil
                return Snapshot(elements: elements, reason: reason, interruptedDumps: interrupted)
            } catch let error as DumpInterruptedError<Element> {
                interrupted += 1
                interruptedDumps += 1
                guard interrupted < retry.maximumAttempts else { throw error }
            }
        }
    }
}

extension SynchronisedSubscription: BlockingEventSource where Transport: ~Copyable {
    /// The first call dumps and returns `.snapshot`; later ones return the notifications
    /// as they come, waiting at most `timeout` (for ever when nil; nil when nothing came
    /// in time), and a fresh `.snapshot` after an overrun. A dump's time does not count
    /// against `timeout`. When a dump fails, the next call tries again.
    public mutating func next(timeout: Duration? = nil) throws -> SynchronisedEvent<Element, Notification>? {
        if pendingSnapshot == nil {
            guard let event = try subscription.next(timeout: timeout) else { return nil }
            if let notification = notification(in: event) { return .notification(notification) }
        }
        return .snapshot(try takeSnapshot(pendingSnapshot ?? .overrun))
    }

    /// A notification already waiting; nil when none is, or when a snapshot is due (a
    /// dump blocks: `next(timeout:)` takes it). An overrun seen here makes the next
    /// `next(timeout:)` a snapshot.
    public mutating func nextWithoutWaiting() throws -> SynchronisedEvent<Element, Notification>? {
        guard pendingSnapshot == nil, let event = try subscription.next(timeout: .zero) else { return nil }
        return notification(in: event).map { .notification($0) }
    }

    /// The notification `event` carries; nil for an overrun, which is counted and makes a
    /// snapshot due.
    private mutating func notification(in event: SubscriptionEvent<Notification>) -> Notification? {
        switch event {
        case .notification(let notification):
            return notification
        case .overrun:
            overruns += 1
            pendingSnapshot = .overrun
            return nil
        }
    }
}
