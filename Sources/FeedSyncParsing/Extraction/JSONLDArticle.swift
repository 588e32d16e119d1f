import Foundation

/// The schema.org article a page describes in `<script type="application/ld+json">`.
struct JSONLDArticle {
    var name: String?
    var headline: String?
    var author: String?
    var datePublished: String?
    var articleBody: String?
    var publisher: String?
    var websiteName: String?

    /// Types that describe an article (Readability's list).
    static let articleTypes: Set<String> = [
        "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
        "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "Report",
        "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
    ]

    /// Reads the first article object found in the blocks (objects, arrays, `@graph`).
    static func parse(_ blocks: [String]) -> JSONLDArticle {
        var result = JSONLDArticle()
        var found = false
        for block in blocks {
            guard let root = decode(block) else { continue }
            var queue: [Any] = [root]
            var visited = 0
            while !queue.isEmpty, visited < 500 {
                let item = queue.removeFirst()
                visited += 1
                if let arr = item as? [Any] { queue.append(contentsOf: arr); continue }
                guard let obj = item as? [String: Any] else { continue }
                if let graph = obj["@graph"] { queue.append(graph) }
                let types = typeNames(obj["@type"])
                if types.contains("WebSite"), result.websiteName == nil, let n = string(obj["name"]) {
                    result.websiteName = n
                }
                if !found, !types.isDisjoint(with: articleTypes) {
                    found = true
                    result.name = string(obj["name"])
                    result.headline = string(obj["headline"])
                    result.author = authorNames(obj["author"])
                    result.datePublished = string(obj["datePublished"]) ?? string(obj["dateCreated"])
                    // Paragraph breaks matter in the body; only its ends are trimmed.
                    if let body = obj["articleBody"] as? String {
                        let t = body.trimmingCharacters(in: .whitespacesAndNewlines)
                        result.articleBody = t.isEmpty ? nil : HTMLEntities.decodeBasic(t)
                    }
                    if let p = obj["publisher"] as? [String: Any] { result.publisher = string(p["name"]) }
                }
            }
        }
        return result
    }

    /// JSON from a script block, tolerating raw control characters inside strings (common).
    private static func decode(_ text: String) -> Any? {
        let cleaned = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
            .trimmingCharacters(in: .whitespaces)
        var body = cleaned
        // Some CMSs wrap the JSON in an HTML comment or CDATA section.
        for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")] {
            if body.hasPrefix(open), body.hasSuffix(close) {
                body = String(body.dropFirst(open.count).dropLast(close.count))
            }
        }
        guard let data = body.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    private static func typeNames(_ v: Any?) -> Set<String> {
        if let s = v as? String { return [stripSchema(s)] }
        if let a = v as? [Any] { return Set(a.compactMap { ($0 as? String).map(stripSchema) }) }
        return []
    }

    private static func stripSchema(_ s: String) -> String {
        if let r = s.range(of: "/", options: .backwards) { return String(s[r.upperBound...]) }
        return s
    }

    private static func string(_ v: Any?) -> String? {
        if let s = v as? String {
            let t = s.collapsingWhitespace()
            return t.isEmpty ? nil : HTMLEntities.decodeBasic(t)
        }
        if let a = v as? [Any], let first = a.first { return string(first) }
        return nil
    }

    /// `author` as a string, an object with `name`, or a list of either: names joined by ", ".
    private static func authorNames(_ v: Any?) -> String? {
        if let s = string(v as? String) { return s }
        if let o = v as? [String: Any] { return string(o["name"]) }
        if let a = v as? [Any] {
            let names = a.compactMap { item -> String? in
                if let s = item as? String { return string(s) }
                if let o = item as? [String: Any] { return string(o["name"]) }
                return nil
            }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        }
        return nil
    }
}
