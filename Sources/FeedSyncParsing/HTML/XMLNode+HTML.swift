import CLibXML2
import FeedSyncCore

/// HTML-specific views of a node: visible text, class words, document walking.
extension XMLNode {
    /// Elements whose text a reader never sees.
    static let invisibleElements: Set<String> = ["script", "style", "noscript", "template", "head", "title"]

    /// Elements that start a new line of text (so `<p>a</p><p>b</p>` reads as two lines, not "ab").
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
        "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
    ]

    /// Lower-cased tag name (libxml2's HTML parser already lower-cases; this guards against XHTML input).
    var tag: String { name.lowercased() }

    /// The node's text as a reader sees it on one line: scripts skipped, whitespace (NBSP included)
    /// collapsed to single spaces, block boundaries turned into spaces.
    var inlineText: String {
        var raw = ""
        appendVisibleText(into: &raw)
        return Self.collapseWhitespace(raw)
    }

    private func appendVisibleText(into out: inout String) {
        if isText {
            out += textContent
            return
        }
        guard isElement || ptr.pointee.type == XML_DOCUMENT_NODE || ptr.pointee.type == XML_HTML_DOCUMENT_NODE
        else { return }
        let t = tag
        if Self.invisibleElements.contains(t) { return }
        let block = Self.blockElements.contains(t)
        if block { out += "\n" }
        for child in children { child.appendVisibleText(into: &out) }
        if block { out += "\n" }
    }

    /// Collapses runs of whitespace (including U+00A0) to one space and trims the ends; whitespace
    /// is Unicode's White_Space, scalar by scalar.
    static func collapseWhitespace(_ s: String) -> String { InlineText.collapseWhitespaceScalars(s) }

    /// Length of the visible text, counted in Unicode scalars (cheap enough for scoring).
    var visibleTextLength: Int { inlineText.unicodeScalars.count }

    /// The words of `class` and `id`, lower-cased and split on anything that is not a letter or digit
    /// (`share-bar_top` gives `share`, `bar`, `top`).
    var classAndIDWords: [String] {
        let raw = ((attribute("class") ?? "") + " " + (attribute("id") ?? "")).lowercased()
        return raw.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// Every element below this node, depth first in document order, skipping subtrees for which
    /// `descend` returns false.
    func forEachElement(descend: (XMLNode) -> Bool = { _ in true }, _ body: (XMLNode) -> Void) {
        for child in children where child.isElement {
            body(child)
            if descend(child) { child.forEachElement(descend: descend, body) }
        }
    }

    /// All descendant elements with one of the given tag names, in document order.
    func descendants(named names: Set<String>) -> [XMLNode] {
        var out: [XMLNode] = []
        forEachElement { if names.contains($0.tag) { out.append($0) } }
        return out
    }

    /// The first descendant element with one of the given names.
    func firstDescendant(named names: Set<String>) -> XMLNode? {
        for child in children where child.isElement {
            if names.contains(child.tag) { return child }
            if let found = child.firstDescendant(named: names) { return found }
        }
        return nil
    }


    /// The nearest ancestor element (not this node) with one of the given names.
    func ancestor(named names: Set<String>) -> XMLNode? {
        var cur = parent
        while let c = cur {
            if names.contains(c.tag) { return c }
            cur = c.parent
        }
        return nil
    }
}

extension XMLTree {
    /// The document node itself, as the context for document-wide XPath and walks.
    var documentNode: XMLNode {
        XMLNode(UnsafeMutableRawPointer(doc).assumingMemoryBound(to: xmlNode.self))
    }


    /// `<title>` text, whitespace collapsed.
    var pageTitle: String? {
        guard let title = root?.firstDescendant(named: ["title"]) else { return nil }
        let text = XMLNode.collapseWhitespace(title.textContent)
        return text.isEmpty ? nil : text
    }
}
