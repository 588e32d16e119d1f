import FeedSyncCore

extension SQLiteStateStore {
    /// The Plan stage's inputs for a batch, read in one read transaction (one consistent view, one
    /// lock): known items by key; for the keys not known, earlier items by canonical link and by
    /// title + date; a watched page's last text; an HTML source's boilerplate counters.
    public func planInputs(_ queries: [PlanQuery]) throws -> [PlanInputs] {
        try db.transaction(immediate: false) {
            try queries.map { q in
                var inputs = PlanInputs()
                inputs.known = try knownItems(source: q.source, keys: q.identities.map(\.key))
                for id in q.identities where inputs.known[id.key] == nil {
                    if let l = id.linkCanonical, inputs.byLink[l] == nil, let hit = try item(source: q.source, linkCanonical: l) {
                        inputs.byLink[l] = hit
                    }
                    if let t = id.titleDate, inputs.byTitleDate[t] == nil, let hit = try item(source: q.source, titleDate: t) {
                        inputs.byTitleDate[t] = hit
                    }
                }
                if let key = q.pageKey { inputs.pageText = try pageText(source: q.source, key: key) }
                if q.boilerplate { inputs.boilerplate = try boilerplateLines(source: q.source) }
                return inputs
            }
        }
    }
}
