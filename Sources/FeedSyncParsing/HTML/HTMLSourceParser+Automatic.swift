import FeedSyncCore

/// Pages without selectors: repeated blocks, else page watch.
extension HTMLSourceParser {
    /// An article this long (paragraph text outside the list) makes the page an article page.
    static let articleTextThreshold = 800

    /// Entries for the page's repeated blocks, or nil when the page has none or is an article page whose
    /// list is only a side list ("Related Articles" under a story is not what a page source wants).
    /// Prunes furniture from `tree` in place.
    static func detectBlocks(_ tree: XMLTree, resolver: PageURLResolver) -> [FeedEntry]? {
        guard let body = tree.body else { return nil }
        let declaredArticle = declaresArticle(tree)
        ItemFurniture.prune(body)
        // The publisher says the page is one article (Open Graph `og:type`): its lists are side lists.
        if declaredArticle { return nil }
        guard let list = RepeatedBlockDetector.detect(in: body) else { return nil }
        let article = MainContentFinder.paragraphTextLength(in: body, excluding: list.blocks.map(\.node))
        if article >= articleTextThreshold && (list.isSecondary || article * 2 >= list.textLength) { return nil }
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
    /// main content from `ContentExtractor`, or from `MainContentFinder` when the extractor finds none.
    static func watchEntry(_ body: [UInt8], tree: XMLTree, request: ParseRequest,
                           resolver: PageURLResolver) -> FeedEntry {
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
            // `detectBlocks` already pruned the furniture.
            let main = MainContentFinder.mainNode(in: bodyNode)
            let text = main.blockText
            entry.text = text.isEmpty ? nil : text
            let clean = HTMLSanitizer.sanitize(HTMLFragmentWriter.innerHTML(of: main), baseURL: resolver.base?.absoluteString)
            entry.content = clean.isEmpty ? nil : clean
        }
        if entry.title == nil {
            entry.title = tree.body?.firstDescendant(named: ["h1"]).map(\.inlineText).flatMap(nonEmpty) ?? tree.pageTitle
        }
        // Whatever found the text, a line that is only a furniture label ("DOWNLOAD THE APP",
        // "No comments yet...") is not part of the page's content.
        entry.text = entry.text.map { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                !ItemFurniture.isWidgetPhrase(String(line)) && !ItemFurniture.isLabelPhrase(String(line))
            }.joined(separator: "\n")
        }.flatMap(nonEmpty)
        return entry
    }
}
