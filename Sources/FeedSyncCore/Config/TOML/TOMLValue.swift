/// A parsed TOML value with the line it was defined on, so configuration errors can name file:line.
public struct TOMLNode: Sendable {
    public var value: TOMLValue
    /// 1-based line of the key (or array element) that defined the value.
    public var line: Int

    public init(_ value: TOMLValue, line: Int) { self.value = value; self.line = line }
}

public enum TOMLValue: Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML type name, for error messages.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .bool: return "boolean"
        case .array: return "array"
        case .table: return "table"
        }
    }
}

/// A TOML table: keys in definition order.
public struct TOMLTable: Sendable {
    private var storage = OrderedKeys<TOMLNode>()
    /// Keys in definition order.
    public var keys: [String] { storage.keys }
    /// Line of the `[header]` (or of the key holding an inline table); 0 for the root.
    public var line: Int
    /// Whether the table was written as `{ ... }` (inline tables are closed to later additions).
    var isInline = false
    /// Whether a `[header]` defined it (a second `[header]` for the same table is an error).
    var isExplicit = false

    public init(line: Int = 0) { self.line = line }

    public subscript(key: String) -> TOMLNode? {
        get { storage[key] }
        set {
            if let newValue { storage.set(key, newValue) } else { storage.remove(key) }
        }
    }

    /// Entries in definition order.
    public var entries: [(key: String, node: TOMLNode)] { storage.pairs.map { ($0, $1) } }
}

/// A syntax error in a TOML document.
public struct TOMLError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public init(line: Int, _ message: String) { self.line = line; self.message = message }
    public var description: String { "line \(line): \(message)" }
}
