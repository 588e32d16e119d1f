/// The pure half of the Enrich stage: which planned items want their article, and how a found
/// article replaces the feed's content. No I/O; tested with values.
public enum FullTextPlan {
    /// One article to fetch: the item's key and its link.
    public struct Wanted: Sendable, Equatable {
        public var key: String
        public var link: String?
    }

    /// The deliveries of `plan` that `full_text` wants an article for: new items only (an update
    /// or a watched page's change is never fetched again), in delivery order.
    public static func wanted(_ plan: SourcePlan) -> [Wanted] {
        let mode = plan.source.settings.fullText
        guard mode != .off else { return [] }
        return plan.deliveries.compactMap { d in
            guard d.item.event == .new, mode.wants(text: d.item.entry.text) else { return nil }
            return Wanted(key: d.item.id, link: d.item.entry.link)
        }
    }

    /// Puts what the Enrich stage found into `plan`'s deliveries: an article becomes `content` and
    /// `text`, with the feed's summary (else its content) kept in `summary`; a failure becomes
    /// `full_text_error`. A delivery that wants an article but has no result (the plan at commit
    /// time differs from the one the articles were fetched for) says so in `full_text_error`.
    public static func apply(_ found: [String: FullText], to plan: inout SourcePlan) {
        let wantedKeys = Set(wanted(plan).map(\.key))
        guard !wantedKeys.isEmpty else { return }
        for i in plan.deliveries.indices where wantedKeys.contains(plan.deliveries[i].item.id) {
            switch found[plan.deliveries[i].item.id] {
            case let .article(article)?:
                var entry = plan.deliveries[i].item.entry
                entry.summary = entry.summary ?? entry.content
                entry.content = article.html
                entry.text = article.text
                plan.deliveries[i].item.entry = entry
            case let .failed(reason)?:
                plan.deliveries[i].item.fullTextError = reason
            case nil:
                plan.deliveries[i].item.fullTextError = "article not fetched: the item was planned after the articles were fetched"
            }
        }
    }
}
