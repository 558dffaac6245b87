import JSONWriting
import Testing

/// JSON strings, objects and arrays as the CLIs and SpecDrivenNetlink write them.
@Suite struct JSONTextTests {
    @Test func stringsAreQuotedAndEscaped() {
        #expect(JSONText.string("plain") == #""plain""#)
        #expect(JSONText.string("a\"b\\c\nd\re\tf") == #""a\"b\\c\nd\re\tf""#)
        // Other control characters, and DEL, as \u escapes; the rest as is.
        #expect(JSONText.string("\u{01}\u{1f}\u{7f}é😀") == #""\u0001\u001f\u007fé😀""#)
    }

    @Test func writingAppends() {
        var out = "["
        JSONText.write("x", to: &out)
        #expect(out == #"["x""#)
    }

    @Test func objectsKeepTheirKeysInOrderAndArraysTheirElements() {
        #expect(JSONText.object(["b": "1", "a": JSONText.string("x")]) == #"{"b":1,"a":"x"}"#)
        #expect(JSONText.array(["1", "true", "null"]) == "[1,true,null]")
        #expect(JSONText.array([]) == "[]")
    }
}
