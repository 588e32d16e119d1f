import FeedSyncCore

/// Turns an HTML page into a `FeedDocument` (`version: "html"`).
///
/// - With `request.select` (a `type = "html"` source with `[source.select]`): one entry per element the
///   `item` selector matches (`htmlExtraction == .selectors`).
/// - Without selectors, in this order:
///   1. `type = "auto"` and the page advertises feeds (`<link rel="alternate"
///      type="application/rss+xml|atom+xml|feed+json">`): no entries (`.autodiscovery`); the engine
///      polls `discoveredFeeds[0]` instead. With `type = "html"` the feeds are only reported in
///      `discoveredFeeds` and the page is read as below;
///   2. the page has repeated item blocks (cards, list items with headline links) and is not an article
///      page: one entry per block (`.blocks`); with `type = "auto"`, an article page with a block of
///      related stories (a list or a grid of cards) gives the article (by the page URL) and one entry
///      per story (`.blocks`);
///   3. page watch: one entry whose `id` and `link` are the page URL and whose `text`/`content` are the
///      page's main content (`.page`); a changed text is a "changed" event for the engine.
///
/// Page furniture (navigation, header/footer, asides, forms, share bars, comment widgets, app promos)
/// never reaches an entry in automatic modes, and is left out of selected summaries.
/// The charset comes from a byte order mark, the HTTP `Content-Type`, `<meta>`, else a guess.
public enum HTMLSourceParser {
    /// Parses one page. Throws for a wall in front of the page (`BlockedPageClassifier`: the error
    /// describes it), for bad selectors (the error names the selector) or a page libxml2
    /// cannot read at all.
    public static func parse(_ body: [UInt8], request: ParseRequest) throws(ParseError) -> FeedDocument {
        let encoding = CharsetSniffer.sniff(body, contentType: request.contentType).encoding
        guard let tree = XMLTree.parseHTML(body, url: request.url, encoding: encoding) else {
            throw ParseError("cannot parse the HTML page")
        }
        // A wall in front of the page (a bot challenge, a login form, a parked domain) is never the
        // page: neither a watched page nor a list, and its changing tokens never a change.
        if let blocked = BlockedPageClassifier.classify(tree) {
            throw ParseError(request.type == .html ? "expected the page, got \(blocked.description)"
                                                   : "expected a feed, got an HTML page: \(blocked.description)")
        }
        let resolver = PageURLResolver(documentURL: request.url, baseHref: baseHref(tree))
        var doc = FeedDocument(version: "html", encoding: encoding)
        doc.feed.title = tree.pageTitle
        doc.feed.link = request.url
        if let spec = request.select {
            doc.htmlExtraction = .selectors
            doc.entries = try selectEntries(tree, spec: spec, resolver: resolver)
            return doc
        }
        // A page that advertises feeds is replaced by its feed only for `type = "auto"`: with
        // `type = "html"` the user asked for the page itself, and the feeds are only reported.
        let feeds = FeedAutodiscovery.discover(in: tree, resolver: resolver)
        doc.discoveredFeeds = feeds
        doc.feed.links = feeds
        if !feeds.isEmpty && request.type != .html {
            doc.htmlExtraction = .autodiscovery
            return doc
        }
        switch detectBlocks(tree, resolver: resolver) {
        case .list(let blocks):
            doc.htmlExtraction = .blocks
            doc.entries = blocks
            return doc
        case .related(let stories) where request.type == .auto:
            // An article page with related stories: the article and each story are items (the
            // article by the page URL, delivered once, not watched for changes).
            doc.htmlExtraction = .blocks
            doc.entries = [watchEntry(body, tree: tree, request: request)] + stories
            return doc
        case .related, nil:
            break
        }
        doc.htmlExtraction = .page
        doc.entries = [watchEntry(body, tree: tree, request: request)]
        return doc
    }

    /// Checks one `[source.select]` expression (CSS subset, `xpath:...`, optional trailing `@attr`).
    /// Returns nil when it is valid, else a message that names the selector, for config errors.
    public static func validate(selector: String) -> String? {
        do {
            _ = try HTMLSelector(selector)
            return nil
        } catch {
            return error.message
        }
    }

    /// Checks a `date_format`; nil when valid, else a message naming the format and the bad directive.
    public static func validate(dateFormat: String) -> String? {
        do {
            _ = try DateFormatParser(dateFormat)
            return nil
        } catch {
            return error.message
        }
    }

    /// Checks every selector and the date format of a `[source.select]` table; returns the first
    /// problem prefixed with its key (`select.title: invalid selector "h2[": ...`), or nil.
    public static func validate(_ spec: SelectorSpec) -> String? {
        let fields: [(String, String?)] = [("item", spec.item), ("title", spec.title), ("link", spec.link),
                                           ("date", spec.date), ("summary", spec.summary),
                                           ("author", spec.author), ("id", spec.id)]
        for (key, value) in fields {
            if let value, let problem = validate(selector: value) { return "select.\(key): \(problem)" }
        }
        if let format = spec.dateFormat, let problem = validate(dateFormat: format) {
            return "select.date_format: \(problem)"
        }
        return nil
    }

    /// The first `<base href>`, which overrides the document URL for relative links (HTML §4.2.3).
    static func baseHref(_ tree: XMLTree) -> String? {
        guard let root = tree.root else { return nil }
        var href: String?
        root.forEachElement(descend: { _ in href == nil }) { el in
            if href == nil, el.tag == "base", let h = el.attribute("href"), !h.isEmpty { href = h }
        }
        return href
    }
}
