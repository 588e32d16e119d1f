/// Plain-text rendition of HTML fragments (the spool's `text` field): tags dropped, references
/// decoded, whitespace collapsed, one line per block element and a blank line between paragraphs.
public enum PlainText {
    public static func render(html: String) -> String {
        var copy = html
        let out: [UInt8] = copy.withUTF8 { render($0) }
        return String(checkedUTF8: out)
    }

    /// Elements that end a line.
    static let lineBreaks: Set<String> = [
        "br", "li", "dt", "dd", "tr", "div", "section", "article", "header", "footer", "nav", "aside",
        "figure", "figcaption", "address", "center", "caption", "option", "main", "summary", "details",
    ]
    /// Elements that are paragraphs (a blank line around them).
    static let paragraphs: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table", "hr", "form",
        "fieldset",
    ]
    /// Elements whose content is not text.
    static let hidden: Set<String> = ["script", "style", "head", "title", "template", "noscript", "svg", "math"]

    static func render(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var w = PlainTextWriter()
        w.out.reserve(p.count)
        let n = p.count
        var i = 0
        while i < n {
            // A run of text up to the next tag.
            var j = i
            while j < n, p[j] != 0x3C { j += 1 }
            if j > i { w.text(UnsafeBufferPointer(rebasing: p[i..<j])) }
            i = j
            guard i < n else { break }
            let next: UInt8 = i + 1 < n ? p[i + 1] : 0
            guard next == 0x21 || next == 0x3F || next == 0x2F || URLResolver.isAlpha(next) else {
                w.text(UnsafeBufferPointer(rebasing: p[i..<(i + 1)]))
                i += 1
                continue
            }
            if next == 0x21, i + 3 < n, p[i + 2] == 0x2D, p[i + 3] == 0x2D {  // comment
                var k = i + 4
                while k + 2 < n, !(p[k] == 0x2D && p[k + 1] == 0x2D && p[k + 2] == 0x3E) { k += 1 }
                i = min(n, k + 3)
                continue
            }
            var k = i + 1
            var quote: UInt8 = 0
            while k < n {
                let d = p[k]
                if quote != 0 { if d == quote { quote = 0 } } else if d == 0x22 || d == 0x27 { quote = d } else if d == 0x3E { break }
                k += 1
            }
            let closing = next == 0x2F
            var e = i + (closing ? 2 : 1)
            let nameStart = e
            while e < k, SGMLRewriter.isTagNameByte(p[e]) { e += 1 }
            let name = SGMLRewriter.lowerString(p, nameStart..<e)
            w.tag(HTMLTagInfo.lookup(name), closing: closing, selfClosing: k < n && p[k - 1] == 0x2F)
            i = min(n, k + 1)
        }
        return w.bytes
    }

    /// HTML character references decoded (`&amp;`, `&#233;`, `&#xE9;`; windows-1252 meaning for
    /// `&#128;`-`&#159;`); anything that is not a reference is kept as written.
    static func decodeReferences(_ b: [UInt8]) -> [UInt8] {
        guard b.contains(0x26) else { return b }
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        let n = b.count
        var i = 0
        while i < n {
            guard b[i] == 0x26, i + 2 < n else { out.append(b[i]); i += 1; continue }
            var j = i + 1
            if b[j] == 0x23 {
                j += 1
                let hex = j < n && (b[j] == 0x78 || b[j] == 0x58)
                if hex { j += 1 }
                var value: UInt32 = 0
                let s = j
                while j < n, j - s < 8 {
                    if URLResolver.isDigit(b[j]) { value = value * (hex ? 16 : 10) + UInt32(b[j] - 0x30) }
                    else if hex, EntityRepairHex.isHex(b[j]) { value = value * 16 + UInt32((b[j] | 0x20) - 0x61 + 10) }
                    else { break }
                    j += 1
                }
                if j > s {
                    if j < n, b[j] == 0x3B { j += 1 }
                    let cp = HTMLEntities.windows1252(value) ?? (value == 0 ? 0xFFFD : value)
                    out.appendUTF8(cp)
                    i = j
                    continue
                }
            } else {
                let s = j
                while j < n, j - s < 32, URLResolver.isAlpha(b[j]) || URLResolver.isDigit(b[j]) { j += 1 }
                if j > s, j < n, b[j] == 0x3B {
                    let name = String(decoding: b[s..<j], as: UTF8.self)
                    if let cp = HTMLEntities.codePoint(named: name) ?? (name == "apos" ? 0x27 : nil) {
                        out.appendUTF8(cp)
                        i = j + 1
                        continue
                    }
                }
            }
            out.append(b[i])
            i += 1
        }
        return out
    }
}
