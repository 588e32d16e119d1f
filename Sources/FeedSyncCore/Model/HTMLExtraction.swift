/// How the entries of an HTML page (`FeedDocument.version == "html"`) were found.
public enum HTMLExtraction: String, Sendable, Equatable, CaseIterable {
    /// By the source's `[source.select]` selectors: one entry per matched item.
    case selectors
    /// The page advertises feeds (`FeedDocument.discoveredFeeds`) and has no entries of its own:
    /// poll the first discovered feed instead.
    case autodiscovery
    /// Repeated item blocks (cards, list items with headline links) found without selectors.
    case blocks
    /// Page watch: one entry, the page's main text, whose `id` is the page URL; a change of its text
    /// is a "changed" event for that one entry, not a new item.
    case page
}
