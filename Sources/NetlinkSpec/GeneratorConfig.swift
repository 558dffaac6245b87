import Foundation

/// `gnl-gen-config.yaml`: options for the specs of one folder (a SwiftPM target, for the
/// GenerateNetlinkClient build plugin), each spec named by its path relative to the
/// config's folder. `gnl-gen swift --config FILE` reads it.
///
///     specs:
///       my_family.yaml:
///         namespace: MyFamily     # the Swift namespace; the client is MyFamilyClient
///
/// Read as strictly as a spec: an unknown key, a namespace that is not a Swift name or a
/// spec that is not there is an error with the config's line.
public struct GeneratorConfig: Hashable, Sendable {
    /// What the config sets for one spec.
    public struct SpecOptions: Hashable, Sendable {
        /// The Swift namespace, instead of the family name's (`GnlFoobarXmpl`).
        public var namespace: String?

        public init(namespace: String? = nil) {
            self.namespace = namespace
        }
    }

    /// The config file, as given.
    public var file: String
    /// The options of each spec, by its path relative to the config's folder.
    public var specs: [String: SpecOptions]

    /// Reads the config at `path`; each spec it names must exist.
    public init(contentsOf path: String) throws(SpecError) {
        try self.init(yaml: SpecReader.text(ofFile: path, what: "config"), source: path) { spec in
            FileManager.default.fileExists(atPath: Self.folder(of: path).appending(path: spec).path)
        }
    }

    /// Parses a config's text; `source` names it in errors, `specExists` checks each spec
    /// it names (by its path relative to the config).
    public init(yaml: String, source: String = "<string>", specExists: (String) -> Bool = { _ in true })
        throws(SpecError)
    {
        file = source
        specs = [:]
        // Empty, or comments only: no options.
        guard let top = try SpecReader.document(yaml, source: source)?.mapping() else { return }
        if let list = top.take("specs") {
            for (spec, node) in try list.mapping().takeAll() {
                guard specExists(spec) else {
                    throw node.error("no spec '\(spec)' beside the config (specs are named by their path relative to it)")
                }
                let options = try node.mapping()
                var value = SpecOptions()
                if let namespace = options.take("namespace") {
                    let name = try namespace.string()
                    guard Self.isSwiftName(name) else {
                        throw namespace.error("'\(name)' is not a Swift type name")
                    }
                    value.namespace = name
                }
                try options.finish()
                specs[spec] = value
            }
        }
        try top.finish()
    }

    /// The options for the spec at `specPath`: the entry whose path, taken from the
    /// config's folder, is that spec; none if the config does not name it.
    public func options(forSpecAt specPath: String) -> SpecOptions {
        let spec = URL(filePath: specPath).standardizedFileURL.path
        let folder = Self.folder(of: file)
        for (name, options) in specs where folder.appending(path: name).standardizedFileURL.path == spec {
            return options
        }
        return SpecOptions()
    }

    private static func folder(of file: String) -> URL {
        URL(filePath: file).deletingLastPathComponent()
    }

    /// Letters, digits and underscores, not starting with a digit.
    static func isSwiftName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }
}
