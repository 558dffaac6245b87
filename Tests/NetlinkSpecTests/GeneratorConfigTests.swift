import Foundation
import NetlinkSpec
import Testing

/// `gnl-gen-config.yaml`, which the GenerateNetlinkClient plugin hands to `gnl-gen swift
/// --config`: a namespace per spec, refused with its line when it is wrong.
@Suite struct GeneratorConfigTests {
    static func error(_ yaml: String, specExists: (String) -> Bool = { _ in true }) -> SpecError? {
        do {
            _ = try GeneratorConfig(yaml: yaml, source: "gnl-gen-config.yaml", specExists: specExists)
            return nil
        } catch {
            return error
        }
    }

    @Test func namespacesBySpecPathRelativeToTheConfig() throws {
        let config = try GeneratorConfig(
            yaml: """
                specs:
                  a.yaml:
                    namespace: Alpha
                  sub/b.yml: {}
                """, source: "/pkg/Sources/T/gnl-gen-config.yaml")
        #expect(config.options(forSpecAt: "/pkg/Sources/T/a.yaml").namespace == "Alpha")
        #expect(config.options(forSpecAt: "/pkg/Sources/T/./a.yaml").namespace == "Alpha")
        #expect(config.options(forSpecAt: "/pkg/Sources/T/sub/b.yml") == .init())
        // A spec the config does not name gets no options; so does one elsewhere.
        #expect(config.options(forSpecAt: "/pkg/Sources/T/c.yaml") == .init())
        #expect(config.options(forSpecAt: "/pkg/Sources/U/a.yaml") == .init())
    }

    @Test func anEmptyConfigSetsNothing() throws {
        let config = try GeneratorConfig(yaml: "# nothing yet\n", source: "gnl-gen-config.yaml")
        #expect(config.specs.isEmpty)
    }

    @Test func unknownKeysAreRefusedWithTheirLine() {
        let top = Self.error("spec:\n  a.yaml: {}\n")
        // As in specs, the error points at the unknown key's value.
        #expect(top?.description == "gnl-gen-config.yaml:2:3: spec: unknown key 'spec' (known here: specs)")
        let option = Self.error("specs:\n  a.yaml:\n    name: A\n")
        #expect(option?.line == 3)
        #expect(option?.message == "unknown key 'name' (known here: namespace)")
    }

    @Test(arguments: ["1Alpha", "Al-pha", "Al pha", "Alpha.Client", ""])
    func aNamespaceMustBeASwiftName(_ name: String) {
        let error = Self.error("specs:\n  a.yaml:\n    namespace: '\(name)'\n")
        #expect(error?.path == "specs.a.yaml.namespace")
        #expect(error?.message == "'\(name)' is not a Swift type name")
    }

    @Test func aSpecThatIsNotThereIsRefused() {
        let error = Self.error("specs:\n  gone.yaml: {}\n", specExists: { $0 != "gone.yaml" })
        #expect(error?.path == "specs.gone.yaml")
        #expect(error?.message.hasPrefix("no spec 'gone.yaml' beside the config") == true)
    }

    @Test func theFileIsReadBesideItsSpecs() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "gnl-gen-config-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("name: a\n".utf8).write(to: folder.appending(path: "a.yaml"))
        let path = folder.appending(path: "gnl-gen-config.yaml").path
        try Data("specs:\n  a.yaml: { namespace: Alpha }\n".utf8).write(to: URL(filePath: path))
        let config = try GeneratorConfig(contentsOf: path)
        #expect(config.options(forSpecAt: folder.appending(path: "a.yaml").path).namespace == "Alpha")

        try Data("specs:\n  b.yaml: { namespace: Beta }\n".utf8).write(to: URL(filePath: path))
        #expect(throws: SpecError.self) { try GeneratorConfig(contentsOf: path) }
    }
}
