import FeedSyncCore
import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into the neutral model.
enum JSONFeedParser {
    static func parse(_ body: [UInt8], detector: CharsetDetector, request: ParseRequest) throws(ParseError) -> FeedDocument {
        var problems: [String] = []
        var encoding = "utf-8"
        var text = body
        if let decoded = detector.decode(body) {
            text = Array(decoded.bytes[decoded.start...])
            encoding = decoded.encoding
            if let p = decoded.problem, decoded.encoding != detector.declared { problems.append(p) }
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])
        } catch {
            throw ParseError("not a JSON document: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw ParseError("a JSON Feed must be a JSON object") }
        let base = FeedParser.baseURI(request)
        var doc = FeedDocument(encoding: encoding)
        switch (root["version"] as? String)?.pythonStripped() {
        case "https://jsonfeed.org/version/1": doc.version = "json1"
        case "https://jsonfeed.org/version/1.1": doc.version = "json11"
        default: doc.version = "json"
        }
        var info = FeedInfo()
        info.title = (root["title"] as? String).map { textOrHTML($0, base: base) }
        info.subtitle = (root["description"] as? String).map { textOrHTML($0, base: base) }
        if let home = string(root["home_page_url"]) {
            info.link = home
            info.links.append(FeedLink(href: home, rel: "alternate"))
        }
        if let feedURL = string(root["feed_url"]) {
            info.id = feedURL
            info.links.append(FeedLink(href: feedURL, rel: "self", title: info.title))
        }
        if let next = string(root["next_url"]) { info.links.append(FeedLink(href: next, rel: "next")) }
        info.language = string(root["language"])
        info.authors = authors(root)
        info.author = info.authors.first
        doc.feed = info
        for case let item as [String: Any] in (root["items"] as? [Any]) ?? [] {
            doc.entries.append(entry(item, base: base))
        }
        doc.bozo = !problems.isEmpty
        doc.bozoReason = problems.first
        return doc
    }

    private static func entry(_ item: [String: Any], base: String) -> FeedEntry {
        var e = FeedEntry()
        switch item["id"] {
        case let s as String: e.id = s.pythonStripped()
        case let b as Bool where type(of: item["id"]!) == Bool.self: e.id = b ? "true" : "false"
        case let n as NSNumber: e.id = n.stringValue
        default: break
        }
        e.title = (item["title"] as? String).map { textOrHTML($0, base: base) }
        if let url = string(item["url"]) {
            e.link = URLResolver.join(base, url)
            e.links.append(FeedLink(href: e.link ?? url, rel: "alternate", type: "text/html"))
        }
        if let external = string(item["external_url"]) { e.links.append(FeedLink(href: external, rel: "related")) }
        if let html = item["content_html"] as? String {
            e.content = HTMLSanitizer.sanitize(html, baseURL: base).pythonStripped()
        } else if let text = item["content_text"] as? String {
            e.content = text
        }
        e.summary = (item["summary"] as? String).map { textOrHTML($0, base: base) }
        e.published = string(item["date_published"]).flatMap(DateParser.parse)
        e.updated = string(item["date_modified"]).flatMap(DateParser.parse)
        e.authors = authors(item)
        e.author = e.authors.first
        for case let tag as String in (item["tags"] as? [Any]) ?? [] { e.categories.append(Category(term: tag)) }
        for case let a as [String: Any] in (item["attachments"] as? [Any]) ?? [] {
            guard let url = string(a["url"]) else { continue }
            let length = (a["size_in_bytes"] as? NSNumber).map { $0.int64Value }
            e.enclosures.append(Enclosure(url: URLResolver.join(base, url), type: string(a["mime_type"]), length: length))
            e.links.append(FeedLink(href: url, rel: "enclosure", type: string(a["mime_type"]),
                                    length: length.map { String($0) }))
        }
        if let html = e.content ?? e.summary {
            let t = item["content_html"] == nil && item["content_text"] != nil ? html : PlainText.render(html: html)
            e.text = t.isEmpty ? nil : t
        }
        return e
    }

    /// JSON Feed 1.1 `authors`, else 1.0 `author`.
    private static func authors(_ object: [String: Any]) -> [Person] {
        var list: [[String: Any]] = (object["authors"] as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
        if list.isEmpty, let single = object["author"] as? [String: Any] { list = [single] }
        return list.compactMap { a in
            var p = Person(name: string(a["name"]))
            if let url = string(a["url"]) {
                p.uri = url
                if url.hasPrefix("mailto:") {
                    p.email = String(url.dropFirst(7).split(separator: "?", maxSplits: 1).first ?? "")
                }
            }
            return p.name == nil && p.uri == nil ? nil : p
        }
    }

    private static func string(_ v: Any?) -> String? {
        guard let s = v as? String else { return nil }
        let t = s.pythonStripped()
        return t.isEmpty ? nil : t
    }

    /// A text field: sanitized if it looks like HTML, else as is.
    private static func textOrHTML(_ s: String, base: String) -> String {
        let t = s.pythonStripped()
        return HTMLHeuristics.looksLikeHTML(Array(t.utf8)) ? HTMLSanitizer.sanitize(t, baseURL: base) : t
    }
}
