import GenericNetlink
import NetlinkSpec

extension FamilySchema {
    /// The attributes of `spec` by number: what a client needs at run time to name the
    /// attribute an extended ACK points at (`.header.dev-name`). Generated clients carry
    /// the same as a constant.
    public init(spec: Spec) {
        self.init(
            familyName: spec.name,
            sets: spec.attributeSets.map { set in
                AttributeSetSchema(
                    name: set.name,
                    attributes: set.attributes.map { attribute in
                        AttributeSchema(
                            name: attribute.name, type: UInt16(attribute.value),
                            // The two enums share their spellings, AttributeType's raw values.
                            kind: AttributeSchema.Kind(rawValue: attribute.type.rawValue) ?? .binary,
                            nestedSet: attribute.nestedAttributes)
                    })
            })
    }
}
