import FeedSyncCore

/// One feed of an OPML subscription list.
public struct OPMLFeed: Sendable, Equatable {
    /// The outline's `title`, else its `text`; whitespace collapsed, entities decoded.
    public var title: String?
    /// `xmlUrl`: the feed itself.
    public var xmlURL: String
    /// `htmlUrl`: the site the feed belongs to.
    public var htmlURL: String?
    /// Titles of the enclosing folder outlines, outermost first.
    public var folders: [String]

    public init(title: String?, xmlURL: String, htmlURL: String? = nil, folders: [String] = []) {
        self.title = title; self.xmlURL = xmlURL; self.htmlURL = htmlURL; self.folders = folders
    }
}

/// An OPML subscription list: the feeds in document order, folders flattened into `OPMLFeed.folders`.
public struct OPMLDocument: Sendable, Equatable {
    public var title: String?
    public var feeds: [OPMLFeed]
    /// The document was not well-formed and was repaired (e.g. a bare `&` in a URL).
    public var repaired: Bool

    public init(title: String?, feeds: [OPMLFeed], repaired: Bool = false) {
        self.title = title; self.feeds = feeds; self.repaired = repaired
    }
}
