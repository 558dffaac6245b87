import Foundation
import PackagePlugin

/// The build-tool plugin `GenerateNetlinkClient`: each YNL spec in the target it is applied
/// to becomes a typed Swift client, generated at build time by `gnl-gen swift` into the
/// plugin's work directory and compiled with the target's own sources.
///
///     .target(
///         name: "MyFamilyClient",
///         dependencies: [.product(name: "GenericNetlink", package: "GenlKit")],
///         plugins: [.plugin(name: "GenerateNetlinkClient", package: "GenlKit")])
///
/// - A spec is any `.yaml` or `.yml` file of the target that is not a declared resource
///   and not the config file; `my_family.yaml` gives `my_family.generated.swift`. The
///   build runs `gnl-gen` again whenever a spec (or the config) changes.
/// - The optional config, `gnl-gen-config.yaml` (or `.yml`) anywhere in the target, sets
///   options per spec, by its path relative to the config:
///
///       specs:
///         my_family.yaml:
///           namespace: MyFamily
///
/// The generated file imports `GenericNetlink` and `Netlink`, so the target depends on
/// the `GenericNetlink` product (which brings `Netlink`). Applies to any Swift target,
/// test targets included; the target needs a Swift file of its own (without one SwiftPM
/// does not take it for a Swift target). A spec needs no `exclude:` or `resources:` entry: SwiftPM counts
/// the files a plugin's build commands read as handled (no "unhandled file" warning), and
/// `exclude:` would hide the spec from the plugin too.
@main
struct GenerateNetlinkClient: BuildToolPlugin {
    static let configNames: Set<String> = ["gnl-gen-config.yaml", "gnl-gen-config.yml"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SwiftSourceModuleTarget else {
            throw PluginError("target '\(target.name)' is not a Swift target: the GenerateNetlinkClient plugin generates Swift")
        }
        let candidates = target.sourceFiles.filter {
            ["yaml", "yml"].contains($0.url.pathExtension) && $0.type != .resource
        }
        let configs = candidates.filter { Self.configNames.contains($0.url.lastPathComponent) }.map(\.url)
        let specs = candidates.map(\.url).filter { !Self.configNames.contains($0.lastPathComponent) }
            .sorted { $0.path < $1.path }
        guard configs.count <= 1 else {
            throw PluginError(
                "target '\(target.name)' has more than one gnl-gen config: \(Self.list(configs)); keep one")
        }
        guard !specs.isEmpty else {
            throw PluginError(
                "target '\(target.name)' has no YNL spec: add the family's spec (a .yaml or .yml file) to "
                    + "\(target.directoryURL.path) (not under exclude:, which hides it from plugins too), "
                    + "or remove the GenerateNetlinkClient plugin from the target")
        }
        let outputs = specs.map { $0.deletingPathExtension().lastPathComponent + ".generated.swift" }
        for name in Set(outputs) where outputs.count(where: { $0 == name }) > 1 {
            let clashing = zip(specs, outputs).filter { $0.1 == name }.map(\.0)
            throw PluginError(
                "target '\(target.name)': the specs \(Self.list(clashing)) would both generate \(name); rename one")
        }

        let gnlGen = try context.tool(named: "gnl-gen")
        let config = configs.first
        return zip(specs, outputs).map { spec, name in
            let output = context.pluginWorkDirectoryURL.appending(component: name)
            var arguments = ["swift", spec.path, "-o", output.path]
            if let config { arguments += ["--config", config.path] }
            return .buildCommand(
                displayName: "Generating \(name) from \(spec.lastPathComponent) (gnl-gen)",
                executable: gnlGen.url,
                arguments: arguments,
                inputFiles: [spec] + (config.map { [$0] } ?? []),
                outputFiles: [output])
        }
    }

    static func list(_ files: [URL]) -> String {
        files.map(\.path).joined(separator: ", ")
    }
}

/// A misconfigured target, shown by SwiftPM as the plugin's error.
struct PluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
