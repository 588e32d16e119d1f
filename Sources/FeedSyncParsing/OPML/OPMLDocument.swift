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
    /// OPML 2.0 `category`: comma-separated tags (a leading `/` of a category path dropped).
    public var categories: [String]
    /// `feedsync:name`: the source's name in the config it was exported from.
    public var name: String?
    /// `feedsync:type`: the source's `type` when it is not `auto`.
    public var type: String?

    public init(title: String?, xmlURL: String, htmlURL: String? = nil, folders: [String] = [],
                categories: [String] = [], name: String? = nil, type: String? = nil) {
        self.title = title; self.xmlURL = xmlURL; self.htmlURL = htmlURL; self.folders = folders
        self.categories = categories; self.name = name; self.type = type
    }
}

/// The namespace of feedsync's own outline attributes (`feedsync:name`, `feedsync:type`), which
/// other readers ignore (OPML 2.0: "an OPML file may contain elements and attributes not described
/// here ... as long as those elements and attributes are defined in a namespace").
public enum OPMLNamespace {
    public static let feedsync = "https://github.com/feedsync/feedsync/opml/1"
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
