import FeedSyncCore
import Foundation

/// Turns OPML feeds into `[[source]]` entries: names derived from titles (`[a-z0-9._-]`, unique,
/// also against names already taken), URLs that the config accepts, duplicates dropped.
public enum OPMLImport {
    /// One source to add.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var url: String
        /// `type`, from `feedsync:type` (nil: `auto`).
        public var type: String?
        public var feed: OPMLFeed
    }

    /// What an import yields.
    public struct Outcome: Sendable, Equatable {
        public var entries: [Entry] = []
        /// Feeds whose URL is already configured (or listed twice).
        public var duplicates: [OPMLFeed] = []
        /// Feeds with a URL the config cannot take, with the reason.
        public var rejected: [(feed: OPMLFeed, reason: String)] = []

        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.entries == b.entries && a.duplicates == b.duplicates && a.rejected.map(\.feed) == b.rejected.map(\.feed)
        }
    }

    /// - Parameters:
    ///   - takenNames: names already in the config.
    ///   - knownURLs: URLs already in the config.
    public static func entries(for feeds: [OPMLFeed], takenNames: Set<String> = [], knownURLs: Set<String> = []) -> Outcome {
        var result = Outcome()
        var taken = takenNames
        var seen = knownURLs
        for feed in feeds {
            guard let url = normalizeURL(feed.xmlURL) else {
                result.rejected.append((feed, "not an http or https URL: \(feed.xmlURL)"))
                continue
            }
            guard seen.insert(url).inserted else {
                result.duplicates.append(feed)
                continue
            }
            // An exported feedsync name comes back as it was (when it is a valid, free name).
            let exported = feed.name.flatMap { SourceNaming.slug($0) == $0 ? $0 : nil }
            let name = SourceNaming.unique(exported ?? SourceNaming.base(title: feed.title, url: url), taken: &taken)
            let type = feed.type.flatMap { SourceType(rawValue: $0) }.flatMap { $0 == .auto ? nil : $0.rawValue }
            result.entries.append(Entry(name: name, url: url, type: type, feed: feed))
        }
        return result
    }

    /// `http`/`https` URLs as they are; the `feed:` pseudo-schemes some readers export become http(s).
    static func normalizeURL(_ raw: String) -> String? {
        var url = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = url.lowercased()
        if lower.hasPrefix("feed://") {
            url = "http://" + url.dropFirst(7)
        } else if lower.hasPrefix("feed:http://") || lower.hasPrefix("feed:https://") {
            url = String(url.dropFirst(5))
        }
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = c.host, !host.isEmpty else { return nil }
        return url
    }

    /// The entries as TOML, each with a comment naming its title and folder.
    public static func toml(_ entries: [Entry]) -> String {
        var out = ""
        for e in entries {
            var comment = e.feed.title ?? e.name
            if !e.feed.folders.isEmpty { comment = e.feed.folders.joined(separator: " / ") + ": " + comment }
            out += "\n# \(comment.filter { !$0.isNewline })\n"
            out += "[[source]]\nname = \(quote(e.name))\nurl = \(quote(e.url))\n"
            if let type = e.type { out += "type = \(quote(type))\n" }
            let tags = e.feed.categories.filter { !$0.contains(where: \.isNewline) && !$0.contains(",") && $0.count <= 64 }
            if !tags.isEmpty { out += "tags = [\(tags.map(quote).joined(separator: ", "))]\n" }
        }
        return out
    }

    /// A TOML basic string.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Source names (`[a-z0-9._-]`, starting with a letter or digit) derived from feed titles.
public enum SourceNaming {
    /// Longest derived name; longer titles are cut at a word boundary.
    public static let maxLength = 40

    /// A name from the title (accents folded, everything else that is not allowed becomes `-`),
    /// else from the URL's host and path, else `feed`.
    public static func base(title: String?, url: String) -> String {
        if let title, let name = slug(title) { return name }
        if let c = URLComponents(string: url), var host = c.host?.lowercased() {
            if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
            let path = c.path.split(separator: "/").filter { !["feed", "rss", "atom", "index.xml", "feed.xml", "rss.xml"].contains($0.lowercased()) }
            if let name = slug(([host] + path.prefix(2).map(String.init)).joined(separator: "-")) { return name }
        }
        return "feed"
    }

    /// `base`, or `base-2`, `base-3`, ... whichever is not taken yet; records the result as taken.
    public static func unique(_ base: String, taken: inout Set<String>) -> String {
        var name = base
        var n = 2
        while taken.contains(name) {
            let suffix = "-\(n)"
            name = String(base.prefix(maxLength - suffix.count)) + suffix
            n += 1
        }
        taken.insert(name)
        return name
    }

    static func slug(_ text: String) -> String? {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var out = ""
        var lastDash = false
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            let allowed = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || scalar == "." || scalar == "_"
            if allowed {
                out.unicodeScalars.append(scalar)
                lastDash = false
            } else if !lastDash {
                out += "-"
                lastDash = true
            }
        }
        let trimSet = CharacterSet(charactersIn: "-._")
        var name = out.trimmingCharacters(in: trimSet)
        if name.count > maxLength {
            let cut = name.prefix(maxLength)
            if let dash = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: dash) >= maxLength / 2 {
                name = String(cut[..<dash])
            } else {
                name = String(cut)
            }
            name = name.trimmingCharacters(in: trimSet)
        }
        return name.isEmpty ? nil : name
    }
}
