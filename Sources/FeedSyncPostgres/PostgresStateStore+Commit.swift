import FeedSyncCore

extension PostgresStateStore {
    /// One transaction, as in the SQLite store, with the cluster's arbiter: every item delivered
    /// (one with a spool file) is recorded in `deliveries` under (source, key, revision read + 1).
    /// A second node committing the same change violates that key: the whole transaction is rolled
    /// back, this node's commit fails, and its files never leave `tmp/`. The revisions read stay
    /// until the next `planInputs`: recovery commits between a batch's read and its commit.
    public func commit(_ batch: CommitBatch) throws {
        do {
            try db.transaction { try write(batch) }
        } catch let e as PostgresError where e.isUniqueViolation {
            throw PostgresError(sqlState: e.sqlState,
                                message: "another node committed these items first; this node publishes none of them (\(e.message))")
        }
    }

    private func write(_ batch: CommitBatch) throws {
        let delivering = Set(batch.publications)
        for (source, it) in batch.items {
            var revision = readRevisions[ItemRef(source: source, key: it.key)] ?? 0
            if let file = it.file, delivering.contains(file) {
                revision += 1
                try db.execute("INSERT INTO deliveries (source, key, revision, node, file, time) VALUES ($1, $2, $3, $4, $5, $6)",
                               [source, it.key, "\(revision)", node, file, "\(batch.now.seconds)"])
            }
            try db.execute("""
                INSERT INTO items (source, key, link_canonical, title_date, content_hash, first_seen, last_seen, file, revision)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (source, key) DO UPDATE SET link_canonical = excluded.link_canonical,
                  title_date = excluded.title_date, content_hash = excluded.content_hash,
                  last_seen = excluded.last_seen, file = COALESCE(excluded.file, items.file),
                  revision = GREATEST(items.revision, excluded.revision)
                """, [source, it.key, it.linkCanonical, it.titleDate, it.contentHash, "\(it.firstSeen.seconds)",
                      "\(it.lastSeen.seconds)", it.file, "\(revision)"])
        }
        for (source, key) in batch.touched {
            try db.execute("UPDATE items SET last_seen = $1 WHERE source = $2 AND key = $3", ["\(batch.now.seconds)", source, key])
        }
        // Rows of `sources` in the order lease renewal locks them (byte order of the name), so a
        // commit and another thread's renewal never wait on each other (deadlock 40P01).
        for s in batch.sources.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) { try save(s) }
        if !batch.clearedPublications.isEmpty {
            try db.execute("DELETE FROM publications WHERE node = $1 AND file = ANY($2)", [node, PostgresArray.text(batch.clearedPublications)])
        }
        for f in batch.publications {
            try db.execute("INSERT INTO publications (node, file) VALUES ($1, $2) ON CONFLICT DO NOTHING", [node, f])
        }
        if let name = batch.lastSpoolName {
            try db.execute("""
                INSERT INTO node_meta (node, key, value) VALUES ($1, 'last_spool_name', $2)
                ON CONFLICT (node, key) DO UPDATE SET value = excluded.value
                """, [node, name])
        }
        for f in batch.fingerprints {
            try db.execute("""
                INSERT INTO fingerprints (id, source, fingerprint, time, node) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET source = excluded.source, fingerprint = excluded.fingerprint,
                  time = excluded.time, node = excluded.node, seq = nextval('fingerprints_seq_seq')
                """, [f.id, f.source, "\(f.storedFingerprint)", "\(f.time.seconds)", node])
        }
        for p in batch.pageTexts {
            try db.execute("""
                INSERT INTO page_texts (source, key, text) VALUES ($1, $2, $3)
                ON CONFLICT (source, key) DO UPDATE SET text = excluded.text
                """, [p.source, p.key, p.text])
        }
        for (source, lines) in batch.boilerplate {
            try db.execute("DELETE FROM boilerplate_lines WHERE source = $1", [source])
            for l in lines {
                try db.execute("""
                    INSERT INTO boilerplate_lines (source, hash, first_item, items, occurrences, last_seen)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    """, [source, l.hash, l.firstItem, "\(l.items)", "\(l.occurrences)", "\(l.lastSeen.seconds)"])
            }
        }
    }

}
