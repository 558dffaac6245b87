import Foundation
import NetlinkGenerator
import NetlinkSpec
import Testing

/// The generator's output for its test specs is the committed golden files, byte for byte
/// (`scripts/generate.sh` writes them; a change to the generator shows as a diff there).
@Suite struct GoldenFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func generate(_ generator: String, _ spec: String, _ options: String = "") throws -> String {
        let parsed = try Spec(contentsOf: root.appendingPathComponent(spec).path)
        let context = GenerationContext(
            specPath: spec, command: "gnl-gen \(generator) \(spec)" + (options.isEmpty ? "" : " \(options)"))
        switch generator {
        case "uapi": return UAPIHeaderGenerator(spec: parsed, context: context).generate()
        case "kernel-header": return try KernelCodeGenerator(spec: parsed, context: context).generateHeader()
        case "kernel-source":
            return try KernelCodeGenerator(spec: parsed, context: context, headerName: "everything-nl.h")
                .generateSource()
        default: return try SwiftClientGenerator(spec: parsed, context: context).generate()
        }
    }

    static func committed(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static let spec = "Tests/NetlinkGeneratorTests/Specs/everything.yaml"

    @Test(arguments: [
        ("uapi", "Tests/NetlinkGeneratorTests/Golden/everything.h", ""),
        ("kernel-header", "Tests/NetlinkGeneratorTests/Golden/everything-nl.h", ""),
        ("kernel-source", "Tests/NetlinkGeneratorTests/Golden/everything-nl.c", "--header everything-nl.h"),
        ("swift", "Tests/GeneratedClientTests/Everything.swift", ""),
    ])
    func outputIsTheGoldenFile(generator: String, golden: String, options: String) throws {
        #expect(try Self.generate(generator, Self.spec, options) == Self.committed(golden), "\(golden)")
    }

    @Test func everyGeneratedFileSaysWhereItCameFromAndNotToEditIt() throws {
        for generator in ["uapi", "kernel-header", "kernel-source", "swift"] {
            let text = try Self.generate(generator, Self.spec)
            let top = text.split(separator: "\n").prefix(6).joined(separator: "\n")
            #expect(top.contains(Self.spec), "\(generator)")
            #expect(top.contains("gnl-gen \(generator) \(Self.spec)"), "\(generator)")
            #expect(top.contains("Do not edit"), "\(generator)")
        }
    }
}
