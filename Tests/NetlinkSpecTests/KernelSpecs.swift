#if canImport(Glibc)
import Glibc
#endif

/// Where the kernel's own YNL specs are: `../shared/ynl-specs` beside the checkout
/// (test data, not part of the project), or `$YNL_SPECS` if set.
enum KernelSpecs {
    static var directory: String {
        if let custom = getenv("YNL_SPECS") { return String(cString: custom) }
        // #filePath: <root>/Tests/NetlinkSpecTests/KernelSpecs.swift
        let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        return "/" + root + "/../shared/ynl-specs"
    }

    static func path(_ name: String) -> String { "\(directory)/\(name).yaml" }
}
