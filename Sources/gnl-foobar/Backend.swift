import CommandLineSupport
import FoobarXmpl
import FoobarXmplLibnl

extension Backend {
    /// Opens a client on this backend, resolving the family.
    func openClient() throws -> any FoobarXmplClient {
        switch self {
        case .raw:
            return try RawFoobarXmplClient()
        case .libnl:
            return try LibnlFoobarXmplClient()
        }
    }
}
