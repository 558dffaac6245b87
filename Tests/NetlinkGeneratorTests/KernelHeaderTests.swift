import Foundation
import NetlinkGenerator
import NetlinkSpec
import Testing

/// The uapi headers generated from the kernel's own specs give what the kernel's installed
/// headers (Debian's linux-libc-dev, Linux 6.1) give, enumerator by enumerator, as C
/// compiles them: uapi names never change value, so every name both define must have the
/// same value. (The installed headers also hold hand-written enums that no spec
/// generates, such as ethtool's cable-test codes; those are not compared.)
@Suite struct KernelHeaderTests {
    /// Where the kernel's specs are: `../shared/ynl-specs` beside the checkout.
    static let specs = GoldenFileTests.root.appendingPathComponent("../shared/ynl-specs").standardized

    /// The enumerators of `header` whose names start with one of `prefixes`.
    static func enumerators(in header: String, prefixes: [String]) -> Set<String> {
        let text = (try? String(contentsOfFile: header, encoding: .utf8)) ?? ""
        var names: Set<String> = []
        var inEnum = false
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("enum") { inEnum = true }
            if trimmed.hasPrefix("}") { inEnum = false }
            guard inEnum, let name = trimmed.split(whereSeparator: { " ,=".contains($0) }).first else { continue }
            if prefixes.contains(where: { name.hasPrefix($0) }) { names.insert(String(name)) }
        }
        return names
    }

    /// Each name's value, as a C program including `include` prints it.
    static func values(of names: [String], including include: String, in directory: URL) throws -> [String: Int] {
        let program = directory.appendingPathComponent("values-\(UUID().uuidString).c")
        let binary = program.deletingPathExtension()
        var source = "#include <stdio.h>\n#include \(include)\nint main(void) {\n"
        for name in names { source += "\tprintf(\"%s %lld\\n\", \"\(name)\", (long long)\(name));\n" }
        source += "\treturn 0;\n}\n"
        try source.write(to: program, atomically: true, encoding: .utf8)
        try run("/usr/bin/cc", ["-I", directory.path, "-o", binary.path, program.path])
        let output = try run(binary.path, [])
        var values: [String: Int] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            values[String(parts[0])] = Int(parts[1])
        }
        return values
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CompileFailure(command: ([executable] + arguments).joined(separator: " "))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct CompileFailure: Error { var command: String }

    /// Generates `spec`'s uapi header and compares it with the installed `system` header.
    static func compare(spec: String, system: String, prefixes: [String]) throws -> (compared: Int, differing: [String]) {
        let parsed = try Spec(contentsOf: specs.appendingPathComponent(spec).path)
        let header = UAPIHeaderGenerator(
            spec: parsed, context: GenerationContext(specPath: spec, command: "gnl-gen uapi \(spec)")
        ).generate()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let generatedPath = directory.appendingPathComponent("generated.h")
        try header.write(to: generatedPath, atomically: true, encoding: .utf8)

        let installed = enumerators(in: system, prefixes: prefixes)
        let generated = enumerators(in: generatedPath.path, prefixes: prefixes)
        // A set's or enum's MAX grows as the kernel adds entries: not a stable value.
        let common = installed.intersection(generated).filter { !$0.hasSuffix("_MAX") }.sorted()
        let theirs = try values(of: common, including: "<\(system)>", in: directory)
        let ours = try values(of: common, including: "\"generated.h\"", in: directory)
        let differing = common.filter { theirs[$0] != ours[$0] }.map { "\($0): \(theirs[$0]!) vs \(ours[$0]!)" }
        return (common.count, differing)
    }

    @Test func ethtoolMatchesTheInstalledHeader() throws {
        let result = try Self.compare(
            spec: "ethtool.yaml", system: "/usr/include/linux/ethtool_netlink.h",
            prefixes: ["ETHTOOL_A_", "ETHTOOL_MSG_"])
        #expect(result.compared > 250)
        #expect(result.differing.isEmpty, "\(result.differing)")
    }

    /// nlctrl's header in the kernel is written by hand and its spec numbers commands the
    /// directional way, so only the attribute enums are the same. One difference is the
    /// kernel spec's own: nlctrl.yaml lists `mask` before `pad` in policy-attrs, where
    /// <linux/netlink.h> has NL_POLICY_TYPE_ATTR_PAD = 11, NL_POLICY_TYPE_ATTR_MASK = 12.
    @Test func nlctrlAttributesMatchTheInstalledHeaders() throws {
        let attributes = ["CTRL_ATTR_", "NL_ATTR_TYPE_", "NL_POLICY_TYPE_ATTR_"]
        let knownSpecMistake = ["NL_POLICY_TYPE_ATTR_MASK: 12 vs 11", "NL_POLICY_TYPE_ATTR_PAD: 11 vs 12"]
        var compared = 0
        for system in ["/usr/include/linux/genetlink.h", "/usr/include/linux/netlink.h"] {
            let result = try Self.compare(spec: "nlctrl.yaml", system: system, prefixes: attributes)
            compared += result.compared
            #expect(result.differing.filter { !knownSpecMistake.contains($0) }.isEmpty, "\(system): \(result.differing)")
        }
        #expect(compared > 25)
    }
}
