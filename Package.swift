// swift-tools-version:6.2
// 6.2: the borrowed payloads are RawSpan, which needs Swift 6.2.
import Foundation
import PackageDescription

// Layers, each knowing only the one below it (see README "Layout"):
//   CNetlink (C shim over the kernel's uapi headers and include/gnl_foobar_xmpl.h)
//   Netlink -> GenericNetlink -> FoobarXmpl (raw backend) / FoobarXmplLibnl
//   GenericNetlinkAsync: subscriptions as AsyncSequences (gnl-bench-events measures them)
//   gnl-foobar (the user's CLI) and gnl-bench (the benchmark's commands), both over
//   CommandLineSupport (CommandLineParsing, the subcommand runner, error reporting) and
//   SwiftRuntimeSettings; c-raw and c-libnl are the C baselines, built with the same flags.
//   NetlinkSpec + GenericNetlink -> SpecDrivenNetlink (any family by its YNL spec, at run
//   time) -> gnl (the spec-driven CLI, with the kernel ynl CLI's flags).
// NetlinkTesting (FakeKernel, the kernel's side of messages) is for tests only: no
// production target depends on it.

/// A family of its own in `families/<name>/` (scripts/new-family.sh makes one), found by
/// convention so that adding one needs no edit here: `<name>.yaml` is its spec, `swift/`
/// its generated client, the library `<Name>Family` (`gnl_kv` -> `GnlKvFamily`: the
/// spec's name in upper camel case, as gnl-gen names the client's namespace, `GnlKv`);
/// `tests/host/` its host tests, `<Name>FamilyTests`; `tests/vm/` its tests against the
/// module, `<Name>FamilyIntegrationTests` (the name puts them with the VM's
/// `--filter IntegrationTests` and out of the host's `--skip IntegrationTests`).
struct Family {
    let name: String
    var module: String { name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Family" }

    /// Those with a spec and its generated client (until scripts/generate.sh has written
    /// the client, a new family has no Swift targets yet).
    static let all: [Family] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Context.packageDirectory + "/families")) ?? []
        return names.sorted().map(Family.init).filter { $0.has("\($0.name).yaml") && $0.hasSwift("swift") }
    }()

    private func has(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(Context.packageDirectory)/families/\(name)/\(path)")
    }

    private func hasSwift(_ folder: String) -> Bool {
        let files = try? FileManager.default.contentsOfDirectory(atPath: "\(Context.packageDirectory)/families/\(name)/\(folder)")
        return files?.contains { $0.hasSuffix(".swift") } ?? false
    }

    var product: Product { .library(name: module, targets: [module]) }

    var targets: [Target] {
        var targets: [Target] = [
            .target(name: module, dependencies: ["GenericNetlink", "Netlink"], path: "families/\(name)/swift")
        ]
        if hasSwift("tests/host") {
            targets.append(.testTarget(
                name: module + "Tests", dependencies: [.target(name: module), "GenericNetlink", "Netlink", "NetlinkTesting"],
                path: "families/\(name)/tests/host"))
        }
        if hasSwift("tests/vm") {
            // GenericNetlinkAsync: the family's subscriptions as AsyncSequences, tested live.
            targets.append(.testTarget(
                name: module + "IntegrationTests",
                dependencies: [.target(name: module), "GenericNetlink", "GenericNetlinkAsync", "Netlink"],
                path: "families/\(name)/tests/vm"))
        }
        return targets
    }
}

