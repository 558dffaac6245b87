import Testing
import NetlinkSpec

/// The kernel's own specs (../shared/ynl-specs, beside the checkout) load and resolve.
@Suite struct RealSpecTests {
    @Test(arguments: ["nlctrl", "netdev", "ethtool"])
    func kernelSpecLoads(name: String) throws {
        let spec = try Spec(contentsOf: KernelSpecs.path(name))
        #expect(spec.name == name)
    }
}
