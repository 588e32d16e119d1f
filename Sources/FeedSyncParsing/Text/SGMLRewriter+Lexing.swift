/// The lexical rules of `SGMLRewriter`: names, attribute syntax, references, the end of a tag.
extension SGMLRewriter {
    /// Which constructs `prepare` rewrites in a fragment, found in one pass.
    struct Features {
        /// `<!`: also what makes resolving and sanitizing two passes.
        var bang = false
        var slashClose = false
        var quoteRef = false
    }

    static func features(_ p: UnsafeBufferPointer<UInt8>) -> Features {
        var f = Features()
        let n = p.count
        var i = 0
        while true {
            i = ByteScan.find(0x3C, 0x26, in: p, from: i)
            guard i < n else { break }
            if p[i] == 0x3C {
                if i + 1 < n && p[i + 1] == 0x21 { f.bang = true }
                if !f.slashClose && shortTagLength(p, i) != nil { f.slashClose = true }
            } else if isQuoteReference(p, i) {
                f.quoteRef = true
            }
            i += 1
        }
        // Escaping `<!` changes where tags start: then any `/>` counts.
        if f.bang && !f.slashClose {
            var k = ByteScan.find(0x2F, in: p)
            while k + 1 < n {
                if p[k + 1] == 0x3E { f.slashClose = true; break }
                k = ByteScan.find(0x2F, in: p, from: k + 1)
            }
        }
        return f
    }

    /// Whether `prepare` would rewrite something that starts at `i` (a `<` or `&`): a `<!`, a
    /// short tag, `&#39;` or `&#34;`.
    @inline(__always)
    static func needsPreparation(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = p.count
        if p[i] == 0x3C {
            if i + 1 < n && p[i + 1] == 0x21 { return true }
            return shortTagLength(p, i) != nil
        }
        return isQuoteReference(p, i)
    }

    /// `&#39;` or `&#34;` at `i` (what `replaceQuoteReferences` rewrites).
    @inline(__always)
    static func isQuoteReference(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i + 4 < p.count && p[i] == 0x26 && p[i + 1] == 0x23 && p[i + 2] == 0x33 && p[i + 4] == 0x3B
            && (p[i + 3] == 0x39 || p[i + 3] == 0x34)
    }

    /// `needsPreparation` for every `<` and `&` in `from..<to`.
    static func needsPreparation(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        // The search stops at `to`; the checks at a hit may look past it (a short tag's `/>`).
        let span = UnsafeBufferPointer(rebasing: p[..<to])
        var i = from
        while i < to {
            i = ByteScan.find(0x3C, 0x26, in: span, from: i)
            if i >= to { return false }
            if needsPreparation(p, at: i) { return true }
            i += 1
        }
        return false
    }

    /// At a `<`: for `<name\s*/>` (name: no `<`, `>` or whitespace), the name's end and the
    /// position after `/>`; nil otherwise. (What `expandShortTags` rewrites.)
    @inline(__always)
    static func shortTagLength(_ a: UnsafeBufferPointer<UInt8>, _ i: Int) -> (nameEnd: Int, end: Int)? {
        let m = a.count
        var j = i + 1
        while j < m, a[j] != 0x3C, a[j] != 0x3E, !a[j].isASCIIWhitespace {
            j += 1
            var k = j
            while k < m, a[k].isASCIIWhitespace { k += 1 }
            if k + 1 < m, a[k] == 0x2F, a[k + 1] == 0x3E { return (j, k + 2) }
        }
        return nil
    }

    /// Rewrites a fragment before tokenizing: `<!` that opens nothing known becomes text,
    /// `<tag/>` is spelled out (`<br />`, `<span></span>`), and `&#39;`/`&#34;` become quotes.
    static func prepare(_ input: [UInt8]) -> [UInt8] {
        prepare(input, input.withUnsafeBufferPointer(features))
    }

    static func prepare(_ input: [UInt8], _ f: Features) -> [UInt8] {
        var a = input
        if f.bang { a = escapeUnknownDeclarations(a) }
        if f.slashClose { a = expandShortTags(a) }
        if f.quoteRef { a = replaceQuoteReferences(a) }
        return a
    }

