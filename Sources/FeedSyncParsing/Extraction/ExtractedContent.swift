import FeedSyncCore

/// The main content of an HTML page, boilerplate removed.
public struct ExtractedContent: Sendable, Equatable {
    /// The article's title (JSON-LD, OpenGraph and similar metadata, else the cleaned `<title>`).
    public var title: String?
    /// The author(s) as the page names them.
    public var byline: String?
    /// When the article was first published, if the page says.
    public var published: Timestamp?
    /// Plain text: paragraphs separated by a blank line, lines within a block by a newline.
    public var text: String
    /// Sanitized HTML of the main content.
    public var html: String
    /// The site's name (`og:site_name`, JSON-LD publisher).
    public var siteName: String?
    /// The next page of a multi-page article (`rel="next"`), resolved against the page URL.
    public var nextPage: String?

    public init(title: String? = nil, byline: String? = nil, published: Timestamp? = nil, text: String = "",
                html: String = "", siteName: String? = nil, nextPage: String? = nil) {
        self.title = title; self.byline = byline; self.published = published; self.text = text; self.html = html
        self.siteName = siteName; self.nextPage = nextPage
    }
}
