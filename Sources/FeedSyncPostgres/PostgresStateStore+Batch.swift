import FeedSyncCore

extension PostgresStateStore {
    /// `pg_advisory_lock` key held from a batch's plan inputs to its commit: batches of all nodes
    /// are planned one at a time, so two copies of one story fetched by two nodes are told apart
    /// (one original, one `duplicate_of`) as they are on one node.
    static let batchLockKey: Int64 = 0x6665_6564_6261_7463

    /// Takes the cluster's batch lock and returns what other nodes committed since this node
    /// looked: the polled sources' states and the new near-duplicate fingerprints.
    public func beginBatch(sources: [String]) throws -> BatchRefresh {
        try db.execute("SELECT pg_advisory_lock(\(Self.batchLockKey))")
        do {
            var refresh = BatchRefresh()
            refresh.states = try sourceStates(named: sources)
            let rows = try db.execute("SELECT id, source, fingerprint, time, seq FROM fingerprints WHERE seq > $1 AND node <> $2 ORDER BY seq",
                                      ["\(fingerprintCursor)", node]).rows
            for r in rows {
                fingerprintCursor = max(fingerprintCursor, r.int(4) ?? 0)
                refresh.fingerprints.append(DuplicateRecord(id: r.text(0) ?? "", source: r.text(1) ?? "",
                                                            storedFingerprint: r.int(2) ?? 0, time: Timestamp(seconds: r.int(3) ?? 0)))
            }
            return refresh
        } catch {
            endBatch()
            throw error
        }
    }

    /// Releases the batch lock. A lost connection has released it already.
    public func endBatch() {
        do { try db.execute("SELECT pg_advisory_unlock(\(Self.batchLockKey))") } catch { _ = error }
    }

    /// Plan inputs read in one transaction, as the SQLite store does, remembering each item's
    /// revision for the commit's delivery records.
    public func planInputs(_ queries: [PlanQuery]) throws -> [PlanInputs] {
        readRevisions.removeAll(keepingCapacity: true)
        return try db.transaction {
            try queries.map { q in
                var inputs = PlanInputs()
                let keys = q.identities.map(\.key)
                for r in try db.execute("SELECT \(Self.itemColumns) FROM items WHERE source = $1 AND key = ANY($2)",
                                        [q.source, PostgresArray.text(keys)]).rows {
                    let item = Self.knownItem(r)
                    inputs.known[item.key] = item
                    readRevisions[ItemRef(source: q.source, key: item.key)] = r.int(7) ?? 0
                }
                for id in q.identities where inputs.known[id.key] == nil {
                    if let l = id.linkCanonical, inputs.byLink[l] == nil,
                       let hit = try db.execute("SELECT \(Self.itemColumns) FROM items WHERE source = $1 AND link_canonical = $2 LIMIT 1",
                                                [q.source, l]).rows.first {
                        inputs.byLink[l] = Self.knownItem(hit)
                    }
                    if let t = id.titleDate, inputs.byTitleDate[t] == nil,
                       let hit = try db.execute("SELECT \(Self.itemColumns) FROM items WHERE source = $1 AND title_date = $2 LIMIT 1",
                                                [q.source, t]).rows.first {
                        inputs.byTitleDate[t] = Self.knownItem(hit)
                    }
                }
                if let key = q.pageKey {
                    inputs.pageText = try db.execute("SELECT text FROM page_texts WHERE source = $1 AND key = $2", [q.source, key]).text(0, 0)
                }
                if q.boilerplate { inputs.boilerplate = try boilerplateLines(source: q.source) }
                return inputs
            }
        }
    }
}
