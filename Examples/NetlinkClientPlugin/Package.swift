// swift-tools-version:6.2
// A package of a user's own: a typed client for a generic netlink family, generated at
// build time from the family's YNL spec by GenlKit's GenerateNetlinkClient plugin.
import PackageDescription

let package = Package(
    name: "NetlinkClientPlugin",
    dependencies: [
        // Your package: .package(url: "https://github.com/OWNER/GenlKit", from: "…").
        .package(name: "GenlKit", path: "../.."),
    ],
    targets: [
        // The spec (gnl_foobar_xmpl.yaml) and gnl-gen-config.yaml sit among the sources;
        // the plugin generates gnl_foobar_xmpl.generated.swift from them at build time.
        .target(
            name: "FoobarFamily",
            dependencies: [.product(name: "GenericNetlink", package: "GenlKit")],
            plugins: [.plugin(name: "GenerateNetlinkClient", package: "GenlKit")]),
        .executableTarget(
            name: "foobar-demo",
            dependencies: ["FoobarFamily", .product(name: "GenericNetlink", package: "GenlKit")]),
        // The client without a kernel: NetlinkTesting's FakeKernel answers for it.
        .testTarget(
            name: "FoobarFamilyTests",
            dependencies: [
                "FoobarFamily",
                .product(name: "GenericNetlink", package: "GenlKit"),
                .product(name: "NetlinkTesting", package: "GenlKit"),
            ]),
    ]
)
