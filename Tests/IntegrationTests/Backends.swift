import FoobarXmpl
import FoobarXmplLibnl
import Testing

/// The client implementations every integration test runs against: each test runs once
/// per backend.
struct Backend: CustomTestStringConvertible, Sendable {
    let name: String
    let open: @Sendable () throws -> any FoobarXmplClient

    var testDescription: String { name }

    static let raw = Backend(name: "raw") { try GnlFoobarXmplClient() }
    static let libnl = Backend(name: "libnl") { try LibnlFoobarXmplClient() }
}

let backends: [Backend] = [.raw, .libnl]
