/// Plain text of a short HTML string such as a feed title (`&lt;everything&gt;` -> `<everything>`):
/// tags dropped, the five XML entities and numeric references decoded, whitespace collapsed.
///
/// Feed titles reach the model as escaped HTML (a title of type `html` keeps its markup); spool
/// consumers want the text a reader sees.
///
/// Works on UTF-8 bytes. The rules were written on `Character`s (`<` followed by a combining mark
/// is no tag), so a string with a scalar that may join a delimiter into one grapheme cluster takes
/// the `Character` path (`InlineText+Characters.swift`); DifferentialTests hold both to the same output.
public enum InlineText {
    public static func plain(_ html: String) -> String {
        var html = html
        let result: String? = html.withUTF8 { p in
            guard !UTF8Scan.hasJoiningScalar(p) else { return nil }
            var hasMarkup = false
            for b in p where b == 0x3C || b == 0x26 { hasMarkup = true; break }
            guard hasMarkup else { return collapseScalars(p) }
            var out = [UInt8]()
            out.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                let b = p[i]
                if b == 0x3C, let close = index(of: 0x3E, in: p, from: i + 1, limit: p.count) {
                    i = close + 1
                    continue
                }
                // The entity's `;` among the next 11 bytes: the 12 `Character`s the old rule looked
                // at hold at least as many bytes, and a name that decodes is ASCII.
                if b == 0x26, let semi = index(of: 0x3B, in: p, from: i + 1, limit: min(p.count, i + 12)),
                   let decoded = entity(Substring(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<semi]), as: UTF8.self)) {
                    out.append(contentsOf: String(decoded).utf8)
                    i = semi + 1
                    continue
                }
                out.append(b)
                i += 1
            }
            // A decoded reference may itself be a joining scalar (`&#769;`).
            return out.withUnsafeBufferPointer { UTF8Scan.hasJoiningScalar($0) ? nil : collapseScalars($0) }
                ?? collapseByCharacters(String(decoding: out, as: UTF8.self))
        }
        return result ?? plainByCharacters(html)
    }

    @inline(__always)
    private static func index(of byte: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Int? {
        var j = from
        while j < limit {
            if p[j] == byte { return j }
            j += 1
        }
        return nil
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

    /// Whitespace runs become one space; none at either end.
    public static func collapse(_ s: String) -> String {
        var s = s
        return s.withUTF8 { p in UTF8Scan.hasJoiningScalar(p) ? nil : collapseScalars(p) } ?? collapseByCharacters(s)
    }

    /// Runs of White_Space scalars become one space; none at either end. Scalar by scalar, so a
    /// space that a combining mark follows is still whitespace here (`collapse` reads `Character`s).
    public static func collapseWhitespaceScalars(_ s: String) -> String {
        var s = s
        return s.withUTF8(collapseScalars)
    }

    /// Runs of White_Space scalars of the bytes to one space, trimmed. Without joining scalars the
    /// whitespace `Character`s are exactly these scalars (and CR LF, two of them), so `collapse`
    /// takes this path too.
    private static func collapseScalars(_ p: UnsafeBufferPointer<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(p.count)
        var pendingSpace = false
        var i = 0
        while i < p.count {
            let b = p[i]
            let (v, n) = b < 0x80 ? (UInt32(b), 1) : UTF8Scan.decode(p, at: i)
            if UTF8Scan.isWhitespace(v) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                if n == 1 { out.append(b) } else { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + n)])) }
            }
            i += n
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes text for HTML element content and quoted attribute values: every `&`, `<`, `>` and
    /// `"`, also where a combining mark follows it (the `Character` version let `>\u{301}` through).
    public static func escape(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count + 16)
        for b in s.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
