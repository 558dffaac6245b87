/// A command line's values by name, in the order given; the last one given for a name
/// wins. A command line has a handful, so two arrays of strings searched from the end do:
/// a `Dictionary` (or `Set`) of strings had its generic storage type built by the runtime
/// from its mangled name at first use, which searched the binary's type descriptors: half
/// of a static executable's start-up instructions (measurements/analysis.md).
struct NamedValues: Sendable {
    private var names: [String] = []
    private var values: [String] = []

    /// The last value given for `name`, or nil.
    subscript(name: String) -> String? {
        names.lastIndex(of: name).map { values[$0] }
    }

    mutating func append(_ name: String, _ value: String) {
        names.append(name)
        values.append(value)
    }
}
