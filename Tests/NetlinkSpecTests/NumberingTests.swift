import NetlinkSpec
import Testing

/// Values the spec leaves out are given as the kernel's tools give them
/// (Documentation/userspace-api/netlink/specs.rst and genetlink-legacy.rst).
@Suite struct NumberingTests {
    @Test func attributesCountFromOneAndOnFromAnExplicitValue() throws {
        let spec = try Spec(yaml: """
            name: t
            doc: t
            attribute-sets:
              - name: s
                attributes:
                  - { name: unspec, type: unused, value: 0 }
                  - { name: a, type: u32 }
                  - { name: b, type: u32, value: 10 }
                  - { name: c, type: u32 }
              - name: sub
                subset-of: s
                attributes:
                  - { name: c }
                  - { name: a }
            operations:
              list:
                - { name: x, doc: x, attribute-set: s, do: {} }
                - { name: y, doc: y, value: 7, attribute-set: s, do: {} }
                - { name: z, doc: z, attribute-set: s, do: {} }
            """)
        #expect(spec.attributeSets[0].attributes.map(\.value) == [0, 1, 10, 11])
        // A subset keeps its main set's values and types.
        #expect(spec.attributeSets[1].attributes.map(\.value) == [11, 1])
        #expect(spec.attributeSets[1].attributes[0].type == .u32)
        #expect(spec.operations.list.map(\.requestValue) == [1, 7, 8])
    }

    @Test func definitionsCountFromZeroOrTheirStart() throws {
        let spec = try Spec(yaml: """
            name: t
            doc: t
            definitions:
              - { name: e, type: enum, entries: [a, b, { name: c, value: 9 }, d] }
              - { name: f, type: flags, value-start: 2, entries: [p, q] }
            attribute-sets: [{ name: s, attributes: [] }]
            operations: { list: [] }
            """)
        #expect(spec.definitions[0].entries.map(\.value) == [0, 1, 9, 10])
        #expect(spec.definitions[0].contiguousRange == nil)
        let flags = spec.definitions[1]
        #expect(flags.entries.map { flags.userValue($0) } == [4, 8])
        #expect(flags.mask() == 12)
    }

    /// The worked example of genetlink-legacy.rst: requests and replies numbered apart,
    /// notifications taking reply numbers only.
    @Test func directionalCommandsAreNumberedApart() throws {
        let spec = try Spec(yaml: """
            name: t
            protocol: genetlink-legacy
            doc: t
            attribute-sets: [{ name: s, attributes: [{ name: a, type: u32 }] }]
            operations:
              enum-model: directional
              list:
                - { name: a, doc: a, attribute-set: s, do: { request: { value: 2 }, reply: { value: 1 } } }
                - { name: b, doc: b, notify: a }
                - { name: c, doc: c, value: 7, notify: a }
                - { name: d, doc: d, attribute-set: s, do: { request: {}, reply: {} } }
            """)
        let values = spec.operations.list.map { [$0.requestValue, $0.replyValue] }
        #expect(values == [[2, 1], [nil, 2], [nil, 7], [3, 8]])
    }
}
