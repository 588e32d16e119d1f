/// Element categories the extractor reasons with.
enum HTMLTags {
    /// Elements whose content is never main text: dropped before anything else looks at the page.
    static let junk: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "applet",
        "canvas", "link", "meta", "base", "head", "title", "input", "select", "option", "optgroup",
        "textarea", "button", "datalist", "dialog", "map", "audio", "video", "source", "track", "param",
        "frame", "frameset", "portal",
    ]

    /// Block-level elements: they break lines in text (kept in step with the ground truth's renderer).
    static let block: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
        "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr",
        "ul", "td", "th", "listing", "plaintext", "xmp", "noframes",
    ]

    /// Blocks that end a paragraph in the text output (a blank line follows them).
    static let paragraphBreaking: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table", "figure",
        "hr", "section", "article", "header", "footer", "aside", "main", "details", "address",
    ]

    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// Elements that hold runs of prose and are scored as paragraphs.
    static let paragraphLike: Set<String> = ["p", "pre", "td", "blockquote", "dd", "li"]

    /// Containers that may be turned into a paragraph when they hold only phrasing content.
    static let divLike: Set<String> = ["div", "section", "article", "main", "center"]

    /// Heading level of h1...h6, else nil.
    static func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.first == "h", let d = name.last?.wholeNumberValue, (1...6).contains(d) else { return nil }
        return d
    }
}
