import CommandLineParsing
import NetlinkGenerator
import NetlinkSpec

/// The files gnl-gen writes, one subcommand each.
enum Generator: String, CaseIterable {
    case uapi
    case kernelHeader = "kernel-header"
    case kernelSource = "kernel-source"
    case swift

    var abstract: String {
        switch self {
        case .uapi: "The family's C uapi header: names, versions, attribute and command enums."
        case .kernelHeader: "The module's <family>-nl.h: handler prototypes, ops and groups."
        case .kernelSource: "The module's <family>-nl.c: per-command policies, ops, groups, family."
        case .swift: "A typed Swift client for the family."
        }
    }

    var options: [OptionSpec] {
        switch self {
        case .kernelSource:
            [.option("header", value: "NAME", help: "How the source includes its header (default <family>-nl.h).")]
        case .swift:
            [
                .option("namespace", value: "NAME", help: "The Swift namespace (default: the family name, e.g. GnlFoobarXmpl)."),
                .option(
                    "config", value: "FILE",
                    help: "A gnl-gen-config.yaml: options per spec, e.g. its namespace (--namespace wins)."),
            ]
        default: []
        }
    }

    func generate(_ spec: Spec, context: GenerationContext, arguments: ParsedArguments) throws -> String {
        switch self {
        case .uapi:
            UAPIHeaderGenerator(spec: spec, context: context).generate()
        case .kernelHeader:
            try KernelCodeGenerator(spec: spec, context: context).generateHeader()
        case .kernelSource:
            try KernelCodeGenerator(spec: spec, context: context, headerName: arguments.value("header"))
                .generateSource()
        case .swift:
            try SwiftClientGenerator(spec: spec, context: context, namespace: swiftNamespace(context, arguments))
                .generate()
        }
    }

    /// `--namespace`, else the one `--config` sets for the spec, else nil (the family's name).
    private func swiftNamespace(_ context: GenerationContext, _ arguments: ParsedArguments) throws -> String? {
        if let namespace: String = try arguments.value("namespace") { return namespace }
        guard let config: String = try arguments.value("config") else { return nil }
        return try GeneratorConfig(contentsOf: config).options(forSpecAt: context.specPath).namespace
    }
}

