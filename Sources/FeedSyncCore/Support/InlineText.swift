/// Plain text of a short HTML string such as a feed title (`&lt;everything&gt;` -> `<everything>`):
/// tags dropped, the five XML entities and numeric references decoded, whitespace collapsed.
///
/// Feed titles reach the model as escaped HTML (a title of type `html` keeps its markup); spool
/// consumers want the text a reader sees.
public enum InlineText {
    public static func plain(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        var out = ""
        var i = html.startIndex
        while i < html.endIndex {
            let c = html[i]
            if c == "<", let close = html[i...].firstIndex(of: ">") {
                i = html.index(after: close)
                continue
            }
            if c == "&", let semi = html[i...].prefix(12).firstIndex(of: ";") {
                let name = html[html.index(after: i)..<semi]
                if let decoded = entity(name) {
                    out.append(decoded)
                    i = html.index(after: semi)
                    continue
                }
            }
            out.append(c)
            i = html.index(after: i)
        }
        return collapse(out)
    }

    static func entity(_ name: Substring) -> Character? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{00A0}"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Escapes text for HTML element content and quoted attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
