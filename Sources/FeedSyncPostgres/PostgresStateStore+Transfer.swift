import FeedSyncCore

/// `feedsync state export|import` over the shared state. The export reads one snapshot
/// (`REPEATABLE READ`) through cursors, so a large state streams; the import is one transaction
/// under the cluster's batch lock, so no node commits a batch into the state meanwhile. Neither
/// is bounded by the session's idle-in-transaction timeout: the other end of a pipe may be slow.
extension PostgresStateStore: StateTransfer {
    public var storeKind: String { "postgresql" }

    /// What an import would mix with. A source row that only names a source (a node registers
    /// every configured source before its first poll) holds no state and is not counted.
    static let contentQueries: [(String, String)] = [
        ("sources", "SELECT COUNT(*) FROM sources WHERE NOT \(bareSource)"),
        ("items", "SELECT COUNT(*) FROM items"), ("deliveries", "SELECT COUNT(*) FROM deliveries"),
        ("fingerprints", "SELECT COUNT(*) FROM fingerprints"), ("page_texts", "SELECT COUNT(*) FROM page_texts"),
        ("boilerplate_lines", "SELECT COUNT(*) FROM boilerplate_lines"),
        ("publications", "SELECT COUNT(*) FROM publications"), ("node_meta", "SELECT COUNT(*) FROM node_meta"),
    ]

    static let bareSource = "(last_attempt IS NULL AND next_due IS NULL AND polls = 0)"

    public func contents() throws -> [String: Int] {
        var out: [String: Int] = [:]
        for (table, sql) in Self.contentQueries {
            if let n = try db.execute(sql).int(0, 0), n > 0 { out[table] = Int(n) }
        }
        return out
    }

    /// This node's pending publications must be settled (its recovery does that); other nodes'
    /// are theirs to publish, from their own spools.
    public func exportRecords(_ emit: (StateRecord) throws -> Void) throws {
        try db.transaction {
            try db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try unbounded()
            let pending = try pendingPublications().count
            if pending > 0 { throw StateUnsettledError(pending: pending) }
            try stream("SELECT \(SourceStateRow.columns) FROM sources ORDER BY name") { try emit(.source(SourceStateRow.decode($0))) }
            try stream("SELECT \(Self.itemColumns), source FROM items ORDER BY source, key") { r in
                try emit(.item(source: r.text(8) ?? "", item: Self.knownItem(r), revision: r.int(7) ?? 0))
            }
            try stream("SELECT id, source, fingerprint, time FROM fingerprints ORDER BY id") { r in
                try emit(.fingerprint(DuplicateRecord(id: r.text(0) ?? "", source: r.text(1) ?? "",
                                                      storedFingerprint: r.int(2) ?? 0, time: Timestamp(seconds: r.int(3) ?? 0))))
            }
            try stream("SELECT source, key, text FROM page_texts ORDER BY source, key") { r in
                try emit(.pageText(source: r.text(0) ?? "", key: r.text(1) ?? "", text: r.text(2) ?? ""))
            }
            try stream("SELECT hash, first_item, items, occurrences, last_seen, source FROM boilerplate_lines ORDER BY source, hash") { r in
                try emit(.boilerplate(source: r.text(5) ?? "", line: Self.boilerplateLine(r)))
            }
            if let name = try lastSpoolName() { try emit(.spoolName(name)) }
        }
    }

    /// The spool name becomes this node's: the node that imports is the one whose spool the
    /// exported state delivered into.
    public func importRecords(_ produce: (_ write: (StateRecord) throws -> Void) throws -> Void) throws {
        try db.transaction {
            try unbounded()
            try db.execute("SELECT pg_advisory_xact_lock(\(Self.batchLockKey))")
            let held = try contents()
            guard held.isEmpty else { throw StateNotEmptyError(contents: held) }
            try db.execute("DELETE FROM sources WHERE \(Self.bareSource)")
            let batches = PostgresStateImport(db: db, node: node)
            try produce { record in try batches.write(record) }
            try batches.flush()
        }
    }

    private func unbounded() throws {
        try db.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
        try db.execute("SET LOCAL statement_timeout = 0")
    }

    /// Rows of `sql` a thousand at a time through a cursor of the running transaction.
    private func stream(_ sql: String, _ row: (PostgresResult.Row) throws -> Void) throws {
        try db.execute("DECLARE feedsync_export NO SCROLL CURSOR FOR \(sql)")
        while true {
            let batch = try db.execute("FETCH 1000 FROM feedsync_export")
            if batch.rowCount == 0 { break }
            for r in batch.rows { try row(r) }
        }
        try db.execute("CLOSE feedsync_export")
    }
}
