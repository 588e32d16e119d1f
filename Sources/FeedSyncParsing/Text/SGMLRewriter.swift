/// A forgiving tag-soup tokenizer that re-serializes HTML fragments, one construct at a time:
/// start and end tags (attributes normalized, sorted and quoted), text, character and entity
/// references, comments, declarations. It never builds a tree, so text and markup that need no
/// change come out byte for byte as they went in (what feed readers have always shown).
///
/// Two passes use it: `.resolveURIs` makes link and image URIs absolute; `.sanitize` applies the
/// allowlists of `HTMLSanitizer`. Its tokenizing rules are SGML's as HTML-era feed readers
/// implemented them, quirks included, because the conformance corpus records their output.
struct SGMLRewriter {
    enum Mode {
        /// Resolve relative URIs against `base`; keep everything else.
        case resolveURIs(base: String)
        /// Apply the allowlists; with a base, resolve relative URIs first (one pass doing both).
        case sanitize(base: String?)
    }

    typealias Attribute = (name: String, value: String)

    let mode: Mode
    /// `application/xhtml+xml` content: `<tag/>` closes the element it opens.
    let xhtml: Bool
    let out: ByteSink
    /// When set, the plain text of what is written is built alongside.
    var plain: PlainTextWriter?
    var lastTag = "???"
    var unacceptableDepth = 0
    var mathMLDepth = 0
    var svgDepth = 0
    /// Set before `run` on a fragment that was not prepared: the run stops as soon as the
    /// fragment turns out to need `prepare`, and sets `needsPreparation` (the output is then
    /// incomplete and must be discarded). Most fragments need nothing, and skip a pass.
    var checksPreparation = false
    private(set) var needsPreparation = false
    /// Whether plain start tags are written from bytes (`writePlainStartTag`).
    var writesPlainTags = true
    /// Reused by `writePlainStartTag` from tag to tag.
    var plainScratch: [PlainAttribute] = []

    /// `out` receives the rewritten fragment (appended to what it holds).
    init(mode: Mode, xhtml: Bool, out: ByteSink = ByteSink(capacity: 1024)) {
        self.mode = mode
        self.out = out
        self.xhtml = xhtml
        if case .sanitize = mode { sanitizing = true } else { sanitizing = false }
    }

    let sanitizing: Bool

    // MARK: - Driver

    /// Rewrites one fragment (already preprocessed by `prepare`, unless `checksPreparation`).
    mutating func run(_ raw: UnsafeBufferPointer<UInt8>) {
        out.reserve(raw.count + 64)
        let n = raw.count
        var i = 0
        scan: while i < n {
            let j = ByteScan.find(0x3C, 0x26, in: raw, from: i)
            if i < j { handleData(raw, i..<j, plainText: true) }
            i = j
            if i == n { break }
            if checksPreparation && SGMLRewriter.needsPreparation(raw, at: i) {
                needsPreparation = true
                return
            }
            var k = -2  // the end of the construct at i; -1: unterminated
            if raw[i] == 0x3C {  // <
                let next: UInt8 = i + 1 < n ? raw[i + 1] : 0
                if next == 0x3E || URLResolver.isAlpha(next) {
                    k = parseStartTag(raw, i)
                } else if next == 0x2F {  // </
                    k = parseEndTag(raw, i)
                } else if next == 0x21, i + 3 < n, raw[i + 2] == 0x2D, raw[i + 3] == 0x2D {  // <!--
                    k = parseComment(raw, i)
                } else if next == 0x3F {  // <?
                    k = parsePI(raw, i)
                } else if next == 0x21 {  // <!
                    k = parseDeclaration(raw, i)
                }
            } else {  // &
                if let (name, end) = SGMLRewriter.matchCharRef(raw, i) {
                    handleCharRef(UnsafeBufferPointer(rebasing: raw[name]))
                    i = end
                    continue
                }
                if let (name, end) = SGMLRewriter.matchEntityRef(raw, i) {
                    handleEntityRef(UnsafeBufferPointer(rebasing: raw[name]))
                    i = raw[end - 1] == 0x3B ? end : end - 1
                    continue
                }
            }
            if k == -1 { break scan }
            if k >= 0 {
                guard spanIsPrepared(raw, i + 1, k) else { return }
                i = k
                continue
            }
            let j2 = SGMLRewriter.matchIncomplete(raw, i)
            if j2 == n { break }
            guard spanIsPrepared(raw, i + 1, j2) else { return }
            handleData(raw, i..<j2)
            i = j2
        }
        if i < n {
            guard spanIsPrepared(raw, i + 1, n) else { return }
            handleData(raw, i..<n)
        }
    }

    /// With `checksPreparation`: whether the bytes a construct consumed hold nothing `prepare`
    /// would have rewritten (else `needsPreparation` is set and the run must stop).
    @inline(__always)
    private mutating func spanIsPrepared(_ raw: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard checksPreparation, SGMLRewriter.needsPreparation(raw, from: from, to: to) else { return true }
        needsPreparation = true
        return false
    }

