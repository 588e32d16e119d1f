import FeedSyncCore

/// Writes the records of one `state import` into a shared state, inside the caller's transaction.
/// Items and fingerprints (nearly all of a state) go in batches of up to 1,000 rows, one statement
/// each (`unnest` of array parameters), not a round trip per record. A batch runs under a
/// savepoint: when it fails, its rows are written again one by one to name the record that failed.
final class PostgresStateImport {
    private let db: PostgresConnection
    private let node: String
    /// Rows waiting for the batch statement `pendingSQL`, as text columns, with their record numbers.
    private var pending: [(record: Int, values: [String?])] = []
    private var pendingSQL = ""
    private var written = 0
    static let batchSize = 1000

    init(db: PostgresConnection, node: String) {
        self.db = db; self.node = node
    }

    static let itemsSQL = """
        INSERT INTO items (source, key, link_canonical, title_date, content_hash, first_seen, last_seen, file, revision)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
                             $8::text[], $9::bigint[])
        """
    static let fingerprintsSQL = """
        INSERT INTO fingerprints (id, source, fingerprint, time) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
        """

    func write(_ record: StateRecord) throws {
        written += 1
        switch record {
        case let .item(source, it, revision):
            try queue(Self.itemsSQL, [source, it.key, it.linkCanonical, it.titleDate, it.contentHash, "\(it.firstSeen.seconds)",
                                      "\(it.lastSeen.seconds)", it.file, "\(revision)"])
        case let .fingerprint(f):
            try queue(Self.fingerprintsSQL, [f.id, f.source, "\(f.storedFingerprint)", "\(f.time.seconds)"])
        default:
            try flush()
            do { try insert(record) } catch { throw StateRecordRefusedError(record: written, cause: error) }
        }
    }

    /// Writes what is queued; the import calls it once more after the last record.
    func flush() throws {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        try db.execute("SAVEPOINT feedsync_import")
        do {
            try run(pendingSQL, rows.map(\.values))
            try db.execute("RELEASE SAVEPOINT feedsync_import")
        } catch let batchError {
            try db.execute("ROLLBACK TO SAVEPOINT feedsync_import")
            for row in rows {
                do { try run(pendingSQL, [row.values]) } catch { throw StateRecordRefusedError(record: row.record, cause: error) }
            }
            throw batchError
        }
    }

    private func queue(_ sql: String, _ values: [String?]) throws {
        if sql != pendingSQL || pending.count >= Self.batchSize { try flush() }
        pendingSQL = sql
        pending.append((written, values))
    }

    /// One statement for `rows`: each column as one array parameter.
    private func run(_ sql: String, _ rows: [[String?]]) throws {
        let columns = rows[0].indices.map { c in PostgresArray.optionalText(rows.map { $0[c] }) }
        try db.execute(sql, columns)
    }

    /// The records there are few of, one statement each.
    private func insert(_ record: StateRecord) throws {
        switch record {
        case let .source(s):
            let values = SourceStateRow.encode(s)
            let placeholders = (1...values.count).map { "$\($0)" }.joined(separator: ",")
            try db.execute("INSERT INTO sources (\(SourceStateRow.columns)) VALUES (\(placeholders))", values)
        case let .pageText(source, key, text):
            try db.execute("INSERT INTO page_texts (source, key, text) VALUES ($1, $2, $3)", [source, key, text])
        case let .boilerplate(source, l):
            try db.execute("""
                INSERT INTO boilerplate_lines (source, hash, first_item, items, occurrences, last_seen) VALUES ($1, $2, $3, $4, $5, $6)
                """, [source, l.hash, l.firstItem, "\(l.items)", "\(l.occurrences)", "\(l.lastSeen.seconds)"])
        case let .spoolName(name):
            try db.execute("INSERT INTO node_meta (node, key, value) VALUES ($1, 'last_spool_name', $2)", [node, name])
        case .item, .fingerprint:
            preconditionFailure("items and fingerprints are written in batches")
        }
    }
}
