import CommandLineSupport
import NetlinkSpec

/// `--subscribe GROUP`: not yet (it waits for the kit's multicast API).
struct Subscriber {
    let spec: Spec
    let subscription: GnlOptions.Subscription
    func run() throws { throw CommandFailure("--subscribe is not available yet") }
}

struct RawSubscriber {
    let familyName: String
    let subscription: GnlOptions.Subscription
    func run() throws { throw CommandFailure("--subscribe is not available yet") }
}
