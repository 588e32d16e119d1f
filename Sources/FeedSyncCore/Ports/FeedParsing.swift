/// Turns fetched bytes into the neutral model. Implemented over libxml2 by `FeedSyncParsing`.
///
/// Parsers are pure: bytes, base URL and charset hint in; model out; no I/O, clock or globals.
public protocol FeedParsing: Sendable {
    func parse(_ body: [UInt8], request: ParseRequest) throws(ParseError) -> FeedDocument
}

/// What a source is declared to be.
public enum SourceType: String, Sendable, CaseIterable {
    case auto, rss, atom, jsonfeed, html
}

/// Selectors for `type = "html"` sources: CSS (subset) or `xpath:` expressions; `@attr` takes an attribute.
public struct SelectorSpec: Sendable, Equatable {
    public var item: String
    public var title: String?
    public var link: String?
    public var date: String?
    public var dateFormat: String?
    public var summary: String?
    public var author: String?
    public var id: String?
    public init(item: String, title: String? = nil, link: String? = nil, date: String? = nil,
                dateFormat: String? = nil, summary: String? = nil, author: String? = nil, id: String? = nil) {
        self.item = item; self.title = title; self.link = link; self.date = date
        self.dateFormat = dateFormat; self.summary = summary; self.author = author; self.id = id
    }
}

/// Context for one parse.
public struct ParseRequest: Sendable {
    /// The document's URL (after redirects): the base for relative links.
    public var url: String?
    /// HTTP `Content-Type` (charset precedence, RFC 3023 rules).
    public var contentType: String?
    /// `Content-Location`, if the server sent one.
    public var contentLocation: String?
    public var type: SourceType
    public var select: SelectorSpec?
    /// `Content-Language`, if the server sent one: the feed's language unless it declares its own.
    public var contentLanguage: String?
    /// The URL is known to serve a feed (it has served one before): with `type = .auto`, an HTML
    /// page in its place is a failed parse that names the page, not a page to watch.
    public var expectsFeed: Bool

    public init(url: String? = nil, contentType: String? = nil, contentLocation: String? = nil,
                type: SourceType = .auto, select: SelectorSpec? = nil, contentLanguage: String? = nil,
                expectsFeed: Bool = false) {
        self.url = url; self.contentType = contentType; self.contentLocation = contentLocation
        self.type = type; self.select = select; self.contentLanguage = contentLanguage
        self.expectsFeed = expectsFeed
    }
}

/// A document that could not be read at all (not even recovered).
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
