import FeedSyncCore
import Foundation

/// The state shared by several feedsync nodes in one PostgreSQL database (config `state`): the
/// same `StateStore` port as the SQLite store, plus what makes nodes safe together:
/// - a delivery is recorded under the unique key (source, item key, revision): when two nodes
///   commit the same change of an item, the second commit fails as a whole and that node publishes
///   nothing (its files stay in `tmp/`, which its recovery sweeps);
/// - each node keeps its own pending publications and spool names (`node`);
/// - a batch runs under a cluster-wide advisory lock and starts from the sources' committed states
///   and every node's recent near-duplicate fingerprints (`beginBatch`).
///
/// Used from one thread at a time (the `DeliveryThread`), on its own connection.
public final class PostgresStateStore: StateStore {
    let db: PostgresConnection
    /// This node's identity (`NodeIdentity`): scopes publications and spool names.
    public let node: String
    /// The schema version after migration.
    public private(set) var schemaVersion = 0
    /// Item revisions as this batch's plan inputs read them, by source and key: the revision the
    /// commit's delivery records must follow.
    var readRevisions: [ItemRef: Int64] = [:]
    /// The highest fingerprint sequence number already in this node's index.
    var fingerprintCursor: Int64 = 0

    struct ItemRef: Hashable { var source: String; var key: String }

    /// Connects and migrates. `url` is never logged as given: messages use `URLRedaction`.
    public init(url: String, password: String?, node: String) throws {
        db = try PostgresConnection(url: url, password: password, displayURL: PostgresURL.redact(url))
        self.node = node
        try migrate()
    }

    /// Where the state is, for messages (the URL without its password).
    public var location: String { db.displayURL }

    private func migrate() throws {
        try db.transaction {
            try db.execute("SELECT pg_advisory_xact_lock(\(PostgresMigrations.lockKey))")
            try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied BIGINT NOT NULL)")
            let version = Int(try db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").int(0, 0) ?? 0)
            if version > PostgresMigrations.all.count {
                throw PostgresError(message: "state database schema \(version) is newer than this feedsync (\(PostgresMigrations.all.count)); upgrade feedsync")
            }
            for (i, sql) in PostgresMigrations.all.enumerated() where i >= version {
                try db.executeScript(sql)
                try db.execute("INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)",
                               ["\(i + 1)", "\(Int64(Date().timeIntervalSince1970))"])
            }
        }
        schemaVersion = PostgresMigrations.all.count
    }

    // MARK: Sources

    public func sourceStates() throws -> [String: SourceState] {
        var out: [String: SourceState] = [:]
        for row in try db.execute("SELECT \(SourceStateRow.columns) FROM sources").rows {
            let s = SourceStateRow.decode(row)
            out[s.name] = s
        }
        return out
    }

    /// The committed states of `names` (a source another node polled since this one last looked).
    public func sourceStates(named names: [String]) throws -> [String: SourceState] {
        guard !names.isEmpty else { return [:] }
        var out: [String: SourceState] = [:]
        for row in try db.execute("SELECT \(SourceStateRow.columns) FROM sources WHERE name = ANY($1)",
                                  [PostgresArray.text(names)]).rows {
            let s = SourceStateRow.decode(row)
            out[s.name] = s
        }
        return out
    }

    func save(_ s: SourceState) throws {
        // The lease columns are not the state's: an upsert leaves them as they are.
        let names = SourceStateRow.columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let placeholders = (1...names.count).map { "$\($0)" }.joined(separator: ",")
        let updates = names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try db.execute("INSERT INTO sources (\(SourceStateRow.columns)) VALUES (\(placeholders)) ON CONFLICT (name) DO UPDATE SET \(updates)",
                       SourceStateRow.encode(s))
    }

    // MARK: Items

    static let itemColumns = "key, link_canonical, title_date, content_hash, first_seen, last_seen, file, revision"

    static func knownItem(_ r: PostgresResult.Row) -> KnownItem {
        KnownItem(key: r.text(0) ?? "", linkCanonical: r.text(1), titleDate: r.text(2), contentHash: r.text(3) ?? "",
                  firstSeen: Timestamp(seconds: r.int(4) ?? 0), lastSeen: Timestamp(seconds: r.int(5) ?? 0),
                  file: r.text(6))
    }

    public func pruneItems(source: String, before: Timestamp, keep: Int) throws {
        try db.execute("""
            DELETE FROM items WHERE source = $1 AND last_seen < $2 AND key NOT IN
              (SELECT key FROM items WHERE source = $1 ORDER BY last_seen DESC LIMIT $3)
            """, [source, "\(before.seconds)", "\(keep)"])
    }

    /// Intents come from SQLite states older than the redo protocol; a PostgreSQL state never has any.
    public func pendingIntents() throws -> [DeliveryIntent] { [] }

    public func pendingPublications() throws -> [String] {
        try db.execute("SELECT file FROM publications WHERE node = $1 ORDER BY file", [node]).rows.compactMap { $0.text(0) }
    }

    public func lastSpoolName() throws -> String? {
        try db.execute("SELECT value FROM node_meta WHERE node = $1 AND key = 'last_spool_name'", [node]).text(0, 0)
    }

    // MARK: Fingerprints

    public func recentFingerprints(since: Timestamp) throws -> [DuplicateRecord] {
        let result = try db.execute("SELECT id, source, fingerprint, time, seq FROM fingerprints WHERE time >= $1",
                                    ["\(since.seconds)"])
        return result.rows.map { r in
            fingerprintCursor = max(fingerprintCursor, r.int(4) ?? 0)
            return DuplicateRecord(id: r.text(0) ?? "", source: r.text(1) ?? "", storedFingerprint: r.int(2) ?? 0,
                                   time: Timestamp(seconds: r.int(3) ?? 0))
        }
    }

    public func pruneFingerprints(before: Timestamp) throws {
        try db.execute("DELETE FROM fingerprints WHERE time < $1", ["\(before.seconds)"])
    }

    public func boilerplateLines(source: String) throws -> [BoilerplateLine] {
        try db.execute("SELECT hash, first_item, items, occurrences, last_seen FROM boilerplate_lines WHERE source = $1",
                       [source]).rows.map(Self.boilerplateLine)
    }

    /// A row of `SELECT hash, first_item, items, occurrences, last_seen FROM boilerplate_lines`.
    static func boilerplateLine(_ r: PostgresResult.Row) -> BoilerplateLine {
        BoilerplateLine(hash: r.text(0) ?? "", firstItem: r.text(1) ?? "", items: Int(r.int(2) ?? 0),
                        occurrences: Int(r.int(3) ?? 0), lastSeen: Timestamp(seconds: r.int(4) ?? 0))
    }
}
