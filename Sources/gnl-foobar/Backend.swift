import CommandLineSupport
import FoobarXmpl
import FoobarXmplLibnl

extension Backend {
    /// Opens a client on this backend, resolving the family: the one generated from the
    /// spec (raw sockets) or the libnl one.
    func openClient() throws -> any FoobarXmplClient {
        switch self {
        case .raw:
            return try GnlFoobarXmplClient()
        case .libnl:
            return try LibnlFoobarXmplClient()
        }
    }
}