let package = Package(
    name: "GenlKit",
    products: [
        .library(name: "Netlink", targets: ["Netlink"]),
        .library(name: "GenericNetlink", targets: ["GenericNetlink"]),
        .library(name: "GenericNetlinkAsync", targets: ["GenericNetlinkAsync"]),
        .library(name: "FoobarXmpl", targets: ["FoobarXmpl"]),
        .library(name: "GenericNetlinkLibnl", targets: ["GenericNetlinkLibnl"]),
        .library(name: "FoobarXmplLibnl", targets: ["FoobarXmplLibnl"]),
        // For users testing their own family clients without a kernel.
        .library(name: "NetlinkTesting", targets: ["NetlinkTesting"]),
        .executable(name: "gnl-foobar", targets: ["gnl-foobar"]),
        .executable(name: "gnl-bench", targets: ["gnl-bench"]),
        .executable(name: "gnl-bench-events", targets: ["gnl-bench-events"]),
        .executable(name: "gnl-stress", targets: ["gnl-stress"]),
        .executable(name: "c-raw", targets: ["c-raw"]),
        .executable(name: "c-libnl", targets: ["c-libnl"]),
        .library(name: "NetlinkSpec", targets: ["NetlinkSpec"]),
        .library(name: "KernelFamilies", targets: ["KernelFamilies"]),
        .library(name: "SpecDrivenNetlink", targets: ["SpecDrivenNetlink"]),
        .executable(name: "gnl-gen", targets: ["gnl-gen"]),
        // A target's YNL specs become its typed Swift clients at build time (README).
        .plugin(name: "GenerateNetlinkClient", targets: ["GenerateNetlinkClient"]),
        .executable(name: "gnl", targets: ["gnl"]),
    ] + Family.all.map(\.product),
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(name: "CNetlink"),
        .target(name: "Netlink", dependencies: ["CNetlink"]),
        .target(name: "GenericNetlink", dependencies: ["CNetlink", "Netlink"]),
        // Subscriptions as AsyncSequences: needs the concurrency runtime and libdispatch,
        // which the static executables must not link, so no target they use depends on it.
        .target(name: "GenericNetlinkAsync", dependencies: ["Netlink"]),
        .target(name: "FoobarXmpl", dependencies: ["CNetlink", "GenericNetlink"]),
        // Typed clients of the kernel's own families, generated from their specs.
        .target(name: "KernelFamilies", dependencies: ["GenericNetlink", "Netlink"]),
        .systemLibrary(
            name: "CLibnlGenl",
            pkgConfig: "libnl-genl-3.0",
            providers: [.apt(["libnl-genl-3-dev"])]
        ),
        // libnl-genl-3, family-neutral: exchange, errors, resources, reply policies.
        .target(name: "GenericNetlinkLibnl", dependencies: ["GenericNetlink", "CLibnlGenl"]),
        .target(name: "FoobarXmplLibnl", dependencies: ["FoobarXmpl", "GenericNetlinkLibnl"]),
        // Test doubles, apart from the products they stand in for (as Go's nltest).
        .target(name: "NetlinkTesting", dependencies: ["CNetlink", "Netlink", "GenericNetlink"]),
        // The CLIs' own small parser: swift-argument-parser imports FoundationEssentials,
        // which links libdispatch (8 syscalls and ~10 M instructions at every start).
        .target(name: "CommandLineParsing"),
        // What the two executables share: the subcommand runner, errors, --backend.
        .target(name: "CommandLineSupport", dependencies: ["CommandLineParsing"]),
        // JSON text without Foundation, for the CLIs and SpecDrivenNetlink's printer.
        .target(name: "JSONWriting"),
        // Turns the crash backtracer's futile start-up search off in static executables.
        .target(name: "SwiftRuntimeSettings"),
        .executableTarget(
            name: "gnl-foobar",
            dependencies: [
                "FoobarXmpl", "FoobarXmplLibnl", "GenericNetlinkLibnl", "CommandLineParsing",
                "CommandLineSupport", "JSONWriting", "SwiftRuntimeSettings",
            ]
        ),
        // The benchmark's commands, apart from the user's CLI; built static like it.
        .executableTarget(
            name: "gnl-bench",
            dependencies: [
                "FoobarXmpl", "FoobarXmplLibnl", "GenericNetlinkLibnl", "CommandLineParsing",
                "CommandLineSupport", "KernelFamilies",
                "SwiftRuntimeSettings",
            ]
        ),
        // The event-throughput benchmark (a gnl_kv burst, blocking and async subscribers):
        // apart from gnl-bench, whose start-up the async layer's runtime would change.
        .executableTarget(
            name: "gnl-bench-events",
            dependencies: [
                "GnlKvFamily", "GenericNetlinkAsync", "GenericNetlink", "Netlink", "CommandLineParsing",
                "CommandLineSupport", "SwiftRuntimeSettings",
            ]
        ),
        // Load on the Swift clients (issue 16: threads, processes, a long dump's memory),
        // for scripts/stress.sh and the VM suite.
        .executableTarget(
            name: "gnl-stress",
            dependencies: ["FoobarXmpl", "GenericNetlink", "Netlink", "CommandLineParsing", "CommandLineSupport", "JSONWriting"]),
        .executableTarget(name: "c-raw"),
        // YNL specs: the model and its checks.
        .target(name: "NetlinkSpec", dependencies: ["Yams"]),
        // From a spec: the uapi header, the module's tables, a Swift client.
        .target(name: "NetlinkGenerator", dependencies: ["NetlinkSpec"]),
        .executableTarget(
            name: "gnl-gen", dependencies: ["NetlinkGenerator", "NetlinkSpec", "CommandLineParsing"]),
        .executableTarget(name: "c-libnl", dependencies: ["CLibnlGenl"]),
        // Runs `gnl-gen swift` on each spec of the target it is applied to.
        .plugin(name: "GenerateNetlinkClient", capability: .buildTool(), dependencies: ["gnl-gen"]),
        // Any family by its spec, at run time: requests from JSON, replies to JSON.
        .target(name: "SpecDrivenNetlink", dependencies: ["NetlinkSpec", "GenericNetlink", "Netlink", "JSONWriting"]),
        // The spec-driven CLI, with the kernel ynl CLI's flags.
        .executableTarget(
            name: "gnl",
            dependencies: [
                "SpecDrivenNetlink", "NetlinkSpec", "GenericNetlink", "Netlink", "CNetlink", "CommandLineParsing",
                "CommandLineSupport",
            ]),

        // Host tests: run natively by `swift test --skip IntegrationTests`.
        .testTarget(name: "NetlinkTests", dependencies: ["Netlink", "NetlinkTesting"]),
        .testTarget(name: "JSONWritingTests", dependencies: ["JSONWriting"]),
        .testTarget(
            name: "GenericNetlinkTests",
            dependencies: ["GenericNetlink", "GenericNetlinkAsync", "NetlinkTesting"]),
        .testTarget(
            name: "FoobarXmplTests",
            dependencies: ["FoobarXmpl", "NetlinkTesting", "CommandLineTesting"]),
        .testTarget(name: "GenericNetlinkLibnlTests", dependencies: ["GenericNetlinkLibnl", "CraftedMessages"]),
        .testTarget(name: "FoobarXmplLibnlTests", dependencies: ["FoobarXmplLibnl", "CraftedMessages"]),
        .testTarget(name: "CommandLineParsingTests", dependencies: ["CommandLineParsing"]),
        .testTarget(name: "NetlinkSpecTests", dependencies: ["NetlinkSpec"]),
        .testTarget(
            name: "KernelFamiliesTests",
            dependencies: ["KernelFamilies", "GenericNetlink", "GenericNetlinkAsync", "Netlink"]),
        .testTarget(name: "NetlinkGeneratorTests", dependencies: ["NetlinkGenerator", "NetlinkSpec"],
            exclude: ["Specs", "Golden"]),
        // The Swift client generated from the generator's test spec, compiled and exercised.
        .testTarget(
            name: "GeneratedClientTests",
            dependencies: ["GenericNetlink", "Netlink", "NetlinkTesting"]),
        .testTarget(
            name: "SpecDrivenNetlinkTests",
            dependencies: ["SpecDrivenNetlink", "NetlinkSpec", "GenericNetlink", "Netlink", "NetlinkTesting", "CommandLineTesting"]),
        // Need the kernel module: run inside the VM by scripts/test.sh.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["FoobarXmpl", "FoobarXmplLibnl", "CommandLineTesting"]),
        // Runs the built gnl-foobar and gnl-bench for the CLI tests of both environments.
        .target(name: "CommandLineTesting", path: "Tests/CommandLineTesting"),
        // Netlink messages written byte by byte, for the libnl tests' parsers.
        .target(name: "CraftedMessages", dependencies: ["Netlink"], path: "Tests/CraftedMessages"),
    ] + Family.all.flatMap(\.targets)
)
