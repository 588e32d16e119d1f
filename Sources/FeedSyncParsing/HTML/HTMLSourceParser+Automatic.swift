import FeedSyncCore

/// Pages without selectors: repeated blocks, else page watch.
extension HTMLSourceParser {
    /// An article this long (paragraph text outside the list) makes the page an article page.
    static let articleTextThreshold = 800

    /// What the repeated blocks of a page are.
    enum DetectedBlocks {
        /// The page is a list of stories (a landing page, a blog index): one entry per block.
        case list([FeedEntry])
        /// The page is one article with a block of other stories beside it (related articles, most
        /// read): one entry per story in that block.
        case related([FeedEntry])
    }

    /// Entries for the page's repeated blocks, or nil when the page has none: a list page, or an
    /// article page with a side list ("Related Articles" under a story), which only `type = "auto"`
    /// reads as the article and each related story.
    /// Strips the page's boilerplate from `tree` in place (all of it but related-story sections).
    static func detectBlocks(_ tree: XMLTree, resolver: PageURLResolver) -> DetectedBlocks? {
        guard let body = tree.body else { return nil }
        let declaredArticle = declaresArticle(tree)
        let stats = StatsCache()
        BoilerplateFilter.strip(root: body, stats: stats, options: .forItemLists)
        guard let list = RepeatedBlockDetector.detect(in: body) else { return nil }
        // The publisher says the page is one article (Open Graph `og:type`): its lists are side lists.
        var sideList = declaredArticle
        if !sideList {
            let article = proseLength(in: body, excluding: list.blocks.map(\.node), stats: stats)
            sideList = article >= articleTextThreshold
                && (article * 2 >= list.textLength || isRelatedSection(list, in: body, stats: stats))
        }
        guard let entries = entries(for: list, resolver: resolver) else { return nil }
        return sideList ? .related(entries) : .list(entries)
    }

    /// One entry per block of `list` (the first block per link), or nil when fewer than
    /// `RepeatedBlockDetector.minimumItems` remain.
    private static func entries(for list: DetectedList, resolver: PageURLResolver) -> [FeedEntry]? {
        var entries: [FeedEntry] = []
        var seen = Set<String>()
        for block in list.blocks {
            guard let link = resolver.resolve(block.href), seen.insert(link).inserted else { continue }
            var entry = FeedEntry()
            entry.title = block.title
            entry.link = link
            if let time = block.node.firstDescendant(named: ["time"]) {
                let raw = time.attribute("datetime") ?? time.inlineText
                entry.published = DateParser.parse(raw)
            }
            if let byline = byline(in: block.node) {
                entry.author = Person(name: byline)
                entry.authors = [Person(name: byline)]
            }
            if let html = blockSummary(block) {
                let clean = HTMLSanitizer.sanitize(html, baseURL: resolver.base?.absoluteString)
                if !clean.isEmpty {
                    entry.summary = clean
                    entry.text = PlainText.render(html: clean)
                }
            }
            entries.append(entry)
        }
        return entries.count >= RepeatedBlockDetector.minimumItems ? entries : nil
    }

    /// Whether the list lies in what the boilerplate rules call a related-stories section ("Related
    /// Articles", "Most read", `class="related"`): a side list, when the page also has an article.
    static func isRelatedSection(_ list: DetectedList, in body: XMLNode, stats: StatsCache) -> Bool {
        let related = BoilerplateFilter(root: body, stats: stats).findings().filter { $0.reason == .related }
        return list.blocks.allSatisfy { block in related.contains { $0.node.contains(block.node) } }
    }

