import FeedSyncCore
import Foundation

/// One `[source.select]` expression, compiled: a CSS selector (subset) or an `xpath:` expression, with
/// an optional trailing `@attr` that takes an attribute of the matched element instead of its text.
///
/// Examples: `li.item`, `h2 a`, `a.item-link@href`, `time@datetime`, `@href` (an attribute of the item
/// itself), `xpath://div[@id='main']//article`, `xpath:string(.//h2)`.
struct HTMLSelector: Equatable {
    /// The expression as written in the config, for error messages.
    let source: String
    /// The XPath 1.0 expression to evaluate (relative to the document or to the item).
    let xpath: String

    /// Compiles `source`; the error names the selector and says what is wrong where.
    init(_ source: String) throws(ParseError) {
        self.source = source
        let trimmed = source.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw ParseError("invalid selector \"\(source)\": it is empty") }
        if trimmed.hasPrefix("xpath:") {
            let expr = String(trimmed.dropFirst("xpath:".count)).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !expr.isEmpty, XMLTree.isValidXPath(expr) else {
                throw ParseError("invalid selector \"\(source)\": not a valid XPath 1.0 expression")
            }
            xpath = expr
            return
        }
        // The untrimmed text goes to the compiler so error positions count in the selector as written.
        let (css, attribute) = Self.splitAttribute(source)
        if let attribute {
            guard Self.isAttributeName(attribute) else {
                throw ParseError("invalid selector \"\(source)\": '@\(attribute)' is not an attribute name")
            }
        }
        var path: String
        if css.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard attribute != nil else { throw ParseError("invalid selector \"\(source)\": it is empty") }
            path = ""
        } else {
            do {
                path = try CSSSelectorCompiler.compile(css)
            } catch {
                throw ParseError("invalid selector \"\(source)\": \(error.message) at position \(error.position + 1)")
            }
        }
        if let attribute {
            let attr = "@" + attribute.lowercased()
            path = path.isEmpty ? attr : (path.contains(" | ") ? "(\(path))/\(attr)" : "\(path)/\(attr)")
        }
        guard XMLTree.isValidXPath(path) else {
            // A compiler bug, not a user error; still report it against the selector.
            throw ParseError("invalid selector \"\(source)\": cannot be translated to XPath (\(path))")
        }
        xpath = path
    }

    /// Splits `a.item-link@href` into (`a.item-link`, `href`). An `@` inside brackets, parentheses or
    /// quotes belongs to the selector (`a[title="@x"]`).
    static func splitAttribute(_ s: String) -> (String, String?) {
        var depth = 0
        var quote: Character?
        var at: String.Index?
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == "\\" { i = s.index(after: i) } else if c == q { quote = nil }
            } else {
                switch c {
                case "\"", "'": quote = c
                case "[", "(": depth += 1
                case "]", ")": depth -= 1
                case "\\": i = s.index(after: i)
                case "@" where depth == 0: at = i
                default: break
                }
            }
            if i < s.endIndex { i = s.index(after: i) }
        }
        guard let at else { return (s, nil) }
        return (String(s[..<at]), String(s[s.index(after: at)...]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func isAttributeName(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9")
                || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "."
        }
    }
}
