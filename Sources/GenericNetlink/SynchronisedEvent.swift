/// What a `SynchronisedSubscription` hands out: the whole state, then changes to it.
public enum SynchronisedEvent<Element: Sendable, Notification> {
    /// The kernel's state, complete and from a consistent dump: it replaces whatever the
    /// caller held. The first event is one; later ones follow a loss.
    case snapshot(Snapshot<Element>)
    /// A change, to apply to the last snapshot and the changes since.
    case notification(Notification)
}

extension SynchronisedEvent: Sendable where Notification: Sendable {}
extension SynchronisedEvent: Equatable where Element: Equatable, Notification: Equatable {}

/// A consistent dump, and why it was taken.
public struct Snapshot<Element: Sendable>: Sendable {
    public enum Reason: Hashable, Sendable {
        /// The first, taken right after the subscription joined its groups.
        case initial
        /// Notifications were lost (the receive buffer overflowed): taken again.
        case overrun
        /// The caller asked for it (`resynchronise()`), after a module reload, say.
        case requested
    }

    /// Every element the dump gave.
    public var elements: [Element]
    public var reason: Reason
    /// How many dumps before this one came back interrupted (`NLM_F_DUMP_INTR`: the state
    /// changed while they ran) and were issued again.
    public var interruptedDumps: Int

    public init(elements: [Element], reason: Reason, interruptedDumps: Int = 0) {
        self.elements = elements
        self.reason = reason
        self.interruptedDumps = interruptedDumps
    }

    /// Whether it was taken again because something was lost or inconsistent: not the
    /// first dump, or the first after it came back interrupted.
    public var isResynchronisation: Bool {
        reason != .initial || interruptedDumps > 0
    }
}

extension Snapshot: Equatable where Element: Equatable {}