    /// Characters of prose under `body` outside the `excluded` subtrees: the non-link text of the
    /// blocks the extractor scores as paragraphs (`HTMLTags.paragraphLike`, and containers of
    /// phrasing content only).
    static func proseLength(in body: XMLNode, excluding excluded: [XMLNode], stats: StatsCache) -> Int {
        let skip = Set(excluded.map(\.ptr))
        var total = 0.0
        var stack = body.elementChildren
        while let e = stack.popLast() {
            guard !skip.contains(e.ptr) else { continue }
            let blocks = e.elementChildren.filter { HTMLTags.block.contains($0.name) && $0.name != "br" }
            if HTMLTags.paragraphLike.contains(e.name) || (HTMLTags.divLike.contains(e.name) && blocks.isEmpty) {
                let s = stats.stats(e)
                total += Double(s.chars) - s.linkChars
            } else {
                stack += e.elementChildren
            }
        }
        return Int(total)
    }

    /// Whether the page declares itself one article: `<meta property="og:type" content="article">`
    /// (The Open Graph protocol, https://ogp.me/#types), which most news and blog pages carry.
    static func declaresArticle(_ tree: XMLTree) -> Bool {
        guard let root = tree.root else { return false }
        for meta in root.descendants(named: ["meta"]) {
            let property = (meta.attribute("property") ?? meta.attribute("name") ?? "").lowercased()
            if property == "og:type", let content = meta.attribute("content")?.lowercased(),
               content == "article" || content.hasPrefix("article.") {
                return true
            }
        }
        return false
    }

    /// A block's teaser: its paragraphs when it has any, else the block without its headline, dates and
    /// repeated title (image alt texts and source labels are not a summary).
    private static func blockSummary(_ block: DetectedBlock) -> String? {
        let paragraphs = block.node.descendants(named: ["p"]).filter {
            !$0.inlineText.isEmpty && !$0.contains(block.link) && $0.inlineText != block.title
        }
        if !paragraphs.isEmpty {
            return paragraphs.map { HTMLFragmentWriter.outerHTML(of: $0) }.joined(separator: "\n")
        }
        var skip: Set = [block.link.ptr]
        for el in block.node.descendants(named: RepeatedBlockDetector.headingTags.union(["time"])) { skip.insert(el.ptr) }
        let html = HTMLFragmentWriter.innerHTML(of: block.node, skipping: skip)
        return nonEmpty(html)
    }

    /// The author line of a block (`rel="author"`, `.author`, `.byline`), when short enough to be a name.
    private static func byline(in node: XMLNode) -> String? {
        var found: String?
        node.forEachElement { el in
            guard found == nil else { return }
            let words = el.classAndIDWords
            if el.attribute("rel")?.lowercased() == "author" || words.contains("author") || words.contains("byline") {
                let text = el.inlineText
                if !text.isEmpty && text.count <= 80 { found = text }
            }
        }
        return found
    }

    /// The page-watch entry: `id` and `link` are the page URL (stable across polls), the text is the
    /// main content from `ContentExtractor`; when the extractor finds none, the text of the page's body
    /// without its boilerplate.
    static func watchEntry(_ body: [UInt8], tree: XMLTree, request: ParseRequest) -> FeedEntry {
        var entry = FeedEntry()
        entry.id = request.url
        entry.link = request.url
        let extracted = ContentExtractor.extract(body, url: request.url, contentType: request.contentType)
        if !extracted.text.isEmpty {
            entry.title = extracted.title
            entry.content = extracted.html.isEmpty ? nil : extracted.html
            entry.text = extracted.text
            entry.published = extracted.published
            if let byline = extracted.byline { entry.author = Person(name: byline); entry.authors = [Person(name: byline)] }
        } else if let bodyNode = tree.body {
            // `detectBlocks` kept related-story sections; a watched page's text has none.
            BoilerplateFilter.strip(root: bodyNode, stats: StatsCache())
            entry.text = nonEmpty(TextRenderer.render([bodyNode]))
        }
        if entry.title == nil {
            entry.title = tree.body?.firstDescendant(named: ["h1"]).map(\.inlineText).flatMap(nonEmpty) ?? tree.pageTitle
        }
        return entry
    }
}
