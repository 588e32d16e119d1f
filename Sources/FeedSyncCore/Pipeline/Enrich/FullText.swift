/// What the Enrich stage found for one new item of a `full_text` source.
public enum FullText: Sendable, Equatable {
    /// The linked article's main content.
    case article(ExtractedArticle)
    /// Why there is none (a failed fetch, a page that is not HTML, no main content): the item is
    /// delivered with the feed's content and this as `full_text_error`.
    case failed(String)
}
