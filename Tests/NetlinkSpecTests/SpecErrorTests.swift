import NetlinkSpec
import Testing

/// A spec with a mistake is refused with the file, the line and column, and the YAML path
/// of the problem: never a crash, never a spec silently read some other way.
@Suite struct SpecErrorTests {
    /// A valid spec to break: `{attribute}` and `{operation}` are replaced by each case.
    static func spec(
        protocolLine: String = "", attribute: String = "- { name: msg, type: string }",
        operation: String = "{ name: echo, doc: Echo., attribute-set: attrs, do: { request: { attributes: [msg] } } }",
        extra: String = ""
    ) -> String {
        """
        name: test
        \(protocolLine)
        doc: A test.
        attribute-sets:
          -
            name: attrs
            attributes:
              \(attribute)
        operations:
          list:
            - \(operation)
        \(extra)
        """
    }

    static func error(_ yaml: String) -> SpecError? {
        do {
            _ = try Spec(yaml: yaml, source: "test.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func theValidSpecLoads() throws {
        let spec = try Spec(yaml: Self.spec(), source: "test.yaml")
        #expect(spec.attributeSets[0].attributes[0].value == 1)
        #expect(spec.operations.list[0].requestValue == 1)
    }

    @Test(arguments: [
        // (what is wrong, the spec, the path, the line, a piece of the message)
        ("unknown type", spec(attribute: "- { name: msg, type: u33 }"), "attribute-sets[0].attributes[0].type", 8,
         "unknown type 'u33'"),
        ("undefined nested set", spec(attribute: "- { name: msg, type: nest, nested-attributes: nope }"),
         "attribute-sets[0].attributes[0].nested-attributes", 8, "no attribute set named 'nope'"),
        ("missing name", spec(attribute: "- { type: u32 }"), "attribute-sets[0].attributes[0]", 8, "missing 'name'"),
        ("unknown key", spec(attribute: "- { name: msg, type: u32, colour: red }"),
         "attribute-sets[0].attributes[0].colour", 8, "unknown key 'colour'"),
        ("unknown attribute in a request",
         spec(operation: "{ name: echo, doc: x, attribute-set: attrs, do: { request: { attributes: [nope] } } }"),
         "operations.list[0].do.request.attributes[0]", 11, "has no attribute 'nope'"),
        ("unknown attribute set of an operation",
         spec(operation: "{ name: echo, doc: x, attribute-set: other, do: {} }"),
         "operations.list[0].attribute-set", 11, "no attribute set named 'other'"),
        ("a genetlink-c key in a genetlink spec", spec(extra: "c-family-name: x"), "c-family-name", 12,
         "needs protocol genetlink-c"),
        ("a legacy type in a genetlink-c spec",
         spec(protocolLine: "protocol: genetlink-c", attribute: "- { name: msg, type: bitfield32 }"),
         "attribute-sets[0].attributes[0].type", 8, "needs protocol genetlink-legacy"),
        ("an unsupported protocol", spec(protocolLine: "protocol: netlink-raw"), "protocol", 2,
         "'netlink-raw' is not supported"),
        ("an undefined enum", spec(attribute: "- { name: msg, type: u32, enum: nope }"),
         "attribute-sets[0].attributes[0].enum", 8, "no enum or flags definition named 'nope'"),
        ("a length naming no const", spec(attribute: "- { name: msg, type: string, checks: { max-len: nope } }"),
         "attribute-sets[0].attributes[0].checks", 8, "does not name an integer const"),
        ("min above max", spec(attribute: "- { name: msg, type: u8, checks: { min: 9, max: 3 } }"),
         "attribute-sets[0].attributes[0].checks", 8, "min 9 is above max 3"),
        ("a name with capitals", spec(attribute: "- { name: Msg, type: u32 }"),
         "attribute-sets[0].attributes[0].name", 8, "not a valid name"),
        ("a nest without its set", spec(attribute: "- { name: msg, type: nest }"),
         "attribute-sets[0].attributes[0]", 8, "needs nested-attributes"),
        ("a notification of nothing", spec(operation: "{ name: ntf, doc: x, notify: nope }"),
         "operations.list[0].notify", 11, "'nope' is not an operation"),
    ])
    func mistakeIsNamedWithItsPathAndLine(
        what: String, yaml: String, path: String, line: Int, message: String
    ) throws {
        let error = try #require(Self.error(yaml), "\(what): accepted")
        #expect(error.path == path, "\(what): \(error)")
        #expect(error.line == line, "\(what): \(error)")
        #expect(error.message.contains(message), "\(what): \(error)")
        #expect("\(error)".hasPrefix("test.yaml:\(line):"), "\(what): \(error)")
    }

    @Test func duplicateAttributeValuesAreRefused() throws {
        let yaml = Self.spec(attribute: "- { name: a, type: u32, value: 3 }\n      - { name: b, type: u32, value: 3 }")
        let error = try #require(Self.error(yaml))
        #expect(error.message.contains("has value 3, as 'a' does"), "\(error)")
    }

    @Test func notYAMLIsRefusedWithItsPosition() throws {
        let error = try #require(Self.error("name: [unclosed\ndoc: x\n"))
        #expect(error.message.hasPrefix("not YAML"), "\(error)")
        #expect(error.line != nil)
    }

    @Test func anEmptySpecIsRefused() throws {
        #expect(Self.error("")?.message == "the spec is empty")
    }

    @Test func aMissingFileIsRefused() throws {
        #expect(throws: SpecError.self) { try Spec(contentsOf: "/nonexistent/spec.yaml") }
    }
}
