/// Writes an OPML 2.0 subscription list (http://opml.org/spec2.opml): one `type="rss"` outline per
/// feed, grouped into folder outlines when feeds carry folders; tags as `category`, and the source's
/// name and type as `feedsync:` attributes so that `import-opml` restores them.
public enum OPMLWriter {
    /// - Parameter dateCreated: an RFC 822 date for `<dateCreated>`, or nil to omit it.
    public static func render(title: String, feeds: [OPMLFeed], dateCreated: String? = nil) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<opml version=\"2.0\" xmlns:feedsync=\"\(OPMLNamespace.feedsync)\">\n  <head>\n"
        out += "    <title>\(escape(title))</title>\n"
        if let dateCreated { out += "    <dateCreated>\(escape(dateCreated))</dateCreated>\n" }
        out += "    <docs>http://opml.org/spec2.opml</docs>\n  </head>\n  <body>\n"
        var open: [String] = []
        for feed in feeds {
            // Close folders the feed is not in, open the ones it is in (feeds arrive grouped).
            var common = 0
            while common < open.count, common < feed.folders.count, open[common] == feed.folders[common] { common += 1 }
            while open.count > common {
                open.removeLast()
                out += indent(open.count) + "</outline>\n"
            }
            for folder in feed.folders[common...] {
                out += indent(open.count) + "<outline text=\"\(escape(folder))\" title=\"\(escape(folder))\">\n"
                open.append(folder)
            }
            let text = feed.title ?? feed.xmlURL
            var line = indent(open.count) + "<outline type=\"rss\" text=\"\(escape(text))\" title=\"\(escape(text))\""
            line += " xmlUrl=\"\(escape(feed.xmlURL))\""
            if let html = feed.htmlURL { line += " htmlUrl=\"\(escape(html))\"" }
            if !feed.categories.isEmpty {
                // Commas separate categories; a tag cannot carry one.
                let tags = feed.categories.map { $0.replacingOccurrences(of: ",", with: " ") }
                line += " category=\"\(escape(tags.joined(separator: ",")))\""
            }
            if let name = feed.name { line += " feedsync:name=\"\(escape(name))\"" }
            if let type = feed.type { line += " feedsync:type=\"\(escape(type))\"" }
            out += line + "/>\n"
        }
        while !open.isEmpty {
            open.removeLast()
            out += indent(open.count) + "</outline>\n"
        }
        return out + "  </body>\n</opml>\n"
    }

    private static func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth + 2) }

    /// Escapes text for element content and double-quoted attributes; drops characters XML 1.0
    /// cannot carry at all, and writes whitespace controls as references so attributes keep them.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                if v < 0x20 || (v >= 0xFFFE && v <= 0xFFFF) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
