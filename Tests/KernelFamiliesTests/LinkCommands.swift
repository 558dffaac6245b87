import Foundation
import Glibc

/// iproute2's `ip`, run by the live tests to change the host's links.
enum IP {
    struct Failure: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var standardError: String
        var description: String { "ip \(arguments.joined(separator: " ")) exited \(status): \(standardError)" }
    }

    static let path = installed("ip")
    /// ethtool, which can change a veth's GRO and with it its XDP features.
    static let ethtoolPath = installed("ethtool")

    static func installed(_ tool: String) -> String? {
        ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether the tests can change links: root, and `ip` installed.
    static var canChangeLinks: Bool { getuid() == 0 && path != nil }

    /// Runs `ip arguments…` (or another tool's) and returns what it printed; throws when it
    /// fails.
    @discardableResult
    static func run(_ arguments: [String], tool: String? = path) throws -> String {
        // Output goes to files, not pipes: Foundation's pipe reads trap on EINTR.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("stdout")
        let errors = scratch.appendingPathComponent("stderr")
        for url in [output, errors] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool ?? "ip")
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                arguments: arguments, status: process.terminationStatus,
                standardError: String(decoding: try Data(contentsOf: errors), as: UTF8.self))
        }
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }

    /// Runs several commands in one `ip -batch` process (one line each, without `ip`);
    /// `force`: on past the ones that fail.
    static func batch(_ commands: [String], force: Bool = false) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ip-batch-\(UUID().uuidString)")
        try commands.joined(separator: "\n").appending("\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try run((force ? ["-force"] : []) + ["-batch", file.path])
    }

    /// Every link's ifindex in this namespace, as `ip -j link` lists them.
    static func linkIndexes() throws -> Set<UInt32> {
        let json = try JSONSerialization.jsonObject(with: Data(try run(["-j", "link", "show"]).utf8))
        let links = json as? [[String: Any]] ?? []
        return Set(links.compactMap { ($0["ifindex"] as? Int).map(UInt32.init) })
    }
}

/// veth pairs created for a test, with names no other run uses, deleted when the value
/// goes away (whether the test passed or not).
final class TemporaryVethPairs {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var created = 0

    /// The first end of each pair (deleting it deletes its peer).
    private(set) var names: [String] = []
    /// Both ends' names.
    private(set) var allNames: [String] = []

    /// Creates `count` pairs, in one `ip` run.
    init(count: Int) throws {
        let first = Self.lock.withLock {
            defer { Self.created += count }
            return Self.created
        }
        // ≤ 15 characters: "gk", the pid in hex, the pair's number, the end.
        let prefix = "gk" + String(getpid() % 0x10000, radix: 16)
        for number in first..<(first + count) {
            names.append("\(prefix)x\(number)a")
            allNames += ["\(prefix)x\(number)a", "\(prefix)x\(number)b"]
        }
        do {
            try IP.batch(names.map { "link add \($0) type veth peer name \($0.dropLast())b" })
        } catch {
            delete()
            throw error
        }
    }

    /// Each end's ifindex.
    func indexes() throws -> Set<UInt32> {
        Set(try allNames.map { name in
            let text = try String(contentsOfFile: "/sys/class/net/\(name)/ifindex", encoding: .utf8)
            guard let index = UInt32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw IP.Failure(arguments: [], status: 0, standardError: "no ifindex for \(name)")
            }
            return index
        })
    }

    /// Deletes the pairs that are still there.
    func delete(_ only: [String]? = nil) {
        let doomed = only ?? names
        guard !doomed.isEmpty else { return }
        try? IP.batch(doomed.map { "link del \($0)" }, force: true)
        names.removeAll { doomed.contains($0) }
    }

    deinit { delete() }
}
