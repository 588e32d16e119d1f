/// The neutral parse model (DESIGN.md §4): what every parser produces, whatever the format.
///
/// Text fields hold what a consumer sees: entities decoded, relative URLs resolved, HTML sanitized.
public struct FeedDocument: Sendable, Equatable {
    /// `rss20`, `rss10`, `rss090`, `rss091u`, `rss092`, `atom10`, `atom03`, `cdf`, `json11`, `html`, ...
    public var version: String
    /// True when the document was not well-formed (or not properly encoded) and was recovered.
    public var bozo: Bool
    /// Why `bozo` is set, for logs.
    public var bozoReason: String?
    /// The character encoding the document was decoded with (lower-case IANA/Python-style name).
    public var encoding: String
    public var feed: FeedInfo
    public var entries: [FeedEntry]
    /// Publisher hints on how often to poll (RSS `<ttl>`, `sy:updatePeriod`), in seconds.
    public var ttlSeconds: Int?
    /// HTML pages only: how the entries were found; nil for feeds.
    public var htmlExtraction: HTMLExtraction?
    /// HTML pages only: the feeds the page advertises (`<link rel="alternate">`), best first. With
    /// `htmlExtraction == .autodiscovery` there are no entries: poll `discoveredFeeds[0]` instead of the
    /// page. With `type = "html"` they are only reported and the page's own entries are there.
    public var discoveredFeeds: [FeedLink] = []

    public init(version: String = "", bozo: Bool = false, bozoReason: String? = nil, encoding: String = "utf-8",
                feed: FeedInfo = FeedInfo(), entries: [FeedEntry] = [], ttlSeconds: Int? = nil) {
        self.version = version; self.bozo = bozo; self.bozoReason = bozoReason; self.encoding = encoding
        self.feed = feed; self.entries = entries; self.ttlSeconds = ttlSeconds
    }
}

/// Channel- or feed-level metadata.
public struct FeedInfo: Sendable, Equatable {
    public var title: String?
    public var link: String?
    public var links: [FeedLink] = []
    public var subtitle: String?
    public var id: String?
    public var language: String?
    public var rights: String?
    public var updated: Timestamp?
    public var published: Timestamp?
    public var author: Person?
    public var authors: [Person] = []
    public var categories: [Category] = []

    public init() {}
}

/// One item of a feed, or one block of an HTML page.
public struct FeedEntry: Sendable, Equatable {
    public var title: String?
    public var link: String?
    public var links: [FeedLink] = []
    /// RSS `guid`, Atom `id`, JSON Feed `id`.
    public var id: String?
    /// Sanitized HTML (RSS description, Atom summary).
    public var summary: String?
    /// Sanitized HTML of the first content element.
    public var content: String?
    /// Plain-text rendition of content (else summary), for the spool's `text` field.
    public var text: String?
    public var published: Timestamp?
    public var updated: Timestamp?
    public var rights: String?
    public var author: Person?
    public var authors: [Person] = []
    public var categories: [Category] = []
    public var enclosures: [Enclosure] = []

    public init() {}
}

public struct Person: Sendable, Equatable, Hashable {
    public var name: String?
    public var email: String?
    public var uri: String?
    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name; self.email = email; self.uri = uri
    }
    /// What a reader would call this author: the name, else the e-mail, else the URI.
    public var displayName: String? { name ?? email ?? uri }
}

public struct FeedLink: Sendable, Equatable, Hashable {
    public var href: String
    public var rel: String?
    public var type: String?
    public var title: String?
    public var length: String?
    public var hreflang: String?
    public init(href: String, rel: String? = nil, type: String? = nil, title: String? = nil,
                length: String? = nil, hreflang: String? = nil) {
        self.href = href; self.rel = rel; self.type = type; self.title = title
        self.length = length; self.hreflang = hreflang
    }
}

public struct Category: Sendable, Equatable, Hashable {
    public var term: String
    public var scheme: String?
    public var label: String?
    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term; self.scheme = scheme; self.label = label
    }
}

public struct Enclosure: Sendable, Equatable, Hashable {
    public var url: String
    public var type: String?
    public var length: Int64?
    public init(url: String, type: String? = nil, length: Int64? = nil) {
        self.url = url; self.type = type; self.length = length
    }
}
