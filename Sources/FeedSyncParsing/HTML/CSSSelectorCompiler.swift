/// Compiles the CSS selector subset feedsync supports into an XPath 1.0 expression that is evaluated
/// relative to a context node (the document for `item`, the item element for the other fields).
///
/// Supported: type and `*`, `.class`, `#id`, `[attr]`, `[attr=v]`, `[attr~=v]`, `[attr|=v]`,
/// `[attr^=v]`, `[attr$=v]`, `[attr*=v]` (with an optional ` i` flag for ASCII case-insensitive
/// values), the combinators descendant, `>`, `+`, `~` (a leading `>` means "child of the context"),
/// selector lists with `,`, and the pseudo-classes `:first-child`, `:last-child`, `:only-child`,
/// `:nth-child(an+b)`, `:nth-last-child(an+b)`, `:first-of-type`, `:last-of-type`,
/// `:nth-of-type(an+b)`, `:empty` and `:not(compound, ...)`.
///
/// The translation follows the Selectors Level 3 semantics (https://www.w3.org/TR/selectors-3/);
/// libxml2's HTML parser produces lower-case names without namespaces, so names are lower-cased and
/// compared plainly.
struct CSSSelectorCompiler {
    /// A syntax error with the 0-based position (in Unicode scalars) where it was found.
    struct SyntaxError: Error, Equatable {
        var message: String
        var position: Int
    }

    private let chars: [Unicode.Scalar]
    private var pos = 0

    private init(_ css: String) { chars = Array(css.unicodeScalars) }

    /// Compiles a selector list into an XPath expression (a union for lists).
    static func compile(_ css: String) throws(SyntaxError) -> String {
        var compiler = CSSSelectorCompiler(css)
        return try compiler.parseList()
    }

    // MARK: - Grammar

    private mutating func parseList() throws(SyntaxError) -> String {
        var paths: [String] = []
        repeat {
            skipWhitespace()
            if atEnd || peek == "," { throw error("empty selector") }
            paths.append(try parseComplex())
            skipWhitespace()
        } while consume(",")
        if !atEnd { throw error("unexpected '\(Character(chars[pos]))'") }
        return paths.joined(separator: " | ")
    }

    private enum Combinator { case descendant, child, adjacent, sibling }

    private mutating func parseComplex() throws(SyntaxError) -> String {
        var xpath = ""
        var combinator = Combinator.descendant
        // A leading combinator is relative to the context node (":scope > h2" in modern CSS).
        if let lead = try parseCombinatorSymbol() { combinator = lead; skipWhitespace() }
        while true {
            let step = try parseCompound()
            if !xpath.isEmpty { xpath += "/" }
            switch combinator {
            case .descendant: xpath += "descendant::" + step.tag + step.predicates
            case .child: xpath += "child::" + step.tag + step.predicates
            case .adjacent: xpath += "following-sibling::*[1][self::\(step.tag)]" + step.predicates
            case .sibling: xpath += "following-sibling::" + step.tag + step.predicates
            }
            let hadSpace = skipWhitespace()
            if atEnd || peek == "," || peek == ")" { return xpath }
            if let symbol = try parseCombinatorSymbol() {
                combinator = symbol
                skipWhitespace()
            } else if hadSpace {
                combinator = .descendant
            } else {
                throw error("unexpected '\(Character(chars[pos]))'")
            }
            if atEnd || peek == "," { throw error("selector ends after a combinator") }
        }
    }

    private mutating func parseCombinatorSymbol() throws(SyntaxError) -> Combinator? {
        switch peek {
        case ">": pos += 1; return .child
        case "+": pos += 1; return .adjacent
        case "~": pos += 1; return .sibling
        default: return nil
        }
    }

    private struct Step {
        var tag: String
        var predicates: String
    }

