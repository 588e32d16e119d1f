/// Finds the main content of an article page. Implemented by `FeedSyncParsing` with the extractor
/// behind `feedsync extract`, so full-text items and `extract` give the same text for one page.
///
/// Pure, like `FeedParsing`: bytes, base URL and the served Content-Type in; text out. Throws for a
/// page over the parser's per-document limits (a start tag of 100,000 attributes), as a feed or an
/// HTML source over them is refused.
public protocol ArticleExtracting: Sendable {
    func extractArticle(_ body: [UInt8], url: String?, contentType: String?) throws(ParseError) -> ExtractedArticle
}

/// The main content of one article page.
public struct ExtractedArticle: Sendable, Equatable {
    /// Sanitized HTML of the main content.
    public var html: String
    /// Its plain text: paragraphs separated by a blank line.
    public var text: String
    public init(html: String, text: String) { self.html = html; self.text = text }
}
