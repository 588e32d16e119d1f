import FeedSyncCore
import FeedSyncStore
import Foundation
import Testing

/// `state export|import` over real SQLite files: a state committed by the pipeline's store comes
/// back whole from export into a new file; a state that holds anything, a record given twice and an
/// unsettled delivery are refused without writing.
@Suite struct StateTransferTests {
    let dir: String
    init() {
        dir = NSTemporaryDirectory() + "feedsync-transfer-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    /// A state as commits leave it: two sources, items (one a tombstone without a file),
    /// fingerprints, a page text, boilerplate counters and a spool name; publications cleared.
    func committedState(_ name: String) throws -> SQLiteStateStore {
        let store = try SQLiteStateStore(path: "\(dir)/\(name).sqlite")
        var batch = CommitBatch(now: Timestamp(seconds: 100))
        var news = SourceState(name: "news"); news.etag = "\"e1\""; news.lastAttempt = Timestamp(seconds: 100)
        news.itemsDelivered = 2; news.lastDuration = 0.5; news.nextDue = Timestamp(seconds: 400)
        var page = SourceState(name: "page"); page.lastAttempt = Timestamp(seconds: 99); page.documentVersion = "html"
        batch.sources = [news, page]
        batch.items = [
            ("news", KnownItem(key: "a", linkCanonical: "https://example.org/a", titleDate: "A|2026", contentHash: "ha",
                               firstSeen: Timestamp(seconds: 50), lastSeen: Timestamp(seconds: 100), file: "0001.news.json")),
            ("news", KnownItem(key: "b", linkCanonical: nil, titleDate: nil, contentHash: "hb",
                               firstSeen: Timestamp(seconds: 60), lastSeen: Timestamp(seconds: 60), file: nil)),
        ]
        batch.fingerprints = [DuplicateRecord(id: "a", source: "news", fingerprint: 1 << 63 | 5, time: Timestamp(seconds: 100))]
        batch.pageTexts = [("page", "page:1", "the text")]
        batch.boilerplate = [("page", [BoilerplateLine(hash: "h", firstItem: "f", items: 2, occurrences: 3, lastSeen: Timestamp(seconds: 99))])]
        batch.publications = ["0001.news.json"]
        batch.lastSpoolName = "0001.news.json"
        try store.commit(batch)
        var cleared = CommitBatch(now: Timestamp(seconds: 101))
        cleared.clearedPublications = ["0001.news.json"]
        try store.commit(cleared)
        return store
    }

    func exported(_ store: StateTransfer) throws -> [StateRecord] {
        var out: [StateRecord] = []
        try store.exportRecords { out.append($0) }
        return out
    }

    @Test func aStateComesBackWholeThroughExportAndImport() throws {
        let source = try committedState("source")
        let records = try exported(source)
        #expect(records.count == 8)
        let target = try SQLiteStateStore(path: dir + "/target.sqlite")
        try target.importRecords { write in for r in records { try write(r) } }
        #expect(try exported(target) == records)
        #expect(try target.sourceStates() == source.sourceStates())
        #expect(try target.lastSpoolName() == "0001.news.json")
        #expect(try target.recentFingerprints(since: Timestamp(seconds: 0)) == source.recentFingerprints(since: Timestamp(seconds: 0)))
    }

    @Test func aNewStateIsEmptyAndACommittedOneIsNot() throws {
        #expect(try SQLiteStateStore(path: dir + "/new.sqlite").contents().isEmpty)
        let held = try committedState("held").contents()
        #expect(held["sources"] == 2 && held["items"] == 2 && held["meta"] == 1)
    }

    @Test func importIntoAStateThatHoldsAnythingIsRefusedAndWritesNothing() throws {
        let target = try committedState("target")
        let before = try exported(target)
        #expect(throws: StateNotEmptyError.self) {
            try target.importRecords { write in try write(.spoolName("9999.json")) }
        }
        #expect(try exported(target) == before)
    }

    @Test func aRecordGivenTwiceFailsTheWholeImport() throws {
        let target = try SQLiteStateStore(path: dir + "/twice.sqlite")
        let source = StateRecord.source(SourceState(name: "news"))
        #expect(throws: Error.self) {
            try target.importRecords { write in
                try write(.spoolName("0001.json"))
                try write(source)
                try write(source)
            }
        }
        #expect(try target.contents().isEmpty)
    }

    @Test func exportRefusesAnUnsettledDelivery() throws {
        let store = try SQLiteStateStore(path: dir + "/pending.sqlite")
        var batch = CommitBatch(now: Timestamp(seconds: 1))
        batch.publications = ["0002.news.json"]
        try store.commit(batch)
        #expect(throws: StateUnsettledError.self) { try exported(store) }
    }
}
