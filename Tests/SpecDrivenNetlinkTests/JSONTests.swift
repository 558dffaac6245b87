import SpecDrivenNetlink
import Testing

/// The JSON reader and writer: exact integers over the whole range attributes need,
/// members in order, strict syntax with the line and column of a mistake.
@Suite struct JSONTests {
    @Test(arguments: [
        "18446744073709551615", "-9223372036854775808", "0", "-1", "4294967296",
        "170141183460469231731687303715884105727",
    ])
    func integersRoundTripExactly(_ text: String) throws {
        let value = try JSONValue(parsing: text)
        guard case .integer = value else { Issue.record("\(text) is not an integer: \(value)"); return }
        #expect(value.text() == text)
    }

    @Test func numbersWithFractionsOrExponentsAreNotIntegers() throws {
        #expect(try JSONValue(parsing: "1.5") == .number(1.5))
        #expect(try JSONValue(parsing: "1e3") == .number(1000))
        // Beyond Int128: kept as a number, for the encoder to refuse as out of range.
        #expect(try JSONValue(parsing: "1" + String(repeating: "0", count: 40)) == .number(1e40))
    }

    @Test func objectsKeepTheirOrder() throws {
        let value = try JSONValue(parsing: #"{"z": 1, "a": [true, false, null], "m": {"k": "v"}}"#)
        #expect(value.text() == #"{"z":1,"a":[true,false,null],"m":{"k":"v"}}"#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.keys == ["z", "a", "m"])
    }

    @Test func stringsRoundTripWithEscapes() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\/d\n\t\u00e9\ud83d\ude00\u0001""#)
        #expect(value == .string("a\"b\\c/d\n\té😀\u{1}"))
        #expect(value.text() == #""a\"b\\c/d\n\té😀\u0001""#)
        #expect(try JSONValue(parsing: value.text()) == value)
    }

    @Test func prettyTextIndentsByTwo() throws {
        let value = try JSONValue(parsing: #"{"a": [1, {}], "b": []}"#)
        #expect(value.text(compact: false) == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}")
    }

    @Test(arguments: [
        ("", "line 1, column 1: unexpected end of text"),
        ("{\"a\": 1,}", "line 1, column 9: expected a string key, found '}'"),
        ("{\"a\" 1}", "line 1, column 6: expected ':' after an object key"),
        ("[1 2]", "line 1, column 4: expected ',' or ']' in an array"),
        ("{\"a\": 1, \"a\": 2}", "line 1, column 10: key \"a\" appears twice"),
        ("01", "line 1, column 1: a number with a leading zero"),
        ("{\n  \"a\": tru\n}", "line 2, column 8: unexpected 't', expected a value"),
        ("\"abc", "unterminated string"),
        ("\"\\x\"", "unknown escape '\\x'"),
        ("\"\\ud800\"", "a lone surrogate"),
        ("\"a\nb\"", "a control character (0xa) in a string must be escaped"),
        ("{} x", "unexpected 'x' after the document"),
        ("-", "expected a digit after '-'"),
        ("1.", "expected a digit after '.'"),
        ("// comment\n{}", "unexpected '/', expected a value"),
    ])
    func syntaxErrorsSayWhereAndWhat(_ text: String, _ expected: String) {
        #expect {
            _ = try JSONValue(parsing: text)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { _ = try JSONValue(parsing: deep) }
    }
}
