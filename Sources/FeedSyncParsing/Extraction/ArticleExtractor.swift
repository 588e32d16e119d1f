import FeedSyncCore

/// The Enrich stage's extractor: the same `ContentExtractor` as `feedsync extract`, so a
/// full-text item carries exactly the text `extract` prints for its page. A page over `limits` is
/// refused before libxml2 reads it, as `FeedParser` refuses an HTML source over them.
public struct ArticleExtractor: ArticleExtracting {
    let limits: ParseLimits
    public init(limits: ParseLimits = ParseLimits()) { self.limits = limits }

    public func extractArticle(_ body: [UInt8], url: String?, contentType: String?) throws(ParseError) -> ExtractedArticle {
        let refusal = body.withUnsafeBufferPointer { StartTagScanner.check($0, limits: limits, html: true) }
        if let refusal { throw ParseError(refusal) }
        let page = ContentExtractor.extract(body, url: url, contentType: contentType)
        return ExtractedArticle(html: page.html, text: page.text)
    }
}
