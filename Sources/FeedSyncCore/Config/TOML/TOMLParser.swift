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
    /// Current nesting of arrays and inline tables.
    private var depth = 0
    private var errors: [TOMLError] = []

    /// Values nest at most this deep (arrays and inline tables), and key paths have at most this
    /// many parts: a configuration needs three, and 100,000 nested `[` overflowed the stack.
    public static let maxDepth = 32
    /// Syntax errors reported before reading stops.
    static let maxErrors = 100

    /// The document, or the first syntax error.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        let (table, errors) = parseAll(text)
        if let first = errors.first { throw first }
        return table
    }

    /// The document and every syntax error in it: after an error, reading resumes on the next
    /// line, so one run of `check` reports them all.
    public static func parseAll(_ text: String) -> (table: TOMLTable, errors: [TOMLError]) {
        var parser = TOMLParser(bytes: Array(text.utf8))
        let root = parser.document()
        return (root.finish(), parser.errors)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: Document structure

    private mutating func document() -> TOMLTableBox {
        let root = TOMLTableBox(line: 0, isExplicit: true)
        var current = root      // the table that key/value lines go into
        while errors.count < Self.maxErrors {
            skipWhitespaceCommentsAndNewlines()
            guard let c = peek() else { break }
            let statementLine = line
            do throws(TOMLError) {
                if c == UInt8(ascii: "[") {
                    // Keys after a broken header must not land in the table before it.
                    current = TOMLTableBox(line: statementLine)
                    advance()
                    let isArray = peek() == UInt8(ascii: "[")
                    if isArray { advance() }
                    skipSpaces()
                    let path = try keyPath()
                    skipSpaces()
                    try expect("]")
                    if isArray { try expect("]") }
                    try endOfLine()
                    current = try root.open(path: path, array: isArray, line: statementLine)
                } else {
                    let path = try keyPath()
                    skipSpaces()
                    try expect("=")
                    skipSpaces()
                    let value = try parseValue()
                    try endOfLine()
                    try current.insert(dotted: path, node: TOMLNode(value, line: statementLine))
                }
            } catch {
                errors.append(error)
                skipRestOfLine()
            }
        }
        return root
    }

    // MARK: Keys

    private mutating func keyPath() throws(TOMLError) -> [String] {
        var parts = [try simpleKey()]
        while true {
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { break }
            advance()
            skipSpaces()
            guard parts.count < Self.maxDepth else { throw TOMLError(line: line, "key has more than \(Self.maxDepth) parts") }
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

    /// Enters an array or inline table; deeper than `maxDepth` is an error, not a stack overflow.
    private mutating func enterNested() throws(TOMLError) {
        guard depth < Self.maxDepth else { throw TOMLError(line: line, "values nested deeper than \(Self.maxDepth) levels") }
        depth += 1
    }

    private mutating func array() throws(TOMLError) -> TOMLValue {
        try enterNested()
        defer { depth -= 1 }
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
        try enterNested()
        defer { depth -= 1 }
        let table = TOMLTableBox(line: line, isInline: true)
        skipSpaces()
        if peek() == UInt8(ascii: "}") { advance(); return .table(table.finish()) }
        while true {
            skipSpaces()
            let l = line
            let path = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let v = try parseValue()
            try table.insert(dotted: path, node: TOMLNode(v, line: l))
            skipSpaces()
            if peek() == UInt8(ascii: ",") { advance(); continue }
            if peek() == UInt8(ascii: "}") { advance(); break }
            throw TOMLError(line: line, "expected ',' or '}' in inline table")
        }
        return .table(table.finish())
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

    /// After a syntax error: continue with the next line.
    private mutating func skipRestOfLine() {
        while let c = peek() {
            if c == 0x0A { advanceLine(); return }
            advance()
        }
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
