import CLibXML2
import FeedSyncCore

/// `type = "html"` sources with `[source.select]`.
extension HTMLSourceParser {
    /// The compiled selectors of one source, compiled once per page.
    private struct CompiledSpec {
        let item: CompiledXPath
        let title: CompiledXPath?
        let link: CompiledXPath?
        let date: CompiledXPath?
        let summary: CompiledXPath?
        let author: CompiledXPath?
        let id: CompiledXPath?
        let dateFormat: DateFormatParser?

        init(_ spec: SelectorSpec) throws(ParseError) {
            func compile(_ s: String?) throws(ParseError) -> CompiledXPath? {
                guard let s else { return nil }
                let selector = try HTMLSelector(s)
                guard let compiled = CompiledXPath(selector.xpath) else {
                    throw ParseError("invalid selector \"\(s)\": libxml2 rejected \(selector.xpath)")
                }
                return compiled
            }
            guard let item = try compile(spec.item) else { throw ParseError("invalid selector: item is required") }
            self.item = item
            title = try compile(spec.title)
            link = try compile(spec.link)
            date = try compile(spec.date)
            summary = try compile(spec.summary)
            author = try compile(spec.author)
            id = try compile(spec.id)
            dateFormat = try spec.dateFormat.map { (f: String) throws(ParseError) in try DateFormatParser(f) }
        }
    }

    /// One entry per element the `item` selector matches, in page order. Items that yield no title, no
    /// link and no summary are skipped (an empty match is not an item).
    static func selectEntries(_ tree: XMLTree, spec: SelectorSpec, resolver: PageURLResolver) throws(ParseError) -> [FeedEntry] {
        let compiled = try CompiledSpec(spec)
        guard let xpath = XPathEvaluator(tree: tree) else { throw ParseError("cannot evaluate selectors (out of memory)") }
        guard case .nodes(let items) = xpath.evaluate(compiled.item, at: tree.documentNode) else {
            throw ParseError("invalid selector \"\(spec.item)\": item must select elements, not a value")
        }
        let stats = StatsCache()
        var entries: [FeedEntry] = []
        for item in items where item.isElement {
            var entry = FeedEntry()
            func value(_ expr: CompiledXPath?) -> String? {
                guard let expr else { return nil }
                return Self.textValue(xpath.evaluate(expr, at: item))
            }
            // Link: the selected value, else the item itself when it is a link, else its first link.
            let defaultLink = item.tag == "a" && item.attribute("href") != nil ? item : item.firstDescendant(named: ["a"])
            if let raw = compiled.link != nil ? value(compiled.link) : defaultLink?.attribute("href") {
                entry.link = resolver.resolve(raw)
            }
            if compiled.title != nil {
                entry.title = value(compiled.title)
            } else {
                let heading = item.firstDescendant(named: RepeatedBlockDetector.headingTags)?.inlineText
                entry.title = nonEmpty(heading) ?? nonEmpty(defaultLink?.inlineText)
            }
            if let raw = value(compiled.date) {
                entry.published = compiled.dateFormat?.parse(raw) ?? DateParser.parse(raw)
            }
            if let name = value(compiled.author) {
                let person = Person(name: name)
                entry.author = person
                entry.authors = [person]
            }
            entry.id = value(compiled.id)
            if let summaryExpr = compiled.summary {
                if let html = summaryHTML(xpath.evaluate(summaryExpr, at: item), stats: stats) {
                    let clean = HTMLSanitizer.sanitize(html, baseURL: resolver.base?.absoluteString)
                    if !clean.isEmpty {
                        entry.summary = clean
                        entry.text = PlainText.render(html: clean)
                    }
                }
            } else if let content = extractedSummary(of: item, title: entry.title, base: resolver.base?.absoluteString) {
                entry.summary = content.html
                entry.text = content.text
            }
            guard entry.title != nil || entry.link != nil || entry.summary != nil else { continue }
            entries.append(entry)
        }
        return entries
    }

    /// The summary of an item without a `summary` selector: its main content as `ContentExtractor`
    /// reads the item as a page of its own, less the heading that is the item's title. None when that
    /// adds less than a paragraph to the title (the items of a headline list are a link and a date).
    static func extractedSummary(of item: XMLNode, title: String?, base: String?) -> (html: String, text: String)? {
        var skip = Set<xmlNodePtr>()
        if let title, let heading = item.descendants(named: RepeatedBlockDetector.headingTags).first(where: { $0.inlineText == title }) {
            skip.insert(heading.ptr)
        }
        let fragment = HTMLFragmentWriter.outerHTML(of: item, skipping: skip)
        let content = ContentExtractor.extract(fragment: fragment, title: title, url: base)
        var rest = Substring(content.text)
        if let title, let r = rest.range(of: title) { rest.removeSubrange(r) }
        let added = rest.split(whereSeparator: \.isWhitespace).joined(separator: " ").unicodeScalars.count
        guard added >= CandidateScorer.minParagraphChars, !content.html.isEmpty else { return nil }
        return (content.html, content.text)
    }

    /// A single-valued field: the first matched node's value (attribute value, text, or an element's
    /// visible text), whitespace collapsed; nil when empty.
    static func textValue(_ result: XPathResult) -> String? {
        switch result {
        case .scalar(let s):
            return nonEmpty(XMLNode.collapseWhitespace(s))
        case .nodes(let nodes):
            guard let n = nodes.first else { return nil }
            let raw = n.isElement ? n.inlineText : n.textContent
            return nonEmpty(XMLNode.collapseWhitespace(raw))
        }
    }

    /// The summary markup: one element's inner HTML, several elements' outer HTML joined (`summary = "p"`
    /// keeps every paragraph), a value escaped as text. Boilerplate inside (share bars, promos, comment
    /// widgets, as `BoilerplateFilter` finds it with the element as its page) is left out.
    static func summaryHTML(_ result: XPathResult, stats: StatsCache) -> String? {
        switch result {
        case .scalar(let s):
            return nonEmpty(HTMLFragmentWriter.escape(s, attribute: false))
        case .nodes(let nodes):
            let elements = nodes.filter(\.isElement)
            if elements.isEmpty {
                guard let n = nodes.first else { return nil }
                return nonEmpty(HTMLFragmentWriter.escape(n.textContent, attribute: false))
            }
            func boilerplate(in element: XMLNode) -> Set<xmlNodePtr> {
                Set(BoilerplateFilter(root: element, stats: stats).findings().map(\.node.ptr))
            }
            if elements.count == 1, let only = elements.first {
                return nonEmpty(HTMLFragmentWriter.innerHTML(of: only, skipping: boilerplate(in: only)))
            }
            let parts = elements.map { HTMLFragmentWriter.outerHTML(of: $0, skipping: boilerplate(in: $0)) }
            return nonEmpty(parts.joined(separator: "\n"))
        }
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.allSatisfy(\.isWhitespace) else { return nil }
        return s
    }
}
