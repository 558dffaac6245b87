import NetlinkSpec

/// An integer as a request writes it and a reply shows it: a number, or a name when an
/// `enum`/`flags` definition gives the values names, or text in the `display-hint`'s form.
struct IntegerValues {
    let format: IntegerFormat
    let names: EnumValues?
    let hint: DisplayHint?

    init(spec: Spec, format: IntegerFormat, enumName: String?, asFlags: Bool, hint: String?) {
        self.format = format
        names = enumName.flatMap(spec.definition(named:)).map { EnumValues($0, asFlags: asFlags) }
        self.hint = hint.flatMap(DisplayHint.init(rawValue:))
    }

    /// Plain numbers, no names.
    init(format: IntegerFormat) {
        self.format = format
        names = nil
        hint = nil
    }

    /// The number a request's value stands for, checked to fit the format.
    func encode(_ value: JSONValue, path: String) throws(RequestValueError) -> Int128 {
        let number: Int128
        if let names {
            number = try names.encode(value, path: path)
        } else {
            switch value {
            case .integer(let integer):
                number = integer
            case .string(let text):
                guard let parsed = EnumValues.integer(text) ?? hint?.parseInteger(text) else {
                    throw RequestValueError(
                        path: path, "'\(text)' is not a number" + (hint.map { " nor an \($0.rawValue) value" } ?? ""))
                }
                number = parsed
            default:
                throw RequestValueError(path: path, "expected an integer (\(format.name)), found \(value.kindDescription)")
            }
        }
        guard format.range.contains(number) else {
            throw RequestValueError(path: path, "\(number) does not fit a \(format.name) (\(format.range.lowerBound)...\(format.range.upperBound))")
        }
        return number
    }

    /// What a reply shows for `number`.
    func decode(_ number: Int128) -> JSONValue {
        if let names { return names.decode(number) }
        if let text = hint?.format(number) { return .string(text) }
        return .integer(number)
    }
}
