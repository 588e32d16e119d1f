/// A table while the document is being read. Boxes are references, so the 20,000th `[[source]]`
/// and each of its keys are added in place: with value-typed tables every addition copied the
/// array of all earlier sources, and loading a config was quadratic in its number of sources
/// (20,000 sources took over 20 s).
final class TOMLTableBox {
    /// An array of tables (`[[name]]`), grown in place.
    final class TableArray {
        var tables: [TOMLTableBox]
        let line: Int
        init(_ first: TOMLTableBox, line: Int) { tables = [first]; self.line = line }
    }

    enum Entry {
        /// A scalar, an array value or a finished inline table.
        case value(TOMLNode)
        case table(TOMLTableBox)
        case tables(TableArray)

        var line: Int {
            switch self {
            case let .value(n): return n.line
            case let .table(t): return t.line
            case let .tables(a): return a.line
            }
        }

        var typeName: String {
            switch self {
            case let .value(n): return n.value.typeName
            case .table: return "table"
            case .tables: return "array of tables"
            }
        }
    }

    private var entries = OrderedKeys<Entry>()
    var keys: [String] { entries.keys }
    /// Line of the `[header]`, of the first dotted key that created it, or of the `{`.
    var line: Int
    /// Defined by a `[header]` (a second header for the same table is an error).
    var isExplicit: Bool
    /// Written as `{ ... }`: closed to later additions.
    let isInline: Bool

    init(line: Int, isExplicit: Bool = false, isInline: Bool = false) {
        self.line = line
        self.isExplicit = isExplicit
        self.isInline = isInline
    }

    subscript(key: String) -> Entry? {
        get { entries[key] }
        set {
            guard let newValue else { return }  // nothing is ever removed while reading
            entries.set(key, newValue)
        }
    }

    /// `[path]` or `[[path]]`: the table that the following `key = value` lines go into.
    func open(path: [String], array: Bool, line: Int) throws(TOMLError) -> TOMLTableBox {
        let shown = array ? "[[\(path.joined(separator: "."))]]" : "[\(path.joined(separator: "."))]"
        var table = self
        for (i, key) in path.enumerated() {
            let isLast = i == path.count - 1
            switch table[key] {
            case nil:
                let t = TOMLTableBox(line: line, isExplicit: isLast)
                table[key] = isLast && array ? .tables(TableArray(t, line: line)) : .table(t)
                table = t
            case let .table(t)?:
                if isLast && array {
                    throw TOMLError(line: line, "\(shown): '\(key)' is already a table (line \(t.line)), not an array of tables")
                }
                if isLast {
                    if t.isExplicit { throw TOMLError(line: line, "table \(shown) is defined twice (first on line \(t.line))") }
                    t.isExplicit = true
                    t.line = line
                }
                table = t
            case let .tables(a)?:
                if isLast {
                    guard array else { throw TOMLError(line: line, "'\(key)' is an array of tables; use [[\(path.joined(separator: "."))]]") }
                    let t = TOMLTableBox(line: line, isExplicit: true)
                    a.tables.append(t)
                    return t
                }
                table = a.tables[a.tables.count - 1]  // never empty: created with one element
            case let .value(node)?:
                if case .table = node.value {
                    throw TOMLError(line: line, "'\(key)' is an inline table (line \(node.line)) and cannot be extended")
                }
                throw TOMLError(line: line, "\(shown): '\(key)' is already defined as a \(node.value.typeName) (line \(node.line))")
            }
        }
        return table
    }

    /// `a.b.c = value`: intermediate tables are created as needed.
    func insert(dotted: [String], node: TOMLNode) throws(TOMLError) {
        var table = self
        for key in dotted.dropLast() {
            switch table[key] {
            case nil:
                let t = TOMLTableBox(line: node.line)
                table[key] = .table(t)
                table = t
            case let .table(t)?:
                table = t
            case let existing?:
                throw TOMLError(line: node.line, "'\(key)' is already defined as a \(existing.typeName) (line \(existing.line))")
            }
        }
        guard let key = dotted.last else { throw TOMLError(line: node.line, "expected a key") }
        if let existing = table[key] {
            throw TOMLError(line: node.line, "duplicate key '\(key)' (first defined on line \(existing.line))")
        }
        table[key] = .value(node)
    }

    /// The finished value. Recursion is bounded by the parser's limit on key path length.
    func finish() -> TOMLTable {
        var out = TOMLTable(line: line)
        out.isInline = isInline
        out.isExplicit = isExplicit
        for (key, entry) in entries.pairs {
            switch entry {
            case let .value(node):
                out[key] = node
            case let .table(t):
                out[key] = TOMLNode(.table(t.finish()), line: t.line)
            case let .tables(a):
                out[key] = TOMLNode(.array(a.tables.map { TOMLNode(.table($0.finish()), line: $0.line) }), line: a.line)
            }
        }
        return out
    }
}
