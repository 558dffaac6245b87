// foobar-demo: the generated client at work. Listing families needs only nlctrl, which
// every kernel has; the rest needs the gnl_foobar_xmpl module (kernel-mod/ in GenlKit).
import FoobarFamily
import GenericNetlink
import Glibc

do {
    var connection = try GenericNetlinkConnection()
    let names = try connection.families().map(\.name).sorted()
    print("generic netlink families (\(names.count)): \(names.joined(separator: " "))")

    let client = try FoobarClient()
    print("echo: \(try client.echo("hello from a generated client"))")
    for line in try client.numberedLines(count: 3) { print("dump: \(line)") }
} catch let error as FamilyNotFoundError {
    // FoobarClient() resolves the family first: without the module this is where it stops.
    fail("\(error) (kernel-mod/ in GenlKit registers it)")
} catch {
    fail("error: \(error)")
}

func fail(_ message: String) -> Never {
    var line = "foobar-demo: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(1)
}
