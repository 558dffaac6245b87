/// A spec the tools cannot use, and where the problem is: the file, the line and column
/// of the YAML node, and the node's path from the document root
/// (`attribute-sets[0].attributes[3].type`).
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The spec file (as given), or "<string>" for a spec parsed from text.
    public var file: String
    /// 1-based; nil when the YAML parser gave no position.
    public var line: Int?
    public var column: Int?
    /// Dotted path of keys and `[index]`es from the root; empty for the whole document.
    public var path: String
    public var message: String

    public init(file: String, line: Int?, column: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `specs/foo.yaml:12:7: attribute-sets[0].attributes[3].type: unknown type 'u33'`,
    /// the form compilers use, so editors can jump to it.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}

/// Where an element of a spec is: for errors found after loading (by a generator) to
/// point at it as loading errors do.
public struct SpecLocation: Hashable, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var path: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }

    /// An error at this element, or at `key` below it (`.do.pre`).
    public func error(_ message: String, key: String? = nil) -> SpecError {
        SpecError(file: file, line: line, column: column, path: key.map { "\(path).\($0)" } ?? path, message: message)
    }
}
