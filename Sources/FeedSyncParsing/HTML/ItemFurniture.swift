import CLibXML2

/// Recognizes page furniture that must never reach an item: navigation, page header and footer,
/// asides, forms, scripts, share bars, comment widgets, cookie banners, app-store promos.
///
/// Two kinds of evidence, because modern sites often use utility classes (`mt-4 rounded-xl`) that say
/// nothing about purpose:
/// - markup: the element's tag, ARIA role, `hidden`, and the words of its class and id;
/// - wording: short, standalone texts that only ever label furniture ("DOWNLOAD THE APP",
///   "Try Our AI Features", "No comments yet..."). For those the whole small widget around the text
///   goes, not just the label (`widgetTextLimit`).
enum ItemFurniture {
    static let furnitureTags: Set<String> = [
        "nav", "aside", "form", "script", "style", "noscript", "template", "iframe", "button", "select",
        "textarea", "input", "svg", "canvas", "dialog", "object", "embed", "menu", "link", "meta",
    ]

    /// ARIA landmark and widget roles of page furniture (WAI-ARIA 1.2 §5.3).
    static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
        "menubar", "toolbar", "form",
    ]

    /// Words of class/id values (split on non-alphanumerics) that mark furniture.
    static let furnitureWords: Set<String> = [
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "share", "sharing",
        "sharebar", "sharethis", "social", "socials", "comments", "disqus", "newsletter", "subscribe",
        "subscription", "advert", "advertisement", "advertising", "ads", "ad", "sponsor", "sponsored",
        "cookie", "cookies", "consent", "gdpr", "popup", "paywall", "login", "signin", "signup", "toolbar",
        "outbrain", "taboola", "masthead", "skiplink",
    ]

    /// Whole class tokens or ids that mark furniture, where the single words would be too broad.
    static let furnitureTokens: Set<String> = [
        "site-header", "site-footer", "page-footer", "global-header", "global-footer", "main-footer",
        "sr-only", "visually-hidden", "screen-reader-text", "skip-link", "comment-form", "comment-list",
        "comment-respond", "comment-section", "comments-area",
    ]

    /// Standalone texts that label a furniture widget; the widget around them is removed.
    static let widgetPhrases: [String] = [
        "download the app", "download our app", "get the app", "get our app", "install the app",
        "install our app", "open in app", "get started now: download the app", "try our ai features",
        "no comments yet", "be the first to comment", "leave a comment", "sign up for our newsletter",
        "subscribe to our newsletter", "join our newsletter",
    ]

    /// Standalone texts that are furniture labels themselves; only the labelled element is removed.
    static let labelPhrases: Set<String> = [
        "comments", "comment", "share", "share this", "share this article", "share this story",
        "share on facebook", "share on twitter", "share on x", "share on whatsapp", "share on linkedin",
        "tweet", "advertisement", "sponsored", "sponsored content", "follow us", "copy link", "print",
        "app-store", "play-store", "app store", "google play",
    ]

    /// A widget is at most this much text; larger containers are content that merely holds a promo.
    static let widgetTextLimit = 400

    /// Whether the element is furniture by its markup alone.
    static func isFurniture(_ node: XMLNode) -> Bool {
        let t = node.tag
        if furnitureTags.contains(t) { return true }
        // A page's header/footer is chrome; an article's or a card's (HTML §4.3.8) belongs to it.
        if t == "header" || t == "footer", node.ancestor(named: ["article", "section", "li", "main"]) == nil {
            return true
        }
        if node.attribute("hidden") != nil || node.attribute("aria-hidden")?.lowercased() == "true" { return true }
        if let role = node.attribute("role")?.lowercased(), furnitureRoles.contains(role) { return true }
        if let style = node.attribute("style")?.lowercased().filter({ $0 != " " }),
           style.contains("display:none") || style.contains("visibility:hidden") {
            return true
        }
        if node.classAndIDTokens.contains(where: furnitureTokens.contains) { return true }
        let words = node.classAndIDWords
        if words.contains(where: furnitureWords.contains) { return true }
        if words.contains("app"),
           words.contains(where: { ["download", "store", "stores", "promo", "banner", "badge", "badges", "install"].contains($0) }) {
            return true
        }
        return false
    }

    /// A short standalone text, lower-cased, with trailing dots, ellipses and colons dropped.
    static func normalizedLabel(_ text: String) -> String? {
        let collapsed = XMLNode.collapseWhitespace(text).lowercased()
        guard !collapsed.isEmpty, collapsed.count <= 80 else { return nil }
        var s = Substring(collapsed)
        while let last = s.last, last == "." || last == "…" || last == ":" || last == "!" || last == " " { s = s.dropLast() }
        return String(s)
    }

    /// Whether a standalone text labels a furniture widget.
    static func isWidgetPhrase(_ text: String) -> Bool {
        guard let label = normalizedLabel(text) else { return false }
        return widgetPhrases.contains { label == $0 || label.hasPrefix($0) }
    }

    /// Whether a standalone text is a furniture label by itself.
    static func isLabelPhrase(_ text: String) -> Bool {
        guard let label = normalizedLabel(text) else { return false }
        return labelPhrases.contains(label)
    }

    /// The outermost furniture subtrees under `root` (never nested, never `root` itself), in document order.
    static func furnitureRoots(in root: XMLNode) -> [XMLNode] {
        var out: [XMLNode] = []
        var removed = Set<xmlNodePtr>()
        func isInsideRemoved(_ n: XMLNode) -> Bool {
            var cur: xmlNodePtr? = n.ptr
            while let c = cur, c != root.ptr {
                if removed.contains(c) { return true }
                cur = c.pointee.parent
            }
            return false
        }
        func mark(_ n: XMLNode) {
            guard !isInsideRemoved(n) else { return }
            // Drop anything already marked inside the new, larger root.
            out.removeAll { n.contains($0) }
            removed = Set(out.map(\.ptr))
            out.append(n)
            removed.insert(n.ptr)
        }
        root.forEachElement(descend: { !isFurniture($0) }) { el in
            if isFurniture(el) { mark(el) }
        }
        // Wording pass over what is left.
        for label in labelElements(under: root) where !isInsideRemoved(label) {
            let text = label.inlineText
            if isWidgetPhrase(text) {
                mark(widget(around: label, within: root))
            } else if isLabelPhrase(text) {
                mark(label)
            }
        }
        return out.sorted { a, b in xmlXPathCmpNodes(a.ptr, b.ptr) > 0 }
    }

    /// Elements whose own text is short and standalone (a heading, a button-like link, a paragraph),
    /// i.e. the smallest elements a label can be.
    private static func labelElements(under root: XMLNode) -> [XMLNode] {
        var out: [XMLNode] = []
        root.forEachElement { el in
            let hasElementChildren = el.children.contains { $0.isElement && !["br", "span", "strong", "b", "em", "i", "img"].contains($0.tag) }
            if !hasElementChildren, el.children.contains(where: \.isText) { out.append(el) }
        }
        return out
    }

    /// Climbs from a label to the largest enclosing block that still looks like one widget: small,
    /// not a sectioning root, and holding no headline link (so a card that mentions the app survives).
    private static func widget(around label: XMLNode, within root: XMLNode) -> XMLNode {
        var current = label
        while let p = current.parent, p.ptr != root.ptr,
              !["body", "html", "main", "article"].contains(p.tag),
              p.visibleTextLength <= widgetTextLimit, !containsHeadlineLink(p) {
            current = p
        }
        return current
    }

    /// Whether the element holds a link that reads like a story headline (not a furniture label).
    static func containsHeadlineLink(_ node: XMLNode) -> Bool {
        var found = false
        node.forEachElement { el in
            guard !found, el.tag == "a", el.attribute("href") != nil else { return }
            let text = el.inlineText
            if text.count >= 25, text.split(separator: " ").count >= 4, !isWidgetPhrase(text) { found = true }
        }
        return found
    }

    /// Removes every furniture subtree under `root` from the document (automatic extraction, where
    /// nothing of the page chrome is ever wanted).
    static func prune(_ root: XMLNode) {
        for node in furnitureRoots(in: root) { node.removeFromDocument() }
    }
}
