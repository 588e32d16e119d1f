/// Plain-text rendition of HTML fragments (the spool's `text` field): tags dropped, references
/// decoded, whitespace collapsed, one line per block element and a blank line between paragraphs.
public enum PlainText {
    public static func render(html: String) -> String {
        var copy = html
        let out: [UInt8] = copy.withUTF8 { render($0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Elements that end a line.
    private static let lineBreaks: Set<String> = [
        "br", "li", "dt", "dd", "tr", "div", "section", "article", "header", "footer", "nav", "aside",
        "figure", "figcaption", "address", "center", "caption", "option", "main", "summary", "details",
    ]
    /// Elements that are paragraphs (a blank line around them).
    private static let paragraphs: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table", "hr", "form",
        "fieldset",
    ]
    /// Elements whose content is not text.
    private static let hidden: Set<String> = ["script", "style", "head", "title", "template", "noscript", "svg", "math"]

    static func render(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var w = Writer()
        w.out.reserveCapacity(p.count)
        let n = p.count
        var i = 0
        var hiddenDepth = 0
        while i < n {
            // A run of text up to the next tag.
            var j = i
            while j < n, p[j] != 0x3C { j += 1 }
            if j > i && hiddenDepth == 0 { w.text(UnsafeBufferPointer(rebasing: p[i..<j])) }
            i = j
            guard i < n else { break }
            let next: UInt8 = i + 1 < n ? p[i + 1] : 0
            guard next == 0x21 || next == 0x3F || next == 0x2F || URLResolver.isAlpha(next) else {
                if hiddenDepth == 0 { w.text(UnsafeBufferPointer(rebasing: p[i..<(i + 1)])) }
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
            let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<e]), as: UTF8.self).lowercased()
            if hidden.contains(name) {
                if closing { hiddenDepth = max(0, hiddenDepth - 1) } else if p[k - 1] != 0x2F { hiddenDepth += 1 }
            } else if hiddenDepth == 0 {
                w.tag(name, closing: closing)
            }
            i = min(n, k + 1)
        }
        return w.out
    }

    /// Accumulates text, collapsing whitespace and placing line breaks between blocks.
    private struct Writer {
        var out: [UInt8] = []
        var pendingSpace = false
        var pendingBreak = 0  // 1: newline, 2: blank line
        var preDepth = 0

        mutating func tag(_ name: String, closing: Bool) {
            if name == "pre" { preDepth = closing ? max(0, preDepth - 1) : preDepth + 1 }
            if paragraphs.contains(name) {
                pendingBreak = 2
            } else if lineBreaks.contains(name) {
                pendingBreak = max(pendingBreak, 1)
            } else if name == "td" || name == "th" {
                pendingSpace = true
            }
        }

        mutating func text(_ raw: UnsafeBufferPointer<UInt8>) {
            if raw.contains(0x26) {
                let decoded = decodeReferences(Array(raw))
                decoded.withUnsafeBufferPointer { append($0) }
            } else {
                append(raw)
            }
        }

        private mutating func append(_ t: UnsafeBufferPointer<UInt8>) {
            let n = t.count
            var i = 0
            while i < n {
                let b = t[i]
                if preDepth == 0 && (b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C) {
                    pendingSpace = true
                    i += 1
                    continue
                }
                if !out.isEmpty {
                    if pendingBreak > 0 {
                        out.append(0x0A)
                        if pendingBreak > 1 { out.append(0x0A) }
                    } else if pendingSpace {
                        out.append(0x20)
                    }
                }
                pendingBreak = 0
                pendingSpace = false
                // Copy the whole run of non-space bytes at once.
                var j = i + 1
                if preDepth == 0 {
                    while j < n {
                        let c = t[j]
                        if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { break }
                        j += 1
                    }
                } else {
                    j = n
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: t[i..<j]))
                i = j
            }
        }
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
