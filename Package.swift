// swift-tools-version:6.0
import PackageDescription

// Layers, each knowing only the one below it (see README "Layout"):
//   CNetlink (C shim over the kernel's uapi headers and include/gnl_foobar_xmpl.h)
//   Netlink -> GenericNetlink -> FoobarXmpl (raw backend) / FoobarXmplLibnl
//   gnl-foobar (CLI); c-raw and c-libnl are the C baselines, built with the same flags.
let package = Package(
    name: "GenlKit",
    products: [
        .library(name: "Netlink", targets: ["Netlink"]),
        .library(name: "GenericNetlink", targets: ["GenericNetlink"]),
        .library(name: "FoobarXmpl", targets: ["FoobarXmpl"]),
        .library(name: "FoobarXmplLibnl", targets: ["FoobarXmplLibnl"]),
        .executable(name: "gnl-foobar", targets: ["gnl-foobar"]),
        .executable(name: "c-raw", targets: ["c-raw"]),
        .executable(name: "c-libnl", targets: ["c-libnl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CNetlink"),
        .target(name: "Netlink", dependencies: ["CNetlink"]),
        .target(name: "GenericNetlink", dependencies: ["CNetlink", "Netlink"]),
        .target(name: "FoobarXmpl", dependencies: ["CNetlink", "GenericNetlink"]),
        .systemLibrary(
            name: "CLibnlGenl",
            pkgConfig: "libnl-genl-3.0",
            providers: [.apt(["libnl-genl-3-dev"])]
        ),
        .target(name: "FoobarXmplLibnl", dependencies: ["FoobarXmpl", "CLibnlGenl"]),
        .executableTarget(
            name: "gnl-foobar",
            dependencies: [
                "FoobarXmpl", "FoobarXmplLibnl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "c-raw"),
        .executableTarget(name: "c-libnl", dependencies: ["CLibnlGenl"]),

        // Host tests: run natively by `swift test --skip IntegrationTests`.
        .testTarget(name: "NetlinkTests", dependencies: ["Netlink"]),
        .testTarget(name: "GenericNetlinkTests", dependencies: ["GenericNetlink"]),
        .testTarget(name: "FoobarXmplTests", dependencies: ["FoobarXmpl", "CommandLineTesting"]),
        .testTarget(name: "FoobarXmplLibnlTests", dependencies: ["FoobarXmplLibnl"]),
        // Need the kernel module: run inside the VM by scripts/test.sh.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["FoobarXmpl", "FoobarXmplLibnl", "CommandLineTesting"]),
        // Runs the built gnl-foobar for the CLI tests of both environments.
        .target(name: "CommandLineTesting", path: "Tests/CommandLineTesting"),
    ]
)
