/// Allowlist HTML sanitizer for summaries and content.
public enum HTMLSanitizer {
    /// Returns sanitized HTML: scripts, styles, event handlers, `javascript:` URLs and unknown
    /// elements removed; relative URLs resolved against `baseURL`.
    public static func sanitize(_ html: String, baseURL: String?) -> String {
        String(decoding: clean(Array(html.utf8), baseURL: baseURL ?? "", xhtml: false), as: UTF8.self)
    }

    /// Sanitizes an HTML (or, with `xhtml`, inline XHTML) fragment: first relative URIs are
    /// resolved against `baseURL`, then everything outside the allowlists is dropped. The result
    /// is trimmed and uses `\n` line ends.
    static func clean(_ html: [UInt8], baseURL: String, xhtml: Bool) -> [UInt8] {
        let buffers = SanitizerBuffers()
        let r = html.withUnsafeBufferPointer { rewrite($0, baseURL: baseURL, xhtml: xhtml, withText: false, into: buffers) }
        return Array(buffers.html.slice(r))
    }

    /// `clean` (and with `withText`, the plain text) written into `buffers`, which are emptied
    /// first: the result is `buffers.html` over the returned range, the text all of
    /// `buffers.text`. A feed's builder reuses one pair of buffers for every value.
    ///
    /// `shortcuts: false` always prepares first and writes every start tag the general way (the
    /// reference the shortcuts are tested against).
    static func rewrite(_ html: UnsafeBufferPointer<UInt8>, baseURL: String, xhtml: Bool, withText: Bool,
                        into buffers: SanitizerBuffers, shortcuts: Bool = true) -> Range<Int> {
        buffers.html.removeAll()
        buffers.text.removeAll()
        if ByteScan.find(0x3C, 0x26, in: html) == html.count {
            buffers.html.append(UnsafeBufferPointer(rebasing: html[TextCleanup.strippedRange(html)]))
            buffers.html.removeCarriageReturnsBeforeLineFeeds()
            if withText {
                var w = PlainTextWriter(out: buffers.text)
                w.literal(buffers.html.slice(0..<buffers.html.count))
            }
            return 0..<buffers.html.count
        }
        // Most fragments need no preparation and resolve in the same pass: try that first.
        var sanitizer = SGMLRewriter(mode: .sanitize(base: baseURL), xhtml: xhtml, out: buffers.html)
        if shortcuts {
            if withText { sanitizer.plain = PlainTextWriter(out: buffers.text) }
            sanitizer.checksPreparation = true
            sanitizer.run(html)
            if !sanitizer.needsPreparation {
                buffers.html.removeCarriageReturnsBeforeLineFeeds()
                return TextCleanup.strippedRange(buffers.html.slice(0..<buffers.html.count))
            }
            buffers.html.removeAll()
            buffers.text.removeAll()
        }
        let features = SGMLRewriter.features(html)
        let prepared = features.bang || features.slashClose || features.quoteRef
            ? SGMLRewriter.prepare(Array(html), features) : nil
        if !features.bang {
            // Without `<!` (comments, CDATA, DOCTYPE) resolving and sanitizing in one pass gives
            // exactly what the two passes give.
            sanitizer = SGMLRewriter(mode: .sanitize(base: baseURL), xhtml: xhtml, out: buffers.html)
            sanitizer.writesPlainTags = shortcuts
            if withText { sanitizer.plain = PlainTextWriter(out: buffers.text) }
            if let prepared {
                prepared.withUnsafeBufferPointer { sanitizer.run($0) }
            } else {
                sanitizer.run(html)
            }
        } else {
            var resolver = SGMLRewriter(mode: .resolveURIs(base: baseURL), xhtml: xhtml)
            prepared?.withUnsafeBufferPointer { resolver.run($0) }
            sanitizer = SGMLRewriter(mode: .sanitize(base: nil), xhtml: xhtml, out: buffers.html)
            sanitizer.writesPlainTags = shortcuts
            if withText { sanitizer.plain = PlainTextWriter(out: buffers.text) }
            let second = SGMLRewriter.prepare(escapeCDATA(resolver.out.bytes))
            second.withUnsafeBufferPointer { sanitizer.run($0) }
        }
        buffers.html.removeCarriageReturnsBeforeLineFeeds()
        return TextCleanup.strippedRange(buffers.html.slice(0..<buffers.html.count))
    }

    /// `<![CDATA[` inside HTML is text, not a section to hide markup in.
    private static func escapeCDATA(_ b: [UInt8]) -> [UInt8] {
        let marker = Array("<![CDATA[".utf8)
        guard b.count >= marker.count else { return b }
        var out = [UInt8]()
        var i = 0
        var found = false
        while i < b.count {
            if b[i] == 0x3C, i + marker.count <= b.count, b[i..<(i + marker.count)].elementsEqual(marker) {
                if !found { out.reserveCapacity(b.count + 8); found = true }
                out.appendASCII("&lt;![CDATA[")
                i += marker.count
                continue
            }
            out.append(b[i])
            i += 1
        }
        return found ? out : b
    }

    static let acceptableElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote",
        "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command",
        "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
        "event-source", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "keygen", "label", "legend",
        "li", "m", "map", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup",
        "option", "output", "p", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section",
        "select", "small", "sound", "source", "spacer", "span", "strike", "strong", "sub", "sup", "table",
        "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
    ]

    /// Attributes whose value is a URI a browser may load or follow.
    static let uriAttributeNames: Set<String> = [
        "href", "src", "action", "background", "cite", "data", "dynsrc", "longdesc", "lowsrc", "poster",
        "usemap", "xlink:href",
    ]

    /// Whether a URI attribute value is safe once a browser has decoded it: character references
    /// resolved, whitespace and control characters (which browsers skip inside a scheme) removed,
    /// then no scheme or an allowed one. `&#106;avascript:` and `java\tscript:` are not safe.
    static func isSafeURIAttribute(_ value: String) -> Bool {
        let decoded = PlainText.decodeReferences(Array(value.utf8))
        var compact = [UInt8]()
        compact.reserveCapacity(decoded.count)
        for b in decoded where b > 0x20 && b != 0x7F { compact.append(b) }
        guard let colon = compact.firstIndex(of: UInt8(ascii: ":")) else { return true }
        let scheme = compact[0..<colon]
        // A `:` after `/`, `?` or `#` belongs to the path or query, not a scheme.
        if scheme.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            return true
        }
        guard let first = scheme.first, URLResolver.isAlpha(first), scheme.allSatisfy(URLResolver.isSchemeChar) else {
            return true
        }
        return URLResolver.acceptableSchemes.contains(Substring(String(decoding: scheme, as: UTF8.self).lowercased()))
    }
}
