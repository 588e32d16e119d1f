import CSQLite
import FeedSyncCore
import Foundation

/// The state database (`state_dir/state.sqlite`): sources, delivered items and their tombstones,
/// delivery intents and duplicate fingerprints.
///
/// WAL mode; `synchronous = FULL` so a committed intent survives power loss before its spool file is
/// published (the exactly-once protocol in README depends on it).
public final class SQLiteStateStore: StateStore {
    /// The database file (`:memory:` for a throwaway state).
    public let path: String
    let db: SQLiteDatabase
    private var statements: [String: SQLiteStatement] = [:]

    public init(path: String) throws {
        self.path = path
        db = try SQLiteDatabase(path: path)
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute("PRAGMA synchronous = FULL")
        try db.execute("PRAGMA foreign_keys = ON")
        try migrate()
    }

    /// The schema version after migration.
    public private(set) var schemaVersion = 0

    private func migrate() throws {
        var version = 0
        try db.prepare("PRAGMA user_version").query { version = Int($0.int(0) ?? 0) }
        if version > Migrations.all.count {
            throw SQLiteError(code: SQLITE_ERROR, message: "state database schema \(version) is newer than this feedsync (\(Migrations.all.count)); upgrade feedsync")
        }
        for (i, sql) in Migrations.all.enumerated() where i >= version {
            try db.transaction {
                try db.execute(sql)
                try db.execute("PRAGMA user_version = \(i + 1)")
            }
        }
        schemaVersion = Migrations.all.count
    }

    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let s = statements[sql] { return s }
        let s = try db.prepare(sql)
        statements[sql] = s
        return s
    }

    // MARK: Sources

    static let sourceColumns = SourceState.storedColumns

    public func sourceStates() throws -> [String: SourceState] {
        var rows = 0
        try statement("SELECT count(*) FROM sources").query { rows = Int($0.int(0) ?? 0) }
        var out: [String: SourceState] = Dictionary(minimumCapacity: rows)  // no rehashing at 50,000 sources
        try statement("SELECT \(Self.sourceColumns) FROM sources").query { r in
            let s = Self.sourceState(r)
            out[s.name] = s
        }
        return out
    }

    /// A row of `SELECT \(sourceColumns) FROM sources`.
    static func sourceState(_ r: SQLiteStatement.Row) -> SourceState {
        var s = SourceState(name: r.text(0) ?? "")
        s.etag = r.text(1); s.lastModified = r.text(2); s.validatorsURL = r.text(3)
        s.movedTo = r.text(4); s.movedFrom = r.text(5)
        s.lastAttempt = r.int(6).map(Timestamp.init); s.lastSuccess = r.int(7).map(Timestamp.init)
        s.lastStatus = r.text(8); s.lastError = r.text(9); s.lastHTTPStatus = r.int(10).map { Int($0) }
        s.consecutiveFailures = Int(r.int(11) ?? 0)
        s.nextDue = r.int(12).map(Timestamp.init); s.retryAfterUntil = r.int(13).map(Timestamp.init)
        s.disabledReason = r.text(14); s.disabledFingerprint = r.text(15)
        s.itemsDelivered = r.int(16) ?? 0; s.feedLength = Int(r.int(17) ?? 0)
        s.polls = r.int(18) ?? 0; s.notModified = r.int(19) ?? 0
        s.lastDuration = r.double(20); s.feedTitle = r.text(21); s.feedLink = r.text(22)
        s.backoffUntil = r.int(23).map(Timestamp.init); s.disabledAt = r.int(24).map(Timestamp.init)
        s.movedReason = r.text(25); s.documentVersion = r.text(26); s.itemsFiltered = r.int(27) ?? 0
        return s
    }

    /// Writes a source's state: replacing a stored one, or with `verb` "INSERT" failing on it.
    func save(_ s: SourceState, verb: String = "INSERT OR REPLACE") throws {
        func t(_ v: String?) -> SQLiteStatement.Value { v.map { .text($0) } ?? .null }
        func i(_ v: Int64?) -> SQLiteStatement.Value { v.map { .int($0) } ?? .null }
        try statement("\(verb) INTO sources (\(Self.sourceColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").run([
            .text(s.name), t(s.etag), t(s.lastModified), t(s.validatorsURL), t(s.movedTo), t(s.movedFrom),
            i(s.lastAttempt?.seconds), i(s.lastSuccess?.seconds), t(s.lastStatus), t(s.lastError),
            i(s.lastHTTPStatus.map { Int64($0) }), .int(Int64(s.consecutiveFailures)),
            i(s.nextDue?.seconds), i(s.retryAfterUntil?.seconds), t(s.disabledReason), t(s.disabledFingerprint),
            .int(s.itemsDelivered), .int(Int64(s.feedLength)), .int(s.polls), .int(s.notModified),
            s.lastDuration.map { .double($0) } ?? .null, t(s.feedTitle), t(s.feedLink),
            i(s.backoffUntil?.seconds), i(s.disabledAt?.seconds), t(s.movedReason), t(s.documentVersion),
            .int(s.itemsFiltered),
        ])
    }

    // MARK: Items

    static func knownItem(_ r: SQLiteStatement.Row) -> KnownItem {
        KnownItem(key: r.text(0) ?? "", linkCanonical: r.text(1), titleDate: r.text(2), contentHash: r.text(3) ?? "",
                  firstSeen: Timestamp(seconds: r.int(4) ?? 0), lastSeen: Timestamp(seconds: r.int(5) ?? 0),
                  file: r.text(6))
    }

    static let itemColumns = "key, link_canonical, title_date, content_hash, first_seen, last_seen, file"

    public func knownItems(source: String, keys: [String]) throws -> [String: KnownItem] {
        var out: [String: KnownItem] = [:]
        let stmt = try statement("SELECT \(Self.itemColumns) FROM items WHERE source = ? AND key = ?")
        for key in keys {
            try stmt.query([.text(source), .text(key)]) { r in out[key] = Self.knownItem(r) }
        }
        return out
    }

    public func item(source: String, linkCanonical: String) throws -> KnownItem? {
        var found: KnownItem?
        try statement("SELECT \(Self.itemColumns) FROM items WHERE source = ? AND link_canonical = ? LIMIT 1")
            .query([.text(source), .text(linkCanonical)]) { found = Self.knownItem($0) }
        return found
    }

    public func item(source: String, titleDate: String) throws -> KnownItem? {
        var found: KnownItem?
        try statement("SELECT \(Self.itemColumns) FROM items WHERE source = ? AND title_date = ? LIMIT 1")
            .query([.text(source), .text(titleDate)]) { found = Self.knownItem($0) }
        return found
    }

    public func pruneItems(source: String, before: Timestamp, keep: Int) throws {
        try statement("""
            DELETE FROM items WHERE source = ?1 AND last_seen < ?2 AND key NOT IN
              (SELECT key FROM items WHERE source = ?1 ORDER BY last_seen DESC LIMIT ?3)
            """).run([.text(source), .int(before.seconds), .int(Int64(keep))])
    }

    // MARK: Intents and commits

    public func pendingIntents() throws -> [DeliveryIntent] {
        var out: [DeliveryIntent] = []
        try statement("""
            SELECT file, source, key, link_canonical, title_date, content_hash, first_seen FROM intents ORDER BY file
            """).query { r in
            let first = Timestamp(seconds: r.int(6) ?? 0)
            let item = KnownItem(key: r.text(2) ?? "", linkCanonical: r.text(3), titleDate: r.text(4),
                                 contentHash: r.text(5) ?? "", firstSeen: first, lastSeen: first, file: r.text(0))
            out.append(DeliveryIntent(file: r.text(0) ?? "", source: r.text(1) ?? "", item: item))
        }
        return out
    }

    public func commit(_ batch: CommitBatch) throws {
        try db.transaction {
            let upsert = try statement("""
                INSERT INTO items (source, key, link_canonical, title_date, content_hash, first_seen, last_seen, file)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, key) DO UPDATE SET link_canonical = excluded.link_canonical,
                  title_date = excluded.title_date, content_hash = excluded.content_hash,
                  last_seen = excluded.last_seen, file = COALESCE(excluded.file, items.file)
                """)
            for (source, it) in batch.items {
                try upsert.run([.text(source), .text(it.key), it.linkCanonical.map { .text($0) } ?? .null,
                                it.titleDate.map { .text($0) } ?? .null, .text(it.contentHash),
                                .int(it.firstSeen.seconds), .int(it.lastSeen.seconds), it.file.map { .text($0) } ?? .null])
            }
            let touch = try statement("UPDATE items SET last_seen = ? WHERE source = ? AND key = ?")
            for (source, key) in batch.touched { try touch.run([.int(batch.now.seconds), .text(source), .text(key)]) }
            for s in batch.sources { try save(s) }
            let done = try statement("DELETE FROM intents WHERE file = ?")
            for f in batch.intents { try done.run([.text(f)]) }
            let cleared = try statement("DELETE FROM publications WHERE file = ?")
            for f in batch.clearedPublications { try cleared.run([.text(f)]) }
            let publish = try statement("INSERT OR REPLACE INTO publications (file) VALUES (?)")
            for f in batch.publications { try publish.run([.text(f)]) }
            if let name = batch.lastSpoolName {
                try statement("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_spool_name', ?)").run([.text(name)])
            }
            let fp = try statement("INSERT OR REPLACE INTO fingerprints (id, source, fingerprint, time) VALUES (?, ?, ?, ?)")
            for f in batch.fingerprints {
                try fp.run([.text(f.id), .text(f.source), .int(f.storedFingerprint), .int(f.time.seconds)])
            }
            let page = try statement("INSERT OR REPLACE INTO page_texts (source, key, text) VALUES (?, ?, ?)")
            for p in batch.pageTexts { try page.run([.text(p.source), .text(p.key), .text(p.text)]) }
            let clear = try statement("DELETE FROM boilerplate_lines WHERE source = ?")
            let line = try statement("""
                INSERT INTO boilerplate_lines (source, hash, first_item, items, occurrences, last_seen)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for (source, lines) in batch.boilerplate {
                try clear.run([.text(source)])
                for l in lines {
                    try line.run([.text(source), .text(l.hash), .text(l.firstItem), .int(Int64(l.items)),
                                  .int(Int64(l.occurrences)), .int(l.lastSeen.seconds)])
                }
            }
        }
    }

    public func pendingPublications() throws -> [String] {
        var out: [String] = []
        try statement("SELECT file FROM publications ORDER BY file").query { out.append($0.text(0) ?? "") }
        return out
    }

    public func lastSpoolName() throws -> String? {
        var name: String?
        try statement("SELECT value FROM meta WHERE key = 'last_spool_name'").query { name = $0.text(0) }
        return name
    }

    // MARK: Fingerprints

    public func recentFingerprints(since: Timestamp) throws -> [DuplicateRecord] {
        var out: [DuplicateRecord] = []
        try statement("SELECT id, source, fingerprint, time FROM fingerprints WHERE time >= ?").query([.int(since.seconds)]) { r in
            out.append(DuplicateRecord(id: r.text(0) ?? "", source: r.text(1) ?? "",
                                       storedFingerprint: r.int(2) ?? 0, time: Timestamp(seconds: r.int(3) ?? 0)))
        }
        return out
    }

    public func pageText(source: String, key: String) throws -> String? {
        var text: String?
        try statement("SELECT text FROM page_texts WHERE source = ? AND key = ?").query([.text(source), .text(key)]) { text = $0.text(0) }
        return text
    }

    // MARK: Learned boilerplate

    public func boilerplateLines(source: String) throws -> [BoilerplateLine] {
        var out: [BoilerplateLine] = []
        try statement("SELECT \(Self.boilerplateColumns) FROM boilerplate_lines WHERE source = ?")
            .query([.text(source)]) { out.append(Self.boilerplateLine($0)) }
        return out
    }

    static let boilerplateColumns = "hash, first_item, items, occurrences, last_seen"

    /// A row of `SELECT \(boilerplateColumns) FROM boilerplate_lines`.
    static func boilerplateLine(_ r: SQLiteStatement.Row) -> BoilerplateLine {
        BoilerplateLine(hash: r.text(0) ?? "", firstItem: r.text(1) ?? "", items: Int(r.int(2) ?? 0),
                        occurrences: Int(r.int(3) ?? 0), lastSeen: Timestamp(seconds: r.int(4) ?? 0))
    }

    public func pruneFingerprints(before: Timestamp) throws {
        try statement("DELETE FROM fingerprints WHERE time < ?").run([.int(before.seconds)])
    }
}
