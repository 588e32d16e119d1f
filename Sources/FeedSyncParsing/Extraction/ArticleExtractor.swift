import FeedSyncCore

/// The Enrich stage's extractor: the same `ContentExtractor` as `feedsync extract`, so a
/// full-text item carries exactly the text `extract` prints for its page.
public struct ArticleExtractor: ArticleExtracting {
    public init() {}

    public func extractArticle(_ body: [UInt8], url: String?, contentType: String?) -> ExtractedArticle {
        let page = ContentExtractor.extract(body, url: url, contentType: contentType)
        return ExtractedArticle(html: page.html, text: page.text)
    }
}
