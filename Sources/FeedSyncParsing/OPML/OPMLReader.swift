import Foundation
import FeedSyncCore

/// Reads OPML 1.0/2.0 subscription lists as real readers export them: folders nested to any depth,
/// entity references in titles, attribute names in any case (`xmlUrl`, `xmlurl`), and the common
/// breakage of a bare `&` in a URL, which is repaired.
public enum OPMLReader {
    public static func read(_ bytes: [UInt8]) throws(ParseError) -> OPMLDocument {
        var repaired = false
        var tree = XMLTree.parseXML(bytes, url: nil, encoding: nil, recover: false)
        if tree == nil {
            repaired = true
            tree = XMLTree.parseXML(escapeBareAmpersands(bytes), url: nil, encoding: nil, recover: true)
        }
        guard let tree, let root = tree.root else { throw ParseError("not an XML document") }
        guard root.name.lowercased() == "opml" else {
            throw ParseError("not an OPML document (root element <\(root.name)>)")
        }
        var title: String?
        var feeds: [OPMLFeed] = []
        for section in root.elementChildren {
            switch section.name.lowercased() {
            case "head":
                if let t = section.elementChildren.first(where: { $0.name.lowercased() == "title" }) {
                    title = cleanTitle(t.textContent)
                }
            case "body":
                collect(section, folders: [], into: &feeds)
            default:
                break
            }
        }
        return withExtendedLifetime(tree) { OPMLDocument(title: title, feeds: feeds, repaired: repaired) }
    }

    /// Walks outlines depth-first: an outline with a feed URL is a feed, any other is a folder.
    private static func collect(_ node: XMLNode, folders: [String], into feeds: inout [OPMLFeed]) {
        for outline in node.elementChildren where outline.name.lowercased() == "outline" {
            var attrs: [String: String] = [:]
            var own: [String: String] = [:]
            for a in outline.attributes {
                if a.ns == nil { attrs[a.name.lowercased()] = a.value }
                if a.ns == OPMLNamespace.feedsync { own[a.name] = a.value }
            }
            let title = cleanTitle(attrs["title"] ?? "") ?? cleanTitle(attrs["text"] ?? "")
            var feedURL = attrs["xmlurl"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            if feedURL?.isEmpty != false, let type = attrs["type"]?.lowercased(), type == "rss" || type == "atom" {
                feedURL = attrs["url"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if let feedURL, !feedURL.isEmpty {
                let html = attrs["htmlurl"]?.trimmingCharacters(in: .whitespacesAndNewlines)
                feeds.append(OPMLFeed(title: title, xmlURL: feedURL, htmlURL: html?.isEmpty == false ? html : nil,
                                      folders: folders, categories: categories(attrs["category"]),
                                      name: own["name"], type: own["type"]))
                collect(outline, folders: folders, into: &feeds)
            } else {
                collect(outline, folders: folders + (title.map { [$0] } ?? []), into: &feeds)
            }
        }
    }

    /// OPML 2.0 `category`: "a string of comma-separated slash-delimited category strings"; each
    /// becomes one tag, its leading slash dropped (`/Tech/Swift` -> `Tech/Swift`).
    public static func categories(_ raw: String?) -> [String] {
        guard let raw else { return [] }
        var tags: [String] = []
        for part in raw.split(separator: ",") {
            var tag = part.trimmingCharacters(in: .whitespacesAndNewlines)
            while tag.hasPrefix("/") { tag.removeFirst() }
            if !tag.isEmpty && !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }

    /// Collapses whitespace and decodes entity references left in the text by exporters that escape
    /// twice (`AT&amp;amp;T` arrives as `AT&amp;T`): OPML titles are plain text.
    static func cleanTitle(_ raw: String) -> String? {
        let collapsed = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let decoded = HTMLEntities.decodeBasic(collapsed)
        return decoded.isEmpty ? nil : decoded
    }

    /// Escapes every `&` that does not start an entity or character reference: hand-written OPML
    /// often carries `xmlUrl="...?a=1&b=2"`, which is not well-formed XML.
    static func escapeBareAmpersands(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            out.append(b)
            if b == UInt8(ascii: "&") && !startsReference(bytes, at: i + 1) {
                out += Array("amp;".utf8)
            }
            i += 1
        }
        return out
    }

    /// Whether `bytes[at...]` is `name;`, `#digits;` or `#xhex;`.
    private static func startsReference(_ bytes: [UInt8], at start: Int) -> Bool {
        var j = start
        var sawChar = false
        while j < bytes.count, j - start < 32 {
            let c = bytes[j]
            if c == UInt8(ascii: ";") { return sawChar }
            let isName = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
                || c == UInt8(ascii: "#") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            guard isName else { return false }
            sawChar = true
            j += 1
        }
        return false
    }
}
