/// One delivered item: what a spool file (and a `tail` line) holds.
public struct SpoolItem: Sendable {
    /// What happened: a new item, an item changed upstream (`on_update = "emit"`), or a watched
    /// page whose text changed.
    public enum Event: String, Sendable { case new, updated, changed }

    /// Stable item id: the per-source key.
    public var id: String
    public var event: Event
    public var source: String
    public var sourceURL: String
    public var feedTitle: String?
    public var feedLink: String?
    public var entry: FeedEntry
    public var fetchedAt: Timestamp
    /// The first copy of this story from another source (cross-source near-duplicate).
    public var duplicateOf: (id: String, source: String)?
    /// Content hash before an update.
    public var previousHash: String?
    /// For `changed` page-watch events: a unified diff of the text.
    public var diff: String?
    /// The source's `tags`.
    public var tags: [String] = []
    /// `full_text`: why the item carries the feed's content instead of its article's.
    public var fullTextError: String?

    public init(id: String, event: Event, source: String, sourceURL: String, feedTitle: String?, feedLink: String?,
                entry: FeedEntry, fetchedAt: Timestamp) {
        self.id = id; self.event = event; self.source = source; self.sourceURL = sourceURL
        self.feedTitle = feedTitle; self.feedLink = feedLink; self.entry = entry; self.fetchedAt = fetchedAt
    }

    /// The item JSON of DESIGN.md §3. Absent values are omitted, never invented.
    public var jsonValue: JSONValue {
        var o = JSONObjectBuilder()
        o.add("id", id)
        o.add("event", event.rawValue)
        o.add("source", source)
        o.add("source_url", sourceURL)
        var feed = JSONObjectBuilder()
        feed.add("title", feedTitle.map(InlineText.plain))
        feed.add("link", feedLink)
        if !feed.pairs.isEmpty { o.add("feed", feed.value) }
        o.add("title", entry.title.map(InlineText.plain))
        o.add("link", entry.link)
        o.add("guid", entry.id)
        let authors = (entry.authors.isEmpty ? (entry.author.map { [$0] } ?? []) : entry.authors).compactMap(\.displayName)
        o.add("authors", nonEmpty: authors.map { .string($0) })
        o.add("published", entry.published)
        o.add("updated", entry.updated)
        o.add("categories", nonEmpty: entry.categories.map { .string($0.label ?? $0.term) })
        o.add("summary", entry.summary)
        o.add("content", entry.content)
        o.add("text", entry.text)
        o.add("enclosures", nonEmpty: entry.enclosures.map(\.jsonValue))
        o.add("fetched_at", fetchedAt)
        o.add("tags", nonEmpty: tags.map { .string($0) })
        if let d = duplicateOf {
            o.add("duplicate_of", .object([("id", .string(d.id)), ("source", .string(d.source))]))
        }
        o.add("previous_hash", previousHash)
        o.add("diff", diff)
        o.add("full_text_error", fullTextError)
        return o.value
    }
}

extension String {
    /// The string padded on the left to `width` characters (`"7".leftPadded(to: 3)` is `"007"`).
    public func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
