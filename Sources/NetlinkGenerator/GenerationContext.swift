import NetlinkSpec

/// What every generated file says at its top: that it is generated, from which spec, by
/// which command, and that it is not to be edited by hand. The kernel's `YNL-GEN` marker
/// line is kept so that the kernel's `ynl-regen.sh` recognises the files too.
public struct GenerationContext: Sendable {
    /// The spec's path as the generated file should name it (as given on the command line).
    public var specPath: String
    /// The command that produced the file, e.g. `gnl-gen uapi specs/foo.yaml`.
    public var command: String

    public init(specPath: String, command: String) {
        self.specPath = specPath
        self.command = command
    }

    /// The license generated files carry: the spec's, else the kernel specs' own.
    static func license(of spec: Spec) -> String {
        spec.license ?? "((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)"
    }

    /// The C banner: `/* … */` lines (a `//` SPDX line for .c files, as the kernel wants).
    func cBanner(_ spec: Spec, marker: String, isSource: Bool = false) -> [String] {
        let license = Self.license(of: spec)
        return [
            isSource ? "// SPDX-License-Identifier: \(license)" : "/* SPDX-License-Identifier: \(license) */",
            "/* Do not edit directly, auto-generated from: */",
            "/*\t\(specPath) */",
            "/* YNL-GEN \(marker) */",
            "/* by: \(command) */",
        ]
    }
}
