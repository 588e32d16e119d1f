/// What the Plan stage needs to know from the state about one polled source, read in one batch
/// before planning (`StateStore.planInputs`), so that planning itself never touches the store.
public struct PlanInputs: Sendable {
    /// Items already recorded under the document's keys.
    public var known: [String: KnownItem] = [:]
    /// Earlier items of the source by canonical link and by normalized title + date, for the
    /// document's entries whose key is not known (re-keyed upstream?).
    public var byLink: [String: KnownItem] = [:]
    public var byTitleDate: [String: KnownItem] = [:]
    /// A watched page's last text, the base of its change diff.
    public var pageText: String?
    /// An HTML source's learned-boilerplate counters.
    public var boilerplate: [BoilerplateLine] = []

    public init() {}

    /// An item already recorded for this source that `id` matches by canonical link or by normalized
    /// title + date: the same item under a new key (README "Item identity").
    public func previousItem(matching id: ItemIdentity) -> KnownItem? {
        if let l = id.linkCanonical, let hit = byLink[l] { return hit }
        if let t = id.titleDate, let hit = byTitleDate[t] { return hit }
        return nil
    }
}

/// Which state one polled source's plan needs (`StateStore.planInputs`).
public struct PlanQuery: Sendable {
    public var source: String
    /// The document's identities (empty for a poll without a document).
    public var identities: [ItemIdentity]
    /// A watched page: read its last text under this key.
    public var pageKey: String?
    /// An HTML source of entries: read its learned boilerplate.
    public var boilerplate: Bool

    public init(source: String, identities: [ItemIdentity] = [], pageKey: String? = nil, boilerplate: Bool = false) {
        self.source = source; self.identities = identities; self.pageKey = pageKey; self.boilerplate = boilerplate
    }

    /// The query for one polled source.
    public init(_ polled: PolledSource) {
        self.init(source: polled.source.name)
        guard case let .document(parsed) = polled.outcome else { return }
        identities = parsed.identities
        if parsed.document.htmlExtraction == .page {
            pageKey = parsed.identities.first?.key
        } else {
            boilerplate = parsed.document.version == "html"
        }
    }
}
