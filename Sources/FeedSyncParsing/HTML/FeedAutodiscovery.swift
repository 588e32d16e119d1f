import Foundation
import FeedSyncCore

/// Finds the feeds a page advertises with `<link rel="alternate" type="...">` (the RSS autodiscovery
/// convention, RFC 4287's `application/atom+xml`, JSON Feed 1.1's `application/feed+json`).
enum FeedAutodiscovery {
    /// Media types of feeds feedsync can read, as pages declare them.
    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml",
        "application/rss", "application/x-rss+xml", "application/x-atom+xml", "text/rss+xml",
    ]

    /// The advertised feeds in page order, resolved and without repeats. Comment feeds (WordPress adds
    /// one per article) go last: the page's own feed is what a source of this page wants.
    static func discover(in tree: XMLTree, resolver: PageURLResolver) -> [FeedLink] {
        guard let root = tree.root else { return [] }
        var links: [FeedLink] = []
        var seen = Set<String>()
        var candidates: [XMLNode] = []
        if root.tag == "link" { candidates.append(root) }
        root.forEachElement { if $0.tag == "link" { candidates.append($0) } }
        for el in candidates {
            let rels = (el.attribute("rel") ?? "").lowercased().split(separator: " ").map(String.init)
            guard rels.contains("alternate"), !rels.contains("stylesheet") else { continue }
            let type = (el.attribute("type") ?? "").lowercased()
                .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard feedTypes.contains(type), let raw = el.attribute("href"),
                  let href = resolver.resolve(raw), seen.insert(href).inserted else { continue }
            let title = el.attribute("title").map { XMLNode.collapseWhitespace($0) }.flatMap { $0.isEmpty ? nil : $0 }
            links.append(FeedLink(href: href, rel: "alternate", type: type, title: title))
        }
        let isComments: (FeedLink) -> Bool = {
            ($0.title?.lowercased().contains("comments") ?? false) || $0.href.lowercased().contains("/comments/")
        }
        return links.filter { !isComments($0) } + links.filter(isComments)
    }
}