    // MARK: - Constructs

    private mutating func parseStartTag(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        // `<name>`, the commonest start tag (`<p>`, `<b>`): an allowed element without attributes
        // is written as the general path would write it, without its scans.
        if writesPlainTags, sanitizing, svgDepth == 0, mathMLDepth == 0, let end = SGMLRewriter.bareTagEnd(raw, from: i + 1),
           let (tag, info) = HTMLTagInfo.lookup(UnsafeBufferPointer(rebasing: raw[(i + 1)..<end])), info.acceptable {
            lastTag = tag
            plain?.tag(info, closing: false, selfClosing: info.isVoid)
            out.append(0x3C)
            out.appendLowercased(UnsafeBufferPointer(rebasing: raw[(i + 1)..<end]))  // the table's name
            closeStartTag(info)
            return end + 1
        }
        let n = raw.count
        var end: Int
        // SGML short tag <tag/data/ (written <br/ ...> by accident, in practice).
        var k = i + 1
        if k < n, URLResolver.isAlpha(raw[k]) {
            k += 1
            while k < n, SGMLRewriter.isShortTagNameByte(raw[k]) { k += 1 }
            if k < n, raw[k] == 0x2F {
                var m = k + 1
                while m < n, raw[m] != 0x2F { m += 1 }
                guard m < n else { return -1 }
                let (tag, info) = SGMLRewriter.tagName(raw, (i + 1)..<k)
                unknownStartTag(tag, info, [])
                handleData(raw, (k + 1)..<m)
                unknownEndTag(tag, info)
                end = m + 1
                if xhtml && end > 2 && raw[end - 2] == 0x2F && raw[end - 1] == 0x3E { unknownEndTag(lastTag, HTMLTagInfo.lookup(lastTag)) }
                return end
            }
        }
        guard let j = SGMLRewriter.endBracket(raw, from: i + 1) else { return -1 }
        var tag: String
        var info: HTMLTagInfo
        if raw[i + 1] == 0x3E {
            k = j
            tag = lastTag
            info = HTMLTagInfo.lookup(tag)
        } else {
            k = i + 1
            while k < n, SGMLRewriter.isTagNameByte(raw[k]) { k += 1 }
            (tag, info) = SGMLRewriter.tagName(raw, (i + 1)..<k)
            lastTag = tag
        }
        if writesPlainTags && writePlainStartTag(raw, tag: tag, info: info, attributesFrom: k, end: j) {
            end = raw[j] == 0x3E ? j + 1 : j
            if xhtml && end > 2 && raw[end - 2] == 0x2F && raw[end - 1] == 0x3E { unknownEndTag(lastTag, HTMLTagInfo.lookup(lastTag)) }
            return end
        }
        var attrs: [Attribute] = []
        while k < j {
            guard let m = SGMLRewriter.matchAttribute(raw, k) else { break }
            var value: String
            if let v = m.value {
                var r = v
                if r.count >= 2, raw[r.lowerBound] == raw[r.upperBound - 1],
                   raw[r.lowerBound] == 0x27 || raw[r.lowerBound] == 0x22 {
                    r = (r.lowerBound + 1)..<(r.upperBound - 1)
                } else if r.count == 1, raw[r.lowerBound] == 0x27 || raw[r.lowerBound] == 0x22 {
                    r = r.lowerBound..<r.lowerBound
                }
                value = SGMLRewriter.convertAttributeReferences(raw, r)
            } else {
                value = SGMLRewriter.lowerString(raw, m.name, lower: false)
            }
            attrs.append((HTMLAttributeInfo.name(UnsafeBufferPointer(rebasing: raw[m.name]))
                          ?? SGMLRewriter.lowerString(raw, m.name), value))
            k = m.end
        }
        end = j
        if raw[j] == 0x3E { end += 1 }
        unknownStartTag(tag, info, attrs)
        if xhtml && end > 2 && raw[end - 2] == 0x2F && raw[end - 1] == 0x3E { unknownEndTag(lastTag, HTMLTagInfo.lookup(lastTag)) }
        return end
    }

    private mutating func parseEndTag(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        // `</name>`: the name is all there is between the brackets.
        if writesPlainTags, let end = SGMLRewriter.bareTagEnd(raw, from: i + 2) {
            let name = UnsafeBufferPointer(rebasing: raw[(i + 2)..<end])
            if let (_, info) = HTMLTagInfo.lookup(name), info.acceptable || !sanitizing {
                // What unknownEndTag writes for such a tag, from the bytes.
                if !info.isVoid {
                    out.appendASCII("</")
                    out.appendLowercased(name)  // the table's name
                    out.append(0x3E)
                    plain?.tag(info, closing: true)
                }
            } else {
                let (tag, info) = SGMLRewriter.tagName(raw, (i + 2)..<end)
                unknownEndTag(tag, info)
            }
            return end + 1
        }
        guard let j = SGMLRewriter.endBracket(raw, from: i + 1) else { return -1 }
        let r = (i + 2)..<max(i + 2, j)
        let stripped = UnsafeBufferPointer(rebasing: raw[r])
        let s = TextCleanup.strippedRange(stripped)
        let (tag, info) = SGMLRewriter.tagName(stripped, s)
        unknownEndTag(tag, info)
        return raw[j] == 0x3E ? j + 1 : j
    }

