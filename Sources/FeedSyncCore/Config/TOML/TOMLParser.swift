import Foundation

/// A TOML 1.0 reader for configuration files, keeping the line of every key.
///
/// Supports what configuration needs: comments, bare/quoted/dotted keys, `[table]`, `[[array]]`,
/// basic/literal/multi-line strings, integers (decimal, hex, octal, binary, `_`), floats, booleans,
/// arrays and inline tables. Date-time values are rejected with a clear message (no key uses them).
public struct TOMLParser {
    private let bytes: [UInt8]
    private var pos = 0
    private var line = 1

    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8))
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: Document structure

    private mutating func document() throws(TOMLError) -> TOMLTable {
        var root = TOMLTable()
        var current: [PathStep] = []      // path of the table that key/value lines go into
        while true {
            skipWhitespaceCommentsAndNewlines()
            guard let c = peek() else { break }
            if c == UInt8(ascii: "[") {
                let headerLine = line
                advance()
                let isArray = peek() == UInt8(ascii: "[")
                if isArray { advance() }
                skipSpaces()
                let path = try keyPath()
                skipSpaces()
                try expect("]")
                if isArray { try expect("]") }
                try endOfLine()
                current = try open(path: path, array: isArray, line: headerLine, root: &root)
            } else {
                let keyLine = line
                let path = try keyPath()
                skipSpaces()
                try expect("=")
                skipSpaces()
                let value = try parseValue()
                try endOfLine()
                try insert(&root, at: current, dotted: path, node: TOMLNode(value, line: keyLine))
            }
        }
        return root
    }

    /// One step to a table: a key, and for arrays of tables, the element (always the last).
    private enum PathStep { case key(String), lastElement(String) }

    private func open(path: [String], array: Bool, line: Int, root: inout TOMLTable) throws(TOMLError) -> [PathStep] {
        var steps: [PathStep] = []
        for (i, key) in path.enumerated() {
            let isLast = i == path.count - 1
            var table = try resolve(root, steps)
            if isLast && array {
                if let existing = table[key] {
                    guard case var .array(elems) = existing.value, elems.allSatisfy({ if case .table = $0.value { return true }; return false }) else {
                        throw TOMLError(line: line, "[[\(path.joined(separator: "."))]]: '\(key)' is already defined as a \(existing.value.typeName) (line \(existing.line))")
                    }
                    var t = TOMLTable(line: line); t.isExplicit = true
                    elems.append(TOMLNode(.table(t), line: line))
                    table[key] = TOMLNode(.array(elems), line: existing.line)
                } else {
                    var t = TOMLTable(line: line); t.isExplicit = true
                    table[key] = TOMLNode(.array([TOMLNode(.table(t), line: line)]), line: line)
                }
                try store(&root, steps, table)
                steps.append(.lastElement(key))
            } else {
                if let existing = table[key] {
                    switch existing.value {
                    case var .table(t):
                        if t.isInline { throw TOMLError(line: line, "'\(key)' is an inline table (line \(existing.line)) and cannot be extended") }
                        if isLast {
                            if t.isExplicit { throw TOMLError(line: line, "table [\(path.joined(separator: "."))] is defined twice (first on line \(t.line))") }
                            t.isExplicit = true; t.line = line
                            table[key] = TOMLNode(.table(t), line: line)
                            try store(&root, steps, table)
                        }
                        steps.append(.key(key))
                    case .array:
                        steps.append(.lastElement(key))
                        if isLast { throw TOMLError(line: line, "'\(key)' is an array of tables; use [[\(path.joined(separator: "."))]]") }
                    default:
                        throw TOMLError(line: line, "'\(key)' is already defined as a \(existing.value.typeName) (line \(existing.line))")
                    }
                } else {
                    var t = TOMLTable(line: line); t.isExplicit = isLast
                    table[key] = TOMLNode(.table(t), line: line)
                    try store(&root, steps, table)
                    steps.append(.key(key))
                }
            }
        }
        return steps
    }

    private func resolve(_ root: TOMLTable, _ steps: [PathStep]) throws(TOMLError) -> TOMLTable {
        var t = root
        for step in steps {
            switch step {
            case let .key(k):
                guard case let .table(next)? = t[k]?.value else { throw TOMLError(line: line, "internal: bad path") }
                t = next
            case let .lastElement(k):
                guard case let .array(elems)? = t[k]?.value, case let .table(next)? = elems.last?.value else {
                    throw TOMLError(line: line, "internal: bad path")
                }
                t = next
            }
        }
        return t
    }

    private func store(_ root: inout TOMLTable, _ steps: [PathStep], _ table: TOMLTable) throws(TOMLError) {
        guard let first = steps.first else { root = table; return }
        let rest = Array(steps.dropFirst())
        switch first {
        case let .key(k):
            guard let node = root[k], case var .table(child) = node.value else { throw TOMLError(line: line, "internal: bad path") }
            try store(&child, rest, table)
            root[k] = TOMLNode(.table(child), line: node.line)
        case let .lastElement(k):
            guard let node = root[k], case var .array(elems) = node.value, case var .table(child)? = elems.last?.value else {
                throw TOMLError(line: line, "internal: bad path")
            }
            try store(&child, rest, table)
            elems[elems.count - 1] = TOMLNode(.table(child), line: elems[elems.count - 1].line)
            root[k] = TOMLNode(.array(elems), line: node.line)
        }
    }

    private func insert(_ root: inout TOMLTable, at steps: [PathStep], dotted: [String], node: TOMLNode) throws(TOMLError) {
        var table = try resolve(root, steps)
        try Self.insert(into: &table, dotted: dotted[...], node: node)
        try store(&root, steps, table)
    }

    private static func insert(into table: inout TOMLTable, dotted: ArraySlice<String>, node: TOMLNode) throws(TOMLError) {
        let key = dotted.first!
        if dotted.count == 1 {
            if let existing = table[key] {
                throw TOMLError(line: node.line, "duplicate key '\(key)' (first defined on line \(existing.line))")
            }
            table[key] = node
            return
        }
        var child: TOMLTable
        if let existing = table[key] {
            guard case let .table(t) = existing.value, !t.isInline else {
                throw TOMLError(line: node.line, "'\(key)' is already defined as a \(existing.value.typeName) (line \(existing.line))")
            }
            child = t
        } else {
            child = TOMLTable(line: node.line)
        }
        try insert(into: &child, dotted: dotted.dropFirst(), node: node)
        table[key] = TOMLNode(.table(child), line: table[key]?.line ?? node.line)
    }

    // MARK: Keys

    private mutating func keyPath() throws(TOMLError) -> [String] {
        var parts = [try simpleKey()]
        while true {
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { break }
            advance()
            skipSpaces()
            parts.append(try simpleKey())
        }
        return parts
    }

    private mutating func simpleKey() throws(TOMLError) -> String {
        guard let c = peek() else { throw TOMLError(line: line, "expected a key, found end of file") }
        if c == UInt8(ascii: "\"") { advance(); return try basicString() }
        if c == UInt8(ascii: "'") { advance(); return try literalString() }
        let start = pos
        while let c = peek(), Self.isBareKeyChar(c) { advance() }
        guard pos > start else { throw TOMLError(line: line, "expected a key, found '\(Self.describe(c))'") }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    private static func isBareKeyChar(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }

    // MARK: Values

    private mutating func parseValue() throws(TOMLError) -> TOMLValue {
        guard let c = peek() else { throw TOMLError(line: line, "expected a value, found end of file") }
        switch c {
        case UInt8(ascii: "\""):
            if matches("\"\"\"") { pos += 3; return .string(try multilineBasicString()) }
            advance(); return .string(try basicString())
        case UInt8(ascii: "'"):
            if matches("'''") { pos += 3; return .string(try multilineLiteralString()) }
            advance(); return .string(try literalString())
        case UInt8(ascii: "["): advance(); return try array()
        case UInt8(ascii: "{"): advance(); return try inlineTable()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if matches("true") { pos += 4; return .bool(true) }
            if matches("false") { pos += 5; return .bool(false) }
            throw TOMLError(line: line, "invalid value (strings need quotes)")
        default:
            return try number()
        }
    }

    private mutating func number() throws(TOMLError) -> TOMLValue {
        let start = pos
        while let c = peek(), !Self.isValueTerminator(c) { advance() }
        let raw = String(decoding: bytes[start..<pos], as: UTF8.self)
        if raw.isEmpty { throw TOMLError(line: line, "expected a value") }
        if raw.contains(":") || (raw.count >= 10 && raw.dropFirst(4).first == "-" && raw.first?.isNumber == true) {
            throw TOMLError(line: line, "date-time values are not supported here; quote the value")
        }
        let cleaned = raw.replacingOccurrences(of: "_", with: "")
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where cleaned.hasPrefix(prefix) {
            if let v = Int64(cleaned.dropFirst(2), radix: radix) { return .integer(v) }
            throw TOMLError(line: line, "invalid number '\(raw)'")
        }
        if let v = Int64(cleaned) { return .integer(v) }
        switch cleaned {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if let v = Double(cleaned), cleaned.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .float(v) }
        throw TOMLError(line: line, "invalid value '\(raw)' (strings need quotes)")
    }

    private static func isValueTerminator(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ",") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "}") || c == UInt8(ascii: "#")
    }

    private mutating func array() throws(TOMLError) -> TOMLValue {
        var elems: [TOMLNode] = []
        while true {
            skipWhitespaceCommentsAndNewlines()
            if peek() == UInt8(ascii: "]") { advance(); return .array(elems) }
            let l = line
            elems.append(TOMLNode(try parseValue(), line: l))
            skipWhitespaceCommentsAndNewlines()
            if peek() == UInt8(ascii: ",") { advance(); continue }
            if peek() == UInt8(ascii: "]") { advance(); return .array(elems) }
            throw TOMLError(line: line, "expected ',' or ']' in array")
        }
    }

    private mutating func inlineTable() throws(TOMLError) -> TOMLValue {
        var table = TOMLTable(line: line)
        skipSpaces()
        if peek() == UInt8(ascii: "}") { advance(); table.isInline = true; return .table(table) }
        while true {
            skipSpaces()
            let l = line
            let path = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let v = try parseValue()
            try Self.insert(into: &table, dotted: path[...], node: TOMLNode(v, line: l))
            skipSpaces()
            if peek() == UInt8(ascii: ",") { advance(); continue }
            if peek() == UInt8(ascii: "}") { advance(); break }
            throw TOMLError(line: line, "expected ',' or '}' in inline table")
        }
        table.isInline = true
        return .table(table)
    }

    // MARK: Strings

    private mutating func basicString() throws(TOMLError) -> String {
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw TOMLError(line: line, "unterminated string") }
            if c == 0x0A { throw TOMLError(line: line, "unterminated string (newline inside \"...\")") }
            advance()
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") { try escape(into: &out) } else { out.append(c) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func multilineBasicString() throws(TOMLError) -> String {
        var out: [UInt8] = []
        if peek() == 0x0A { advanceLine() } else if matches("\r\n") { pos += 1; advanceLine() }
        while true {
            guard let c = peek() else { throw TOMLError(line: line, "unterminated multi-line string") }
            if matches("\"\"\"") {
                pos += 3
                while peek() == UInt8(ascii: "\""), out.count < Int.max { out.append(c); advance() }
                break
            }
            if c == 0x0A { advanceLine(); out.append(c); continue }
            advance()
            if c == UInt8(ascii: "\\") {
                // A line-ending backslash trims the newline and following whitespace.
                var look = pos
                while look < bytes.count, bytes[look] == 0x20 || bytes[look] == 0x09 || bytes[look] == 0x0D { look += 1 }
                if look < bytes.count, bytes[look] == 0x0A {
                    pos = look
                    while let w = peek(), w == 0x20 || w == 0x09 || w == 0x0A || w == 0x0D {
                        if w == 0x0A { advanceLine() } else { advance() }
                    }
                    continue
                }
                try escape(into: &out)
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func literalString() throws(TOMLError) -> String {
        let start = pos
        while let c = peek(), c != UInt8(ascii: "'") {
            if c == 0x0A { throw TOMLError(line: line, "unterminated string (newline inside '...')") }
            advance()
        }
        guard peek() != nil else { throw TOMLError(line: line, "unterminated string") }
        let s = String(decoding: bytes[start..<pos], as: UTF8.self)
        advance()
        return s
    }

    private mutating func multilineLiteralString() throws(TOMLError) -> String {
        if peek() == 0x0A { advanceLine() } else if matches("\r\n") { pos += 1; advanceLine() }
        let start = pos
        while !matches("'''") {
            guard let c = peek() else { throw TOMLError(line: line, "unterminated multi-line string") }
            if c == 0x0A { advanceLine() } else { advance() }
        }
        var end = pos
        pos += 3
        while peek() == UInt8(ascii: "'") { advance(); end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func escape(into out: inout [UInt8]) throws(TOMLError) {
        guard let e = peek() else { throw TOMLError(line: line, "unterminated escape") }
        advance()
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "u") ? 4 : 8
            guard pos + n <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + n], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(v) else { throw TOMLError(line: line, "invalid unicode escape") }
            pos += n
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw TOMLError(line: line, "invalid escape '\\\(Self.describe(e))'")
        }
    }

    // MARK: Lexing helpers

    private func peek() -> UInt8? { pos < bytes.count ? bytes[pos] : nil }
    private mutating func advance() { pos += 1 }
    private mutating func advanceLine() { pos += 1; line += 1 }

    private func matches(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        return s.withUTF8Buffer { buf in (0..<n).allSatisfy { bytes[pos + $0] == buf[$0] } }
    }

    private mutating func expect(_ s: StaticString) throws(TOMLError) {
        guard matches(s) else {
            let found = peek().map { "'\(Self.describe($0))'" } ?? "end of file"
            throw TOMLError(line: line, "expected '\(s)', found \(found)")
        }
        pos += s.utf8CodeUnitCount
    }

    private mutating func skipSpaces() {
        while let c = peek(), c == 0x20 || c == 0x09 { advance() }
    }

    private mutating func skipComment() {
        if peek() == UInt8(ascii: "#") { while let c = peek(), c != 0x0A { advance() } }
    }

    private mutating func skipWhitespaceCommentsAndNewlines() {
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0D { advance() }
            else if c == 0x0A { advanceLine() }
            else if c == UInt8(ascii: "#") { skipComment() }
            else { break }
        }
    }

    private mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        skipComment()
        if peek() == 0x0D { advance() }
        guard let c = peek() else { return }
        guard c == 0x0A else { throw TOMLError(line: line, "unexpected '\(Self.describe(c))' after value (one key = value per line)") }
        advanceLine()
    }

    private static func describe(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "\\x" + String(c, radix: 16)
    }
}
