import FeedSyncCore

/// `feedsync state export|import` over SQLite: the export reads in one read transaction (a
/// consistent view while it streams); the import writes in one immediate transaction.
extension SQLiteStateStore: StateTransfer {
    public var storeKind: String { "sqlite" }

    /// Every table a state keeps. `meta` holds only the last spool name.
    static let transferTables = ["sources", "items", "fingerprints", "page_texts", "boilerplate_lines",
                                 "publications", "intents", "meta"]

    public func contents() throws -> [String: Int] {
        var out: [String: Int] = [:]
        for table in Self.transferTables {
            try statement("SELECT COUNT(*) FROM \(table)").query { r in
                if let n = r.int(0), n > 0 { out[table] = Int(n) }
            }
        }
        return out
    }

    public func exportRecords(_ emit: (StateRecord) throws -> Void) throws {
        try db.transaction(immediate: false) {
            let pending = try contents().filter { $0.key == "publications" || $0.key == "intents" }.values.reduce(0, +)
            if pending > 0 { throw StateUnsettledError(pending: pending) }
            try statement("SELECT \(Self.sourceColumns) FROM sources ORDER BY name").query { try emit(.source(Self.sourceState($0))) }
            try statement("SELECT \(Self.itemColumns), source FROM items ORDER BY source, key").query { r in
                try emit(.item(source: r.text(7) ?? "", item: Self.knownItem(r), revision: 0))
            }
            try statement("SELECT id, source, fingerprint, time FROM fingerprints ORDER BY id").query { r in
                try emit(.fingerprint(DuplicateRecord(id: r.text(0) ?? "", source: r.text(1) ?? "",
                                                      storedFingerprint: r.int(2) ?? 0, time: Timestamp(seconds: r.int(3) ?? 0))))
            }
            try statement("SELECT source, key, text FROM page_texts ORDER BY source, key").query { r in
                try emit(.pageText(source: r.text(0) ?? "", key: r.text(1) ?? "", text: r.text(2) ?? ""))
            }
            try statement("SELECT \(Self.boilerplateColumns), source FROM boilerplate_lines ORDER BY source, hash").query { r in
                try emit(.boilerplate(source: r.text(5) ?? "", line: Self.boilerplateLine(r)))
            }
            if let name = try lastSpoolName() { try emit(.spoolName(name)) }
        }
    }

    public func importRecords(_ produce: (_ write: (StateRecord) throws -> Void) throws -> Void) throws {
        try db.transaction {
            let held = try contents()
            guard held.isEmpty else { throw StateNotEmptyError(contents: held) }
            var written = 0
            try produce { record in
                written += 1
                do { try insert(record) } catch { throw StateRecordRefusedError(record: written, cause: error) }
            }
        }
    }

    /// Plain inserts: a record given twice violates its table's key and fails the import.
    private func insert(_ record: StateRecord) throws {
        switch record {
        case let .source(s):
            try save(s, verb: "INSERT")
        case let .item(source, it, _):
            try statement("""
                INSERT INTO items (source, key, link_canonical, title_date, content_hash, first_seen, last_seen, file)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).run([.text(source), .text(it.key), it.linkCanonical.map { .text($0) } ?? .null,
                          it.titleDate.map { .text($0) } ?? .null, .text(it.contentHash),
                          .int(it.firstSeen.seconds), .int(it.lastSeen.seconds), it.file.map { .text($0) } ?? .null])
        case let .fingerprint(f):
            try statement("INSERT INTO fingerprints (id, source, fingerprint, time) VALUES (?, ?, ?, ?)")
                .run([.text(f.id), .text(f.source), .int(f.storedFingerprint), .int(f.time.seconds)])
        case let .pageText(source, key, text):
            try statement("INSERT INTO page_texts (source, key, text) VALUES (?, ?, ?)").run([.text(source), .text(key), .text(text)])
        case let .boilerplate(source, l):
            try statement("""
                INSERT INTO boilerplate_lines (source, hash, first_item, items, occurrences, last_seen) VALUES (?, ?, ?, ?, ?, ?)
                """).run([.text(source), .text(l.hash), .text(l.firstItem), .int(Int64(l.items)), .int(Int64(l.occurrences)),
                          .int(l.lastSeen.seconds)])
        case let .spoolName(name):
            try statement("INSERT INTO meta (key, value) VALUES ('last_spool_name', ?)").run([.text(name)])
        }
    }

}
