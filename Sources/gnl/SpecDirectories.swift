import Foundation

/// Where `--family NAME` finds `NAME.yaml`, in order:
/// 1. `--specs-dir DIR`, when given (and nowhere else);
/// 2. the directories in `YNL_SPECS` (colon-separated);
/// 3. `Documentation/netlink/specs` of the kernel tree the current directory is in, as
///    the kernel's ynl CLI uses the tree it runs from;
/// 4. `/usr/share/ynl/specs`, where distributions install the kernel's specs.
struct SpecDirectories {
    static let systemDirectory = "/usr/share/ynl/specs"
    static let environmentVariable = "YNL_SPECS"

    var directories: [String]

    init(specsDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
         currentDirectory: String = FileManager.default.currentDirectoryPath) {
        if let specsDirectory {
            directories = [specsDirectory]
            return
        }
        directories = (environment[Self.environmentVariable] ?? "").split(separator: ":").map(String.init)
        if let tree = Self.kernelTree(containing: currentDirectory) {
            directories.append(tree + "/Documentation/netlink/specs")
        }
        directories.append(Self.systemDirectory)
    }

    /// The spec of `family`: `<dir>/<family>.yaml`, also with dashes and underscores
    /// swapped (the family `net-shaper` is `net_shaper.yaml`).
    func spec(of family: String) -> String? {
        let names = [family, family.replacingOccurrences(of: "-", with: "_"), family.replacingOccurrences(of: "_", with: "-")]
        for directory in directories {
            for name in names {
                let path = "\(directory)/\(name).yaml"
                if FileManager.default.isReadableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// The nearest directory at or above `directory` that has the kernel's specs.
    private static func kernelTree(containing directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path + "/Documentation/netlink/specs", isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }
}
