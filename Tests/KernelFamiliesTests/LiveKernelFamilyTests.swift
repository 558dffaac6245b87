import Foundation
import Glibc
import GenericNetlink
import KernelFamilies
import Netlink
import Testing

/// The clients generated from the kernel's own specs (nlctrl, netdev, ethtool), against
/// the running kernel: every Linux host has these families, no module needed.
/// Serialized, nested suites included: some create links, which another test's list of
/// links taken at the same time would not expect.
@Suite(.serialized) struct LiveKernelFamilyTests {
    @Test func nlctrlListsItselfAtItsFixedID() throws {
        let client = try NlctrlClient()
        let families = try client.dumpGetfamilyAll()
        let nlctrl = try #require(families.first { $0.familyName == "nlctrl" })
        #expect(nlctrl.familyId == 16)
        #expect(!nlctrl.ops.isEmpty)
        #expect(try client.getfamily(.init(familyName: "nlctrl")).familyId == 16)
    }

    @Test func netdevListsEveryInterfaceTheSystemHas() throws {
        let client = try NetdevClient()
        let dumped = Set(try client.dumpDevGetAll().compactMap(\.ifindex))
        let directory = "/sys/class/net"
        let listed = try Set(FileManager.default.contentsOfDirectory(atPath: directory).compactMap { name in
            try UInt32(String(contentsOfFile: "\(directory)/\(name)/ifindex", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        })
        #expect(dumped == listed)
    }

    /// The spec's check (`min: 1`) is the kernel's policy: its refusal names the attribute.
    @Test func netdevRefusalNamesTheAttribute() throws {
        let client = try NetdevClient()
        let error = try #require(throws: NetlinkError.self) { try client.devGet(.init(ifindex: 0)) }
        #expect(error.errno == .resultOutOfRange)
        #expect(error.operation == "dev-get")
        #expect(error.offendingAttribute == ".ifindex")
        #expect("\(error)" == "dev-get: ERANGE (34): integer out of range (bad attribute: .ifindex)")
    }

    @Test func ethtoolDescribesTheLoopback() throws {
        let client = try EthtoolClient()
        let state = try client.linkstateGet(.init(header: Ethtool.Header(devName: "lo")))
        #expect(state.header?.devName == "lo")
        #expect(state.header?.devIndex == 1)
        let features = try client.featuresGet(.init(header: Ethtool.Header(devName: "lo")))
        #expect(features.hw != nil && features.active != nil)
    }

    /// A device that does not exist: the kernel points at the name inside the header nest.
    @Test func ethtoolRefusalNamesTheNestedAttribute() throws {
        let client = try EthtoolClient()
        let error = try #require(throws: NetlinkError.self) {
            try client.linkinfoGet(.init(header: Ethtool.Header(devName: "no-such-dev0")))
        }
        #expect(error.errno == Errno(rawValue: ENODEV))
        #expect(error.offendingAttribute == ".header.dev-name")
    }
}