    /// A compound selector: an optional type (or `*`) followed by any number of simple selectors.
    private mutating func parseCompound() throws(SyntaxError) -> Step {
        var tag = "*"
        var explicitType = false
        var predicates = ""
        let start = pos
        if consume("*") {
            explicitType = true
        } else if let c = peek, isNameStart(c) {
            tag = try parseIdentifier(what: "element name").lowercased()
            explicitType = true
        }
        while let c = peek {
            switch c {
            case ".":
                pos += 1
                let name = try parseIdentifier(what: "class name")
                predicates += "[contains(concat(' ',normalize-space(@class),' '),\(Self.literal(" \(name) ")))]"
            case "#":
                pos += 1
                let name = try parseIdentifier(what: "id")
                predicates += "[@id=\(Self.literal(name))]"
            case "[":
                predicates += "[" + (try parseAttribute()) + "]"
            case ":":
                predicates += "[" + (try parsePseudo(tag: explicitType ? tag : nil)) + "]"
            default:
                if pos == start { throw error("unexpected '\(Character(c))'") }
                return Step(tag: tag, predicates: predicates)
            }
        }
        if pos == start { throw error("expected a selector") }
        return Step(tag: tag, predicates: predicates)
    }

    private mutating func parseAttribute() throws(SyntaxError) -> String {
        pos += 1 // [
        skipWhitespace()
        let name = try parseIdentifier(what: "attribute name").lowercased()
        let attr = "@" + name
        skipWhitespace()
        if consume("]") { return attr }
        var op = ""
        if let c = peek, "~|^$*".unicodeScalars.contains(c) { op.unicodeScalars.append(c); pos += 1 }
        guard consume("=") else { throw error("expected '=' or ']' in attribute selector") }
        op += "="
        skipWhitespace()
        var value: String
        if let q = peek, q == "\"" || q == "'" {
            value = try parseString()
        } else {
            value = try parseIdentifier(what: "attribute value")
        }
        skipWhitespace()
        var subject = attr
        if let c = peek, c == "i" || c == "I" || c == "s" || c == "S" {
            pos += 1
            if c == "i" || c == "I" {
                subject = "translate(\(attr),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
                value = value.lowercased()
            }
            skipWhitespace()
        }
        guard consume("]") else { throw error("expected ']' to close the attribute selector") }
        let v = Self.literal(value)
        switch op {
        case "=": return "\(subject)=\(v)"
        case "~=":
            if value.isEmpty || value.contains(" ") { return "false()" }
            return "contains(concat(' ',normalize-space(\(subject)),' '),\(Self.literal(" \(value) ")))"
        case "|=": return "(\(subject)=\(v) or starts-with(\(subject),\(Self.literal(value + "-"))))"
        // Selectors 3 §6.3.2: an empty value for ^= $= *= matches nothing.
        case "^=": return value.isEmpty ? "false()" : "starts-with(\(subject),\(v))"
        case "*=": return value.isEmpty ? "false()" : "contains(\(subject),\(v))"
        default: // "$="
            if value.isEmpty { return "false()" }
            let len = value.unicodeScalars.count
            return "(\(attr) and substring(\(subject),string-length(\(subject))-\(len - 1))=\(v))"
        }
    }

    private mutating func parsePseudo(tag: String?) throws(SyntaxError) -> String {
        pos += 1 // :
        if consume(":") { throw error("pseudo-elements (::) are not supported") }
        let name = try parseIdentifier(what: "pseudo-class").lowercased()
        let ofType = tag.map { "preceding-sibling::\($0)" }
        let ofTypeAfter = tag.map { "following-sibling::\($0)" }
        func needType() throws(SyntaxError) -> String {
            guard tag != nil else { throw error(":\(name) needs an element name before it (e.g. p:\(name))") }
            return name
        }
        switch name {
        case "first-child": return "not(preceding-sibling::*)"
        case "last-child": return "not(following-sibling::*)"
        case "only-child": return "not(preceding-sibling::*) and not(following-sibling::*)"
        case "empty": return "not(*) and not(text())"
        case "first-of-type": _ = try needType(); return "not(\(ofType ?? ""))"
        case "last-of-type": _ = try needType(); return "not(\(ofTypeAfter ?? ""))"
        case "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type":
            let axis: String
            switch name {
            case "nth-child": axis = "preceding-sibling::*"
            case "nth-last-child": axis = "following-sibling::*"
            case "nth-of-type": _ = try needType(); axis = ofType ?? ""
            default: _ = try needType(); axis = ofTypeAfter ?? ""
            }
            guard consume("(") else { throw error("expected '(' after :\(name)") }
            let (a, b) = try parseNth()
            return Self.nthPredicate(position: "(count(\(axis))+1)", a: a, b: b)
        case "not":
            guard consume("(") else { throw error("expected '(' after :not") }
            var alternatives: [String] = []
            repeat {
                skipWhitespace()
                let step = try parseCompound()
                alternatives.append("self::\(step.tag)\(step.predicates)")
                skipWhitespace()
            } while consume(",")
            guard consume(")") else { throw error(":not() takes simple selectors only; expected ')'") }
            return "not(\(alternatives.joined(separator: " | ")))"
        default:
            throw error("unsupported pseudo-class ':\(name)'")
        }
    }

