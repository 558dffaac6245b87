import CommandLineTesting
import Foundation
import SpecDrivenNetlink
import Testing

/// `gnl` as a user runs it, against the host's own families (netdev, ethtool, nlctrl
/// answer on any Linux host): its output, its errors and exit statuses.
@Suite struct GnlCommandLineTests {
    /// The kernel's specs: `../shared/ynl-specs` beside the checkout (test data, not part of
    /// the project), or `$YNL_SPECS`.
    static let specs: String = {
        if let custom = ProcessInfo.processInfo.environment["YNL_SPECS"] { return custom }
        // #filePath: <root>/Tests/SpecDrivenNetlinkTests/GnlCommandLineTests.swift
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/ynl-specs")
            .standardized.path
    }()

    static func gnl(_ arguments: String..., environment: [String: String] = [:]) throws -> ExecutableRun {
        try ExecutableRun("gnl", arguments, environment: environment)
    }

    static func spec(_ name: String) -> String { "\(specs)/\(name).yaml" }

    @Test func aDumpIsOneJSONArray() throws {
        let run = try Self.gnl("--spec", Self.spec("netdev"), "--dump", "dev-get")
        #expect(run.status == 0, "\(run.standardError)")
        guard case .array(let devices) = try JSONValue(parsing: run.standardOutput) else {
            Issue.record("not an array: \(run.standardOutput)")
            return
        }
        let indexes = Set(devices.compactMap { device -> Int128? in
            guard case .object(let object) = device, case .integer(let index)? = object["ifindex"] else { return nil }
            return index
        })
        let listed = try Set(FileManager.default.contentsOfDirectory(atPath: "/sys/class/net").compactMap { name in
            Int128(try String(contentsOfFile: "/sys/class/net/\(name)/ifindex", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        })
        #expect(indexes == listed)
    }

    @Test func aDoIsOneJSONObject() throws {
        let run = try Self.gnl("--spec", Self.spec("ethtool"), "--do", "linkstate-get", "--json", #"{"header": {"dev-name": "lo"}}"#)
        #expect(run.status == 0, "\(run.standardError)")
        guard case .object(let reply) = try JSONValue(parsing: run.standardOutput) else {
            Issue.record("not an object: \(run.standardOutput)")
            return
        }
        #expect(reply["header"] == .object(["dev-index": .integer(1), "dev-name": .string("lo")]))
    }

    /// The kernel's refusal with the attribute named by the spec, as the generated clients
    /// and the kernel's C library print it.
    @Test func kernelErrorsNameTheAttributeFromTheSpec() throws {
        let run = try Self.gnl("--spec", Self.spec("netdev"), "--do", "dev-get", "--json", #"{"ifindex": 0}"#)
        #expect(run.status == 1)
        #expect(run.standardError == "error: dev-get: ERANGE (34): integer out of range (bad attribute: .ifindex)\n")
        let nested = try Self.gnl(
            "--spec", Self.spec("ethtool"), "--do", "linkinfo-get", "--json", #"{"header": {"dev-name": "no-such-dev0"}}"#)
        #expect(nested.standardError == "error: linkinfo-get: ENODEV (19): no device matches name (bad attribute: .header.dev-name)\n")
    }

    /// Without a spec the kernel's policy describes the attribute.
    @Test func withoutASpecErrorsNameTheAttributeFromThePolicy() throws {
        let run = try Self.gnl("--family", "netdev", "--no-spec", "--do", "1", "--json", #"{"1": 0}"#)
        #expect(run.status == 1)
        #expect(run.standardError
            == "error: netdev command 1: ERANGE (34): integer out of range (bad attribute: type 1 of command 1's policy: u32, min 1)\n")
        let nested = try Self.gnl("--family", "ethtool", "--no-spec", "--do", "2", "--json", #"{"1": {"2": "no-such-dev0"}}"#)
        #expect(nested.standardError.hasSuffix(
            "(bad attribute: type 2 in type 1 of command 2's policy: nul-string, max length 127)\n"))
    }

    @Test func withoutASpecRepliesAreKeptByNumber() throws {
        let run = try Self.gnl("--family", "netdev", "--no-spec", "--do", "1", "--json", #"{"1": 1}"#)
        #expect(run.status == 0, "\(run.standardError)")
        guard case .object(let reply) = try JSONValue(parsing: run.standardOutput) else {
            Issue.record("not an object: \(run.standardOutput)")
            return
        }
        #expect(reply["1"] == .string("01000000"))
    }

    @Test func familiesAreFoundInTheSpecsDirectories() throws {
        let bySpecsDir = try Self.gnl("--family", "netdev", "--specs-dir", Self.specs, "--list-ops")
        #expect(bySpecsDir.standardOutput.hasPrefix("dev-get  [ do, dump ]\n"))
        let byEnvironment = try Self.gnl("--family", "netdev", "--list-ops", environment: ["YNL_SPECS": "/nonexistent:\(Self.specs)"])
        #expect(byEnvironment.standardOutput == bySpecsDir.standardOutput)
        // No spec anywhere: the kernel's policy, and a note saying so.
        let raw = try Self.gnl("--family", "netdev", "--specs-dir", "/nonexistent", "--list-ops")
        #expect(raw.status == 0)
        #expect(raw.standardOutput.hasPrefix("1  [ do, dump ]\n"))
        #expect(raw.standardError.contains("no spec for netdev in /nonexistent"))
    }

    @Test func listAttributesShowsTypesEnumsAndNests() throws {
        let run = try Self.gnl("--spec", Self.spec("ethtool"), "--list-attrs", "channels-get")
        #expect(run.standardOutput.hasPrefix("Operation: channels-get\nGet channel params.\n\nDo request attributes:\n  - header: nest -> header\n"))
        #expect(run.standardOutput.contains("      - flags: u32 (enum: header-flags)\n        Flags: compact-bitsets, omit-reply, stats\n"))
    }

    @Test func listFamiliesShowsWhatTheKernelRegisters() throws {
        let run = try Self.gnl("--list-families", "--specs-dir", Self.specs)
        #expect(run.standardOutput.contains("nlctrl 16 2 \(Self.specs)/nlctrl.yaml\n"))
    }

    /// The exit status says whether there were differences, and the last line how many.
    @Test func checkSpecExitsOneOnDifferences() throws {
        let run = try Self.gnl("--spec", Self.spec("nlctrl"), "--check-spec")
        let lines = run.standardOutput.split(separator: "\n")
        #expect(run.status == (lines.count > 1 ? 1 : 0))
        #expect(lines.last?.hasPrefix("nlctrl: ") == true)
        // The kernel limits family names to GENL_NAMSIZ - 1 bytes; the spec does not.
        #expect(run.standardOutput.contains(".family-name: other length: no length limit in the spec, at most 15 bytes in the kernel"))
    }

    @Test(arguments: [
        (["--do", "dev-get"], "which family? give --spec FILE or --family NAME"),
        (["--spec", "a", "--family", "b", "--list-ops"], "--spec and --family name the family twice"),
        (["--spec", "a", "--do", "x", "--dump", "y"], "--do and --dump cannot be combined"),
        (["--spec", "a", "--list-ops", "--json", "{}"], "--json is the request of --do or --dump"),
        (["--spec", "a", "--do", "x", "--count", "3"], "--count goes with --subscribe"),
        (["--spec", "a", "--dump", "x", "--replace"], "--replace goes with --do"),
        (["--spec", "a", "--no-spec", "--list-ops"], "--no-spec goes with --family NAME"),
        (["--spec", "a"], "nothing to do"),
        (["--spec", "a", "--subscribe", "g", "--duration=-1"], "invalid value '-1' for --duration SECONDS"),
        (["--spce", "a"], "unknown option '--spce'"),
    ])
    func commandLinesThatMakeNoSenseExit64(_ arguments: [String], _ expected: String) throws {
        let run = try ExecutableRun("gnl", arguments)
        #expect(run.status == 64)
        #expect(run.standardError.hasPrefix("error: \(expected)"), "\(run.standardError)")
        #expect(run.standardError.contains("\nUsage: gnl "))
    }

    @Test(arguments: [
        (#"{"ifindex": "#, "error: --json: invalid JSON at line 1, column 13: unexpected end of text, expected a value\n"),
        (#"{"ifindx": 1}"#, "error: request .ifindx: attribute set 'dev' has no attribute 'ifindx' (known: ifindex,"),
        (#"{"ifindex": -1}"#, "error: request .ifindex: -1 does not fit a u32 (0...4294967295)\n"),
        (#"[1]"#, "error: request: expected an object of attributes, found an array\n"),
    ])
    func malformedRequestsAreRefusedBeforeSending(_ json: String, _ expected: String) throws {
        let run = try Self.gnl("--spec", Self.spec("netdev"), "--do", "dev-get", "--json", json)
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix(expected), "\(run.standardError)")
    }

    @Test func malformedSpecsSayWhere() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gnl-spec-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("broken.yaml").path
        try "name: broken\ndoc: Broken.\nattribute-sets:\n  - name: a\n    attributes:\n      - { name: x, type: u33 }\noperations:\n  list: []\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Self.gnl("--spec", path, "--list-ops")
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("error: \(path):6:26: attribute-sets[0].attributes[0].type: unknown type 'u33'"), "\(run.standardError)")
    }

    @Test func unknownOperationsAndModesAreNamed() throws {
        let unknown = try Self.gnl("--spec", Self.spec("netdev"), "--do", "nope")
        #expect(unknown.standardError.hasPrefix("error: family netdev has no operation 'nope' (operations: dev-get,"))
        let mode = try Self.gnl("--spec", Self.spec("netdev"), "--do", "qstats-get")
        #expect(mode.standardError == "error: operation 'qstats-get' has no do (it has: dump)\n")
    }
}