    /// `<!` not followed by DOCTYPE (any case), `--` or `[` becomes `&lt;!`.
    private static func escapeUnknownDeclarations(_ input: [UInt8]) -> [UInt8] {
        var a = [UInt8]()
        a.reserveCapacity(input.count + 16)
        let n = input.count
        var i = 0
        while i < n {
            if input[i] == 0x3C, i + 1 < n, input[i + 1] == 0x21 {
                let rest = input[(i + 2)...]
                let isDoctype = rest.count >= 7 && String(decoding: rest.prefix(7), as: UTF8.self).uppercased() == "DOCTYPE"
                let isComment = rest.count >= 2 && rest[rest.startIndex] == 0x2D && rest[rest.startIndex + 1] == 0x2D
                let isSection = rest.first == 0x5B
                if !isDoctype && !isComment && !isSection {
                    a.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B, 0x21])  // &lt;!
                    i += 2
                    continue
                }
            }
            a.append(input[i])
            i += 1
        }
        return a
    }

    /// `<name\s*/>` (name: no `<`, `>` or whitespace) becomes `<name />` for void elements and
    /// `<name></name>` otherwise.
    private static func expandShortTags(_ a: [UInt8]) -> [UInt8] {
        var b = [UInt8]()
        b.reserveCapacity(a.count + 16)
        let m = a.count
        var i = 0
        while i < m {
            if a[i] == 0x3C, let (j, end) = a.withUnsafeBufferPointer({ shortTagLength($0, i) }) {
                let name = a[(i + 1)..<j]
                let tag = String(decoding: name, as: UTF8.self)
                b.append(0x3C)
                b.append(contentsOf: name)
                if HTMLSanitizer.voidElements.contains(tag) {
                    b.append(contentsOf: [0x20, 0x2F, 0x3E])
                } else {
                    b.append(contentsOf: [0x3E, 0x3C, 0x2F])
                    b.append(contentsOf: name)
                    b.append(0x3E)
                }
                i = end
                continue
            }
            b.append(a[i])
            i += 1
        }
        return b
    }

    /// `&#39;` and `&#34;` to the characters.
    private static func replaceQuoteReferences(_ b: [UInt8]) -> [UInt8] {
        b.withUnsafeBufferPointer { p in
            var c = [UInt8]()
            c.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                if isQuoteReference(p, i) {
                    c.append(p[i + 3] == 0x39 ? 0x27 : 0x22)  // &#39; or &#34;
                    i += 5
                    continue
                }
                c.append(p[i])
                i += 1
            }
            return c
        }
    }

    /// The position of the `<` or `>` that ends the tag starting before `from`; quoted values may
    /// contain brackets when the quote is followed by `>`, `/`, whitespace or `name=`.
    static func endBracket(_ raw: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = raw.count
        var p = from
        var alternativeOne: Int? = nil
        while p < n {
            let c = raw[p]
            if c == 0x3C || c == 0x3E { alternativeOne = p; break }
            if c == 0x22 || c == 0x27 {
                var q = p + 1
                while q < n, raw[q] != c { q += 1 }
                guard q < n else { break }
                let after = q + 1
                guard after < n else { break }
                let d = raw[after]
                var ok = d == 0x3E || d == 0x2F || TextCleanup.whitespaceLength(raw, after) > 0
                if !ok {
                    var w = after
                    while w < n, HTMLHeuristics.isWordByte(raw[w]) { w += 1 }
                    ok = w > after && w < n && raw[w] == 0x3D
                }
                guard ok else { break }
                p = after
                continue
            }
            p += 1
        }
        if let alternativeOne { return alternativeOne }
        p = from
        while p < n {
            let c = raw[p]
            if c == 0x3C || c == 0x3E { return p }
            if c == 0x0A { return nil }
            p += 1
        }
        return nil
    }

    struct AttributeMatch {
        var name: Range<Int>
        var value: Range<Int>?
        var end: Int
    }

    /// `\s*name[$]?(\s*=\s*('...'|"..."|unquoted))?` at `i`.
    static func matchAttribute(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> AttributeMatch? {
        let n = raw.count
        var k = i
        while k < n, TextCleanup.whitespaceLength(raw, k) > 0 { k += TextCleanup.whitespaceLength(raw, k) }
        guard k < n, URLResolver.isAlpha(raw[k]) || raw[k] == 0x5F else { return nil }
        let nameStart = k
        k += 1
        while k < n, isAttributeNameByte(raw[k]) { k += 1 }
        let name = nameStart..<k
        if k < n, raw[k] == 0x24 { k += 1 }
        var m = k
        while m < n, TextCleanup.whitespaceLength(raw, m) > 0 { m += TextCleanup.whitespaceLength(raw, m) }
        guard m < n, raw[m] == 0x3D else { return AttributeMatch(name: name, value: nil, end: k) }
        m += 1
        while m < n, TextCleanup.whitespaceLength(raw, m) > 0 { m += TextCleanup.whitespaceLength(raw, m) }
        if m < n, raw[m] == 0x27 || raw[m] == 0x22 {
            let q = raw[m]
            var e = m + 1
            while e < n, raw[e] != q { e += 1 }
            if e < n { return AttributeMatch(name: name, value: m..<(e + 1), end: e + 1) }
        }
        var e = m
        while e < n, isUnquotedValueByte(raw[e]) { e += 1 }
        return AttributeMatch(name: name, value: m..<e, end: e)
    }

    /// In attribute values, decimal references gain their `;`; everything else stays as written.
    static func convertAttributeReferences(_ raw: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        let slice = UnsafeBufferPointer(rebasing: raw[r])
        if ByteScan.find(0x26, in: slice) == slice.count { return String(decoding: slice, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(r.count)
        var i = r.lowerBound
        while i < r.upperBound {
            let c = raw[i]
            if c == 0x26, i + 2 < r.upperBound, raw[i + 1] == 0x23, URLResolver.isDigit(raw[i + 2]) {
                var j = i + 2
                while j < r.upperBound, URLResolver.isDigit(raw[j]) { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i..<j]))
                out.append(0x3B)
                i = j < r.upperBound && raw[j] == 0x3B ? j + 1 : j
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-cased names, duplicates merged (last value, first position), `rel`/`type` values
    /// lower-cased, sorted by name.
    static func normalize(_ attrs: [Attribute]) -> [Attribute] {
        if attrs.isEmpty { return attrs }
        if attrs.count == 1, !attrs[0].name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }),
           attrs[0].name != "rel" && attrs[0].name != "type" {
            return attrs
        }
        var merged: [Attribute] = []
        merged.reserveCapacity(attrs.count)
        for (k, v) in attrs {
            let key = k.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) ? k.lowercased() : k
            if let i = merged.firstIndex(where: { $0.name == key }) { merged[i].value = v } else { merged.append((key, v)) }
        }
        for i in merged.indices where merged[i].name == "rel" || merged[i].name == "type" {
            merged[i].value = merged[i].value.lowercased()
        }
        if merged.count > 1 {
            merged.sort { $0.name != $1.name ? $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }
        }
        return merged
    }

    /// Writes an attribute value with `<`, `>`, `"` and bare `&` escaped.
    static func appendAttributeValue(_ u: UnsafeBufferPointer<UInt8>, to out: ByteSink) {
        // Runs of bytes that need no escaping are copied whole.
        var run = 0
        var i = 0
        while i < u.count {
            let c = u[i]
            let escape: StaticString
            switch c {
            case 0x3E: escape = "&gt;"
            case 0x3C: escape = "&lt;"
            case 0x22: escape = "&quot;"
            case 0x26 where !isReference(u, i): escape = "&amp;"
            default:
                i += 1
                continue
            }
            out.append(UnsafeBufferPointer(rebasing: u[run..<i]))
            out.appendASCII(escape)
            i += 1
            run = i
        }
        out.append(UnsafeBufferPointer(rebasing: u[run..<u.count]))
    }

    /// `&` starts `#digits;`, `#xhex;` or `word;`.
    static func isReference(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var j = i + 1
        guard j < u.count else { return false }
        if u[j] == 0x23 {
            j += 1
            if j < u.count, u[j] == 0x78 {
                let s = j + 1
                j = s
                while j < u.count, EntityRepairHex.isHex(u[j]) { j += 1 }
                if j > s, j < u.count, u[j] == 0x3B { return true }
                j = i + 2
            }
            let s = j
            while j < u.count, URLResolver.isDigit(u[j]) { j += 1 }
            return j > s && j < u.count && u[j] == 0x3B
        }
        let s = j
        while j < u.count, HTMLHeuristics.isWordByte(u[j]) { j += 1 }
        return j > s && j < u.count && u[j] == 0x3B
    }

    /// `&#digits;` or `&#xhex;` (either case of x) at `i`: the reference's range (after `&#`) and end.
    static func matchCharRef(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Range<Int>, Int)? {
        let n = raw.count
        guard i + 2 < n, raw[i + 1] == 0x23 else { return nil }
        var j = i + 2
        if raw[j] == 0x78 || raw[j] == 0x58 {
            j += 1
            let s = j
            while j < n, EntityRepairHex.isHex(raw[j]) { j += 1 }
            guard j > s, j < n, raw[j] == 0x3B else { return nil }
        } else {
            let s = j
            while j < n, URLResolver.isDigit(raw[j]) { j += 1 }
            guard j > s, j < n, raw[j] == 0x3B else { return nil }
        }
        return ((i + 2)..<j, j + 1)
    }

    /// `&name` followed by one character that is not a letter or digit (consumed): the name's
    /// range and the end.
    static func matchEntityRef(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Range<Int>, Int)? {
        let n = raw.count
        guard i + 1 < n, URLResolver.isAlpha(raw[i + 1]) else { return nil }
        var j = i + 2
        while j < n, URLResolver.isAlpha(raw[j]) || URLResolver.isDigit(raw[j]) || raw[j] == 0x2D || raw[j] == 0x2E { j += 1 }
        guard j < n, !URLResolver.isAlpha(raw[j]), !URLResolver.isDigit(raw[j]) else { return nil }
        // The terminator is one character, which may be several UTF-8 bytes.
        var end = j + 1
        while end < n, raw[end] & 0xC0 == 0x80 { end += 1 }
        return ((i + 1)..<j, end)
    }

    /// How far an incomplete-looking construct at `i` reaches (it is then emitted as text).
    static func matchIncomplete(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = raw.count
        var j = i + 1
        if raw[i] == 0x26 {
            if j < n, URLResolver.isAlpha(raw[j]) {
                j += 1
                while j < n, URLResolver.isAlpha(raw[j]) || URLResolver.isDigit(raw[j]) { j += 1 }
            } else if j < n, raw[j] == 0x23 {
                j += 1
                while j < n, URLResolver.isDigit(raw[j]) { j += 1 }
            }
            return j
        }
        guard j < n else { return j }
        if URLResolver.isAlpha(raw[j]) {
            while j < n, raw[j] != 0x3C, raw[j] != 0x3E { j += 1 }
        } else if raw[j] == 0x2F {
            j += 1
            if j < n, URLResolver.isAlpha(raw[j]) {
                while j < n, raw[j] != 0x3C, raw[j] != 0x3E { j += 1 }
            }
        } else if raw[j] == 0x21 {
            j += 1
            while j < n, raw[j] != 0x3C, raw[j] != 0x3E { j += 1 }
        }
        return j
    }

    /// Where the `>` is when a letter and letters or digits run from `from` up to it (a tag name
    /// and nothing else); nil otherwise.
    @inline(__always)
    static func bareTagEnd(_ raw: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < raw.count, URLResolver.isAlpha(raw[from]) else { return nil }
        var k = from + 1
        while k < raw.count, URLResolver.isAlpha(raw[k]) || URLResolver.isDigit(raw[k]) { k += 1 }
        return k < raw.count && raw[k] == 0x3E ? k : nil
    }

    static func isTagNameByte(_ c: UInt8) -> Bool {
        URLResolver.isAlpha(c) || URLResolver.isDigit(c) || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x3A
    }

    static func isShortTagNameByte(_ c: UInt8) -> Bool {
        URLResolver.isAlpha(c) || URLResolver.isDigit(c) || c == 0x2D || c == 0x2E
    }

    static func isAttributeNameByte(_ c: UInt8) -> Bool {
        URLResolver.isAlpha(c) || URLResolver.isDigit(c) || c == 0x2D || c == 0x3A || c == 0x2E || c == 0x5F
    }

    /// `[][\-a-zA-Z0-9./,:;+*%?!&$()_#=~'"@]`
    static func isUnquotedValueByte(_ c: UInt8) -> Bool {
        if URLResolver.isAlpha(c) || URLResolver.isDigit(c) { return true }
        switch c {
        case 0x5B, 0x5D, 0x2D, 0x2E, 0x2F, 0x2C, 0x3A, 0x3B, 0x2B, 0x2A, 0x25, 0x3F, 0x21, 0x26, 0x24,
             0x28, 0x29, 0x5F, 0x23, 0x3D, 0x7E, 0x27, 0x22, 0x40:
            return true
        default: return false
        }
    }

    /// A tag name, lower-cased (known names without making a new string).
    static func tagName(_ raw: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (String, HTMLTagInfo) {
        if let known = HTMLTagInfo.lookup(UnsafeBufferPointer(rebasing: raw[r])) { return known }
        return (lowerString(raw, r), .unknown)
    }

    static func lowerString(_ raw: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, lower: Bool = true) -> String {
        let slice = UnsafeBufferPointer(rebasing: raw[r])
        guard lower else { return String(decoding: slice, as: UTF8.self) }
        if slice.allSatisfy({ $0 < 0x80 }) {
            if !slice.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return String(decoding: slice, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: slice.count) { out in
                for (i, c) in slice.enumerated() { out[i] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
                return slice.count
            }
        }
        return String(decoding: slice, as: UTF8.self).lowercased()
    }
}

enum EntityRepairHex {
    @inline(__always) static func isHex(_ c: UInt8) -> Bool {
        URLResolver.isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }
}
