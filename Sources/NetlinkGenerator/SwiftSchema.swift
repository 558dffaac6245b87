import NetlinkSpec

/// The family's schema as a constant: attribute names by number, for naming what a kernel
/// error points at.
extension SwiftClientGenerator {
    func writeSchema(_ out: inout SwiftWriter) {
        out.blank()
        out.line("/// The attributes by number, for naming the one a kernel error points at.")
        out.line("public static let schema = FamilySchema(")
        out.indent()
        out.line("familyName: familyName,")
        out.line("sets: [")
        out.indent()
        for set in spec.attributeSets {
            out.line("AttributeSetSchema(")
            out.indent()
            out.line("name: \(SwiftNames.literal(set.name)),")
            out.line("attributes: [")
            out.indent()
            for attribute in set.attributes {
                var arguments = "name: \(SwiftNames.literal(attribute.name)), type: \(attribute.value), kind: .\(kindName(attribute.type))"
                if let nested = attribute.nestedAttributes { arguments += ", nestedSet: \(SwiftNames.literal(nested))" }
                out.line("AttributeSchema(\(arguments)),")
            }
            out.dedent()
            out.line("]),")
            out.dedent()
        }
        out.dedent()
        out.line("])")
        out.dedent()
    }

    func kindName(_ type: AttributeType) -> String {
        switch type {
        case .indexedArray: "indexedArray"
        case .nestTypeValue: "nestTypeValue"
        default: type.rawValue
        }
    }
}
