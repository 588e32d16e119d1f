import FeedSyncCore
import FeedSyncPostgres
import FeedSyncStore
import Foundation
import Testing

/// `state export|import` between a real SQLite file and a real PostgreSQL database: the migration
/// path from one machine to a shared state, and back.
@Suite struct PostgresStateTransferTests {
    /// One of each record, as a SQLite state would export them (revision 0).
    static let records: [StateRecord] = {
        var s = SourceState(name: "news")
        s.etag = "\"e\""; s.lastAttempt = Timestamp(seconds: 7); s.nextDue = Timestamp(seconds: 9); s.lastDuration = 1.5
        s.itemsDelivered = 1; s.polls = 3; s.feedTitle = "News"
        return [
            .source(s),
            .item(source: "news", item: KnownItem(key: "a", linkCanonical: "https://example.org/a", titleDate: nil, contentHash: "ha",
                                                  firstSeen: Timestamp(seconds: 5), lastSeen: Timestamp(seconds: 7), file: "0001.news.json"),
                  revision: 0),
            .fingerprint(DuplicateRecord(id: "a", source: "news", fingerprint: UInt64.max, time: Timestamp(seconds: 7))),
            .pageText(source: "news", key: "k", text: "text\nwith \"quotes\" and \\ backslash"),
            .boilerplate(source: "news", line: BoilerplateLine(hash: "h", firstItem: "f", items: 1, occurrences: 1, lastSeen: Timestamp(seconds: 7))),
            .spoolName("0001.news.json"),
        ]
    }()

    func exported(_ store: StateTransfer) throws -> [StateRecord] {
        var out: [StateRecord] = []
        try store.exportRecords { out.append($0) }
        return out
    }

    func fill(_ store: StateTransfer, _ records: [StateRecord]) throws {
        try store.importRecords { write in for r in records { try write(r) } }
    }

    @Test func aSQLiteStateMovesToPostgreSQLAndBackUnchanged() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let dir = NSTemporaryDirectory() + "feedsync-pg-transfer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let sqlite = try SQLiteStateStore(path: dir + "/state.sqlite")
        try fill(sqlite, Self.records)
        let shared = try PostgresStateStore(url: url, password: nil, node: "n1")
        try fill(shared, try exported(sqlite))
        #expect(try exported(shared) == Self.records)
        #expect(try shared.lastSpoolName() == "0001.news.json", "the importing node's spool name")
        #expect(try PostgresStateStore(url: url, password: nil, node: "n2").lastSpoolName() == nil)
        let back = try SQLiteStateStore(path: dir + "/back.sqlite")
        try fill(back, try exported(shared))
        #expect(try exported(back) == Self.records)
    }

    @Test func revisionsCarryOverBetweenSharedStates() throws {
        guard let from = try PostgresTestServer.database(), let to = try PostgresTestServer.database() else { return }
        var records = Self.records
        guard case let .item(source, item, _) = records[1] else { return }
        records[1] = .item(source: source, item: item, revision: 3)
        let first = try PostgresStateStore(url: from, password: nil, node: "n1")
        try fill(first, records)
        let second = try PostgresStateStore(url: to, password: nil, node: "n1")
        try fill(second, try exported(first))
        #expect(try exported(second) == records)
    }

    @Test func itemsAndFingerprintsGoInBatchesAndARefusedOneIsNamedExactly() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let items: [StateRecord] = (0..<2500).map { i in
            .item(source: "s\(i % 3)", item: KnownItem(key: "k\(i)", linkCanonical: i % 2 == 0 ? nil : "NULL", titleDate: "t \"\(i)\" \\",
                                                    contentHash: "h", firstSeen: Timestamp(seconds: Int64(i)), lastSeen: Timestamp(seconds: 9),
                                                    file: nil), revision: Int64(i % 4))
        }
        let fingerprints: [StateRecord] = (0..<1200).map { i in
            .fingerprint(DuplicateRecord(id: "k\(i)", source: "s", fingerprint: UInt64.max - UInt64(i), time: Timestamp(seconds: 1)))
        }
        let shared = try PostgresStateStore(url: url, password: nil, node: "n1")
        try fill(shared, items + fingerprints)
        #expect(try exported(shared).map { "\($0)" }.sorted() == (items + fingerprints).map { "\($0)" }.sorted())
        let again = try PostgresStateStore(url: try #require(try PostgresTestServer.database()), password: nil, node: "n1")
        #expect { try fill(again, items + [items[1700]] + fingerprints) } throws: { error in
            (error as? StateRecordRefusedError)?.record == 2501
        }
        #expect(try again.contents().isEmpty)
    }

    @Test func sourcesANodeOnlyRegisteredDoNotMakeTheStateNonEmpty() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let shared = try PostgresStateStore(url: url, password: nil, node: "n1")
        try PostgresConnection(url: url, password: nil, displayURL: url).execute("INSERT INTO sources (name) VALUES ('news'), ('other')")
        #expect(try shared.contents().isEmpty)
        try fill(shared, Self.records)
        #expect(try exported(shared) == Self.records, "the bare rows make way for the imported ones")
    }

    @Test func importIntoASharedStateThatHoldsItemsIsRefusedAndWritesNothing() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let shared = try PostgresStateStore(url: url, password: nil, node: "n1")
        try fill(shared, Array(Self.records.prefix(2)))
        #expect(throws: StateNotEmptyError.self) { try fill(shared, Self.records) }
        #expect(try exported(shared) == Array(Self.records.prefix(2)))
    }

    @Test func aRecordGivenTwiceFailsTheWholeImport() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let shared = try PostgresStateStore(url: url, password: nil, node: "n1")
        #expect { try fill(shared, Self.records + [Self.records[1]]) } throws: { error in
            let refused = error as? StateRecordRefusedError
            return refused?.record == Self.records.count + 1 && (refused?.cause as? PostgresError)?.isUniqueViolation == true
        }
        #expect(try shared.contents().isEmpty)
    }
}
