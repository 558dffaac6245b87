// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets over every decoder that reads what the kernel (or anyone on the
// socket) sends: built apart from the kit, with `--sanitize=fuzzer --sanitize=address`
// (scripts/fuzz.sh), because a fuzzer executable has libFuzzer's main, not its own.
let package = Package(
    name: "GenlKitFuzz",
    dependencies: [.package(name: "GenlKit", path: "..")],
    targets: [
        .executableTarget(
            name: "fuzz-decoders",
            dependencies: [
                .product(name: "Netlink", package: "GenlKit"),
                .product(name: "GenericNetlink", package: "GenlKit"),
                .product(name: "FoobarXmpl", package: "GenlKit"),
                .product(name: "KernelFamilies", package: "GenlKit"),
                .product(name: "NetlinkTesting", package: "GenlKit"),
            ],
            path: "Sources/FuzzTargets"),
    ]
)