    private mutating func parseComment(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = raw.count
        var k = i + 4
        while k + 1 < n {
            if raw[k] == 0x2D && raw[k + 1] == 0x2D {
                var m = k + 2
                while m < n, TextCleanup.whitespaceLength(raw, m) > 0 { m += TextCleanup.whitespaceLength(raw, m) }
                if m < n, raw[m] == 0x3E {
                    handleComment(raw, (i + 4)..<k)
                    return m + 1
                }
            }
            k += 1
        }
        guard sanitizing else { return -1 }
        // An unterminated comment may be an attempt to hide markup: skip to the next `--...>`,
        // or drop the rest.
        k = i + 4
        while k + 1 < n {
            if raw[k] == 0x2D && raw[k + 1] == 0x2D {
                var m = k + 2
                while m < n, raw[m] != 0x3E { m += 1 }
                if m < n { return m + 1 }
                break
            }
            k += 1
        }
        return n
    }

    private mutating func parsePI(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i + 2
        while j < raw.count, raw[j] != 0x3E { j += 1 }
        guard j < raw.count else { return -1 }
        if !sanitizing {
            out.append(contentsOf: [0x3C, 0x3F])
            out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[(i + 2)..<j]))
            out.append(0x3E)
        }
        return j + 1
    }

    /// `<!DOCTYPE ...>` and marked sections (`<![CDATA[...]]>`, `<![if ...]>`); other `<!` were
    /// escaped by `prepare`. A malformed declaration becomes the text `&lt;`.
    private mutating func parseDeclaration(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = raw.count
        var j = i + 2
        if j < n, raw[j] == 0x3E { return j + 1 }
        if j >= n || raw[j] == 0x2D { return -1 }
        if raw[j] == 0x5B {  // [
            guard let (name, _) = scanName(raw, i + 3) else { return -1 }
            let close: [UInt8]
            switch name {
            case "temp", "cdata", "ignore", "include", "rcdata": close = [0x5D, 0x5D, 0x3E]
            case "if", "else", "endif": close = [0x5D, 0x3E]
            default:
                out.appendASCII("&lt;")
                return i + 1
            }
            // `]\s*]\s*>` or `]\s*>`: the section is dropped.
            var k = i + 3
            while k < n {
                if raw[k] == close[0] {
                    var m = k + 1
                    var ok = true
                    for c in close.dropFirst() {
                        while m < n, raw[m].isASCIIWhitespace { m += 1 }
                        if m < n, raw[m] == c { m += 1 } else { ok = false; break }
                    }
                    if ok { return m }
                }
                k += 1
            }
            return -1
        }
        guard let (declType, afterName) = scanName(raw, j) else { return -1 }
        j = afterName
        while j < n {
            let c = raw[j]
            if c == 0x3E {
                if declType == "doctype" && !sanitizing {
                    out.append(contentsOf: [0x3C, 0x21])
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[(i + 2)..<j]))
                    out.append(0x3E)
                }
                return j + 1
            }
            if c == 0x22 || c == 0x27 {
                var m = j + 1
                while m < n, raw[m] != c { m += 1 }
                guard m < n else { return -1 }
                m += 1
                while m < n, raw[m].isASCIIWhitespace { m += 1 }
                j = m
            } else if URLResolver.isAlpha(c) {
                guard let (_, next) = scanName(raw, j) else { return -1 }
                j = next
            } else if c == 0x5B && declType == "doctype" {
                var m = j + 1
                while m < n, raw[m] != 0x5D { m += 1 }
                guard m < n else { return -1 }
                m += 1
                while m < n, raw[m].isASCIIWhitespace { m += 1 }
                guard m < n else { return -1 }
                guard raw[m] == 0x3E else { out.appendASCII("&lt;"); return i + 1 }
                j = m
            } else {
                out.appendASCII("&lt;")
                return i + 1
            }
        }
        return -1
    }

    /// A declaration name (`[a-zA-Z][-_.a-zA-Z0-9:]*` and trailing whitespace), lower-cased.
    private mutating func scanName(_ raw: UnsafeBufferPointer<UInt8>, _ i: Int) -> (String, Int)? {
        let n = raw.count
        guard i < n else { return nil }
        guard URLResolver.isAlpha(raw[i]) else {
            handleData(raw, 0..<n)
            return nil
        }
        var j = i + 1
        while j < n, SGMLRewriter.isTagNameByte(raw[j]) { j += 1 }
        let name = SGMLRewriter.lowerString(raw, i..<j)
        while j < n, raw[j].isASCIIWhitespace { j += 1 }
        if j == n { return nil }
        return (name, j)
    }
}
