import Glibc

/// A kernel module a test may unload and load again: one of the .ko files
/// scripts/vm-suite.sh names in `GENLKIT_RELOAD_MODULES` (colon-separated) for the suites
/// named `*Reload*`, which it runs alone. Without that variable there is no module to
/// reload, and the test fails: it must not take a module away from tests running
/// beside it.
struct KernelModule {
    static let environmentVariable = "GENLKIT_RELOAD_MODULES"

    /// The module's name, as `lsmod` shows it.
    var name: String
    /// Its .ko file.
    var path: String

    /// The module called `name` among those the test may reload.
    init(reloadable name: String) throws {
        guard let list = environment(Self.environmentVariable) else {
            throw ProgramFailure(
                arguments: ["rmmod", name],
                reason: "\(Self.environmentVariable) is not set: run the *Reload* suites with scripts/vm-suite.sh reload")
        }
        guard let path = list.split(separator: ":").map(String.init).first(where: { $0.hasSuffix("/\(name).ko") }) else {
            throw ProgramFailure(arguments: ["rmmod", name], reason: "\(Self.environmentVariable) has no \(name).ko: \(list)")
        }
        self.name = name
        self.path = path
    }

    /// Whether the module is loaded now (/proc/modules lists it).
    var isLoaded: Bool {
        guard let modules = fopen("/proc/modules", "r") else { return false }
        defer { fclose(modules) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, modules) > 0 {
            if String(cString: line!).hasPrefix("\(name) ") { return true }
        }
        return false
    }

    func unload() throws { try runProgram(["rmmod", name]) }

    func load() throws { try runProgram(["insmod", path]) }

    /// Loads it when a test left it unloaded: the suites after it, and with-module.sh's
    /// unload, expect it there.
    func loadIfUnloaded() {
        guard !isLoaded else { return }
        do { try load() } catch { print("error: \(name) could not be loaded again: \(error)") }
    }
}
