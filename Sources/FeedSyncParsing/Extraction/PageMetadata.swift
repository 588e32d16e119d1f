import FeedSyncCore

/// What a page says about itself: title, author, date, site name, the article text it declares in
/// JSON-LD, and the next page of a multi-page article. Read before any cleaning (it needs the
/// `<head>` and the `<script type="application/ld+json">` blocks that cleaning drops).
struct PageMetadata {
    var title: String?
    var byline: String?
    var published: Timestamp?
    var siteName: String?
    /// schema.org `articleBody` from JSON-LD: a guide to the article container, never output as is.
    var articleBody: String?
    /// `rel="next"` of a paginated article (unresolved).
    var nextPage: String?
    /// `<html lang>`.
    var language: String?
    /// The first `<base href>` (unresolved).
    var baseHref: String?

    /// Raw facts gathered in one walk over the document.
    struct Facts {
        var meta: [String: String] = [:]
        var jsonLD: [String] = []
        var documentTitle: String?
        var headings: [String] = []
        var h1s: [String] = []
        var authorLinks: [String] = []
        var authorNodes: [String] = []
        var bylineNodes: [String] = []
        var times: [(datetime: String, preferred: Bool)] = []
        var nextPage: String?
        var language: String?
        var baseHref: String?
    }

    static func read(root: XMLNode) -> PageMetadata {
        let facts = gather(root)
        var m = PageMetadata()
        let ld = JSONLDArticle.parse(facts.jsonLD)
        m.language = facts.language
        m.siteName = nonEmpty(facts.meta["og:site_name"]) ?? ld.publisher ?? ld.websiteName
            ?? nonEmpty(facts.meta["application-name"])
        m.title = chooseTitle(facts, ld)
        m.byline = chooseByline(facts, ld)
        m.published = choosePublished(facts, ld)
        m.articleBody = ld.articleBody
        m.nextPage = facts.nextPage
        m.baseHref = facts.baseHref
        return m
    }

    private static func gather(_ root: XMLNode) -> Facts {
        var f = Facts()
        f.language = root.attribute("lang")
        for e in [root] + root.descendantElements() {
            switch e.name {
            case "meta":
                guard let content = e.attribute("content")?.collapsingWhitespace(), !content.isEmpty else { continue }
                for key in ["property", "name", "itemprop"] {
                    guard let k = e.attribute(key)?.lowercased() else { continue }
                    for part in k.split(separator: " ") where f.meta[String(part)] == nil {
                        f.meta[String(part)] = content
                    }
                }
            case "script":
                if let t = e.attribute("type")?.lowercased(), t.contains("ld+json") { f.jsonLD.append(e.textContent) }
            case "title":
                if f.documentTitle == nil, !(e.ancestors().contains { $0.name == "svg" }) {
                    f.documentTitle = e.textContent.collapsingWhitespace()
                }
            case "h1":
                f.h1s.append(e.textContent.collapsingWhitespace())
                f.headings.append(e.textContent.collapsingWhitespace())
            case "h2":
                f.headings.append(e.textContent.collapsingWhitespace())
            case "base":
                if f.baseHref == nil, let h = e.attribute("href")?.trimmingHTTPWhitespace(), !h.isEmpty { f.baseHref = h }
            case "link":
                if f.nextPage == nil, relContains(e, "next"), let h = e.attribute("href"), !h.isEmpty { f.nextPage = h }
            case "a":
                if relContains(e, "author") { f.authorLinks.append(e.textContent.collapsingWhitespace()) }
                if f.nextPage == nil, relContains(e, "next"), let h = e.attribute("href"), !h.isEmpty,
                   !h.hasPrefix("#") { f.nextPage = h }
            case "time":
                if let d = e.attribute("datetime") {
                    let preferred = e.hasAttribute("pubdate") || (e.attribute("itemprop")?.lowercased() == "datepublished")
                    f.times.append((d, preferred))
                }
            default: break
            }
            if let ip = e.attribute("itemprop")?.lowercased(), ip.contains("author"), e.name != "meta" {
                f.authorNodes.append(e.textContent.collapsingWhitespace())
            } else if e.name != "meta", e.name != "body", e.name != "html",
                      BoilerplateLexicon.containsAny(e.classAndID, ["byline", "writtenby", "p-author"]) {
                let t = e.textContent.collapsingWhitespace()
                if !t.isEmpty && t.count < 100 { f.bylineNodes.append(t) }
            }
        }
        return f
    }

    private static func relContains(_ e: XMLNode, _ word: String) -> Bool {
        guard let rel = e.attribute("rel")?.lowercased() else { return false }
        return rel.split(separator: " ").contains { $0 == word }
    }

    // MARK: choices

    /// JSON-LD, then Dublin Core / OpenGraph / Twitter / Parse.ly titles, then the cleaned `<title>`,
    /// then the only `h1`.
    static func chooseTitle(_ f: Facts, _ ld: JSONLDArticle) -> String? {
        let cleaned = f.documentTitle.map { TitleCleaner.clean($0, headings: f.headings, h1s: f.h1s) }
        if let name = ld.name, let headline = ld.headline, name != headline {
            // Some sites put their own name in `name`: pick whichever matches the page title.
            let reference = TokenBag(cleaned ?? "")
            let nameMatches = TokenBag(name).f1(against: reference) > 0.75
            let headlineMatches = TokenBag(headline).f1(against: reference) > 0.75
            return headlineMatches && !nameMatches ? headline : name
        }
        if let t = ld.name ?? ld.headline { return t }
        for key in ["dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
                    "title", "twitter:title", "parsely-title"] {
            if let t = nonEmpty(f.meta[key]) { return t }
        }
        if let c = cleaned, !c.isEmpty { return c }
        return f.h1s.first(where: { !$0.isEmpty })
    }

    static func chooseByline(_ f: Facts, _ ld: JSONLDArticle) -> String? {
        if let a = ld.author { return a }
        for key in ["dc:creator", "dcterm:creator", "author", "parsely-author", "article:author", "sailthru.author"] {
            if let t = nonEmpty(f.meta[key]), !looksLikeURL(t) { return t }
        }
        for list in [f.authorLinks, f.authorNodes, f.bylineNodes] {
            if let t = list.first(where: { !$0.isEmpty && $0.count < 100 }) { return t }
        }
        return nil
    }

    static func choosePublished(_ f: Facts, _ ld: JSONLDArticle) -> Timestamp? {
        if let d = ld.datePublished, let t = ISODate.parseAny(d) { return t }
        for key in ["article:published_time", "og:article:published_time", "article:published", "datepublished",
                    "parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date",
                    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "date", "og:published_time",
                    "cxenseparse:recs:publishtime", "article.published"] {
            if let v = f.meta[key], let t = ISODate.parseAny(v) { return t }
        }
        let times = f.times.filter(\.preferred) + f.times.filter { !$0.preferred }
        for t in times { if let ts = ISODate.parseAny(t.datetime) { return ts } }
        return nil
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    private static func looksLikeURL(_ s: String) -> Bool { s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("/") }
}

extension String {
    /// Whitespace runs (including no-break spaces) collapsed to one space, ends trimmed.
    func collapsingWhitespace() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var space = false
        for ch in self {
            if ch.isWhitespace {
                space = !out.isEmpty
            } else {
                if space { out.append(" "); space = false }
                out.append(ch)
            }
        }
        return out
    }
}