    /// `an+b`, `odd`, `even`, `n`, `-n+3`, `5` up to the closing parenthesis.
    private mutating func parseNth() throws(SyntaxError) -> (Int, Int) {
        let start = pos
        var text = ""
        while let c = peek, c != ")" { text.unicodeScalars.append(c); pos += 1 }
        guard consume(")") else { throw error("expected ')'") }
        let s = text.lowercased().filter { !$0.isWhitespace }
        if s == "odd" { return (2, 1) }
        if s == "even" { return (2, 0) }
        func int(_ t: Substring) -> Int? { t.isEmpty ? nil : Int(t.hasPrefix("+") ? t.dropFirst() : t) }
        if let n = s.firstIndex(of: "n") {
            let aPart = s[s.startIndex..<n]
            let a: Int? = aPart.isEmpty || aPart == "+" ? 1 : (aPart == "-" ? -1 : int(aPart))
            let bPart = s[s.index(after: n)...]
            let b: Int? = bPart.isEmpty ? 0 : int(bPart)
            if let a, let b, bPart.isEmpty || bPart.first == "+" || bPart.first == "-" { return (a, b) }
        } else if let b = int(Substring(s)) {
            return (0, b)
        }
        throw SyntaxError(message: "invalid an+b expression '\(text)'", position: start)
    }

    /// The XPath condition "position = a*n + b for some n >= 0".
    static func nthPredicate(position p: String, a: Int, b: Int) -> String {
        if a == 0 { return "\(p)=\(b)" }
        // Written without "--" so a negative b never relies on unary minus parsing.
        let minusB = b >= 0 ? "-\(b)" : "+\(-b)"
        if a > 0 { return "\(p)>=\(b) and (\(p)\(minusB)) mod \(a)=0" }
        return "\(p)<=\(b) and (\(b)-\(p)) mod \(-a)=0"
    }

    // MARK: - Lexing

    private var atEnd: Bool { pos >= chars.count }
    private var peek: Unicode.Scalar? { pos < chars.count ? chars[pos] : nil }

    private mutating func consume(_ c: Unicode.Scalar) -> Bool {
        if peek == c { pos += 1; return true }
        return false
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = pos
        while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" { pos += 1 }
        return pos > start
    }

    private func isNameStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == "\\" || c.value > 0x7F
    }

    private func isNameChar(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || (c >= "0" && c <= "9") || c == "-"
    }

    /// A CSS identifier; backslash escapes the next character (`md\:flex`). Leading digits are
    /// accepted for class names and ids, which real sites use even though CSS would need escapes.
    private mutating func parseIdentifier(what: String) throws(SyntaxError) -> String {
        var out = ""
        while let c = peek, isNameChar(c) {
            if c == "\\" {
                pos += 1
                guard let escaped = peek else { throw error("dangling '\\' in \(what)") }
                out.unicodeScalars.append(escaped)
            } else {
                out.unicodeScalars.append(c)
            }
            pos += 1
        }
        if out.isEmpty { throw error("expected \(what)") }
        return out
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        guard let quote = peek else { throw error("expected a quoted string") }
        let start = pos
        pos += 1
        var out = ""
        while let c = peek {
            pos += 1
            if c == quote { return out }
            if c == "\\" {
                guard let escaped = peek else { break }
                out.unicodeScalars.append(escaped)
                pos += 1
            } else {
                out.unicodeScalars.append(c)
            }
        }
        throw SyntaxError(message: "unterminated string", position: start)
    }

    private func error(_ message: String) -> SyntaxError { SyntaxError(message: message, position: pos) }

    /// An XPath 1.0 string literal for any value (XPath has no escapes: mixed quotes need `concat`).
    static func literal(_ s: String) -> String {
        if !s.contains("'") { return "'\(s)'" }
        if !s.contains("\"") { return "\"\(s)\"" }
        let parts = s.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
        return "concat(" + parts.joined(separator: ",\"'\",") + ")"
    }
}
