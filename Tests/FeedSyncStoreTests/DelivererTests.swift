import FeedSyncCore
import FeedSyncStore
import Foundation
import Logging
import Testing

/// The delivery protocol against a real SQLite file and a real spool directory.
@Suite struct DelivererTests {
    let dir: String
    init() {
        dir = NSTemporaryDirectory() + "feedsync-deliver-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func open(dryRun: Bool = false) throws -> (Deliverer, SQLiteStateStore, Spool) {
        let store = try SQLiteStateStore(path: dir + "/state.sqlite")
        let spool = try Spool(root: dir + "/spool")
        let d = try Deliverer(store: store, spool: spool, options: .init(dryRun: dryRun), logger: Logger(label: "test"))
        return (d, store, spool)
    }

    func document(_ ids: [String]) -> PollResult {
        var doc = FeedDocument(version: "rss20")
        doc.feed.title = "Feed"
        doc.entries = ids.map { id in
            var e = FeedEntry(); e.id = id; e.title = "Title \(id)"; e.link = "https://example.org/\(id)"; return e
        }
        let response = FetchResponse(status: 200, effectiveURL: "https://example.org/feed",
                                     headers: [("ETag", "\"v1\""), ("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")])
        return PollResult(source: SourceConfig(name: "src", url: "https://example.org/feed"), requestURL: "https://example.org/feed",
                          outcome: .document(doc, response), startedAt: Timestamp(seconds: 1_700_000_000), duration: 0.1)
    }

    func newFiles(_ spool: Spool) -> [String] { Spool.listDirectory(spool.newDir).sorted() }

    @Test func deliversEachNewItemOnceAsACompleteJSONFile() async throws {
        let (d, _, spool) = try open()
        d.start()
        let first = await d.deliver(document(["a", "b"]))
        #expect(first.status == .ok && first.newItems == 2)
        let second = await d.deliver(document(["a", "b"]))
        #expect(second.newItems == 0)
        d.stop()
        let files = newFiles(spool)
        #expect(files.count == 2)
        for f in files {
            let data = try #require(FileManager.default.contents(atPath: spool.newDir + "/" + f))
            let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(obj["source"] as? String == "src")
            #expect(obj["event"] as? String == "new")
            #expect(f.contains(".src.") && f.hasSuffix(".json"))
        }
        #expect(d.sourceStates["src"]?.etag == "\"v1\"")
        #expect(d.sourceStates["src"]?.itemsDelivered == 2)
    }

    @Test func stateSurvivesReopening() async throws {
        do {
            let (d, _, _) = try open()
            d.start(); _ = await d.deliver(document(["a"])); d.stop()
        }
        let (d, _, spool) = try open()
        d.start()
        let r = await d.deliver(document(["a", "b"]))
        d.stop()
        #expect(r.newItems == 1)
        #expect(newFiles(spool).count == 2)
    }

    @Test func crashAfterPublishingIsSettledByRecoveryWithoutDuplicates() async throws {
        // Simulate a crash between step 4 (files in new/) and step 5 (commit): intent recorded,
        // file published, no commit.
        do {
            let store = try SQLiteStateStore(path: dir + "/state.sqlite")
            let spool = try Spool(root: dir + "/spool")
            let ids = ItemIdentity.identities(for: { var e = FeedEntry(); e.id = "a"; e.title = "Title a"
                                                     e.link = "https://example.org/a"; return [e] }(),
                                              source: "src", rules: SourceSettings().identity)
            let item = KnownItem(key: ids[0].key, linkCanonical: ids[0].linkCanonical, titleDate: nil,
                                 contentHash: ids[0].contentHash, firstSeen: Timestamp(seconds: 1), lastSeen: Timestamp(seconds: 1), file: "x.json")
            try store.recordIntents([DeliveryIntent(file: "x.json", source: "src", item: item)])
            try spool.writeTemporary(name: "x.json", contents: Array("{}\n".utf8))
            try spool.publish(name: "x.json")
            try spool.writeTemporary(name: "orphan.json", contents: [1])   // crash mid-write of another batch
        }
        let (d, store, spool) = try open()
        #expect(try store.pendingIntents().isEmpty)
        #expect(spool.temporaryFiles().isEmpty)
        d.start()
        let r = await d.deliver(document(["a", "b"]))
        d.stop()
        #expect(r.newItems == 1)   // only b: a was published before the crash
        #expect(newFiles(spool).count == 2)
    }

    @Test func crashBeforePublishingDropsTheIntentSoTheItemIsDeliveredLater() async throws {
        do {
            let store = try SQLiteStateStore(path: dir + "/state.sqlite")
            let spool = try Spool(root: dir + "/spool")
            let item = KnownItem(key: "k", linkCanonical: nil, titleDate: nil, contentHash: "h",
                                 firstSeen: Timestamp(seconds: 1), lastSeen: Timestamp(seconds: 1), file: "y.json")
            try store.recordIntents([DeliveryIntent(file: "y.json", source: "src", item: item)])
            try spool.writeTemporary(name: "y.json", contents: [1])
        }
        let (d, store, spool) = try open()
        #expect(try store.pendingIntents().isEmpty)
        #expect(try store.knownItems(source: "src", keys: ["k"]).isEmpty)
        #expect(newFiles(spool).isEmpty)
        _ = d
    }

    @Test func failedFetchKeepsValidatorsAndCountsFailures() async throws {
        let (d, _, _) = try open()
        d.start()
        _ = await d.deliver(document(["a"]))
        let failure = PollResult(source: SourceConfig(name: "src", url: "https://example.org/feed"), requestURL: "https://example.org/feed",
                                 outcome: .fetchFailed(FetchFailure(kind: .httpStatus, message: "HTTP 500", status: 500)),
                                 startedAt: Timestamp(seconds: 1_700_000_100), duration: 0.1)
        let r = await d.deliver(failure)
        d.stop()
        #expect(r.status == .failed)
        #expect(d.sourceStates["src"]?.etag == "\"v1\"")
        #expect(d.sourceStates["src"]?.consecutiveFailures == 1)
        #expect(d.sourceStates["src"]?.itemsDelivered == 1)
    }

    @Test func connectionFailuresDuringANetworkOutageDoNotCount() async throws {
        let (d, _, _) = try open()
        d.start()
        var result = PollResult(source: SourceConfig(name: "src", url: "https://example.org/feed"), requestURL: "https://example.org/feed",
                                outcome: .fetchFailed(FetchFailure(kind: .connect, message: "Connection refused")),
                                startedAt: Timestamp(seconds: 1_700_000_100), duration: 0.1)
        result.networkDown = true
        let r = await d.deliver(result)
        d.stop()
        #expect(r.status == .failed)
        #expect(d.sourceStates["src"]?.consecutiveFailures == 0)
        #expect(d.sourceStates["src"]?.lastError == "Connection refused")
    }

    @Test func dryRunWritesNothing() async throws {
        let (d, store, spool) = try open(dryRun: true)
        d.start()
        let r = await d.deliver(document(["a", "b"]))
        d.stop()
        #expect(r.wouldDeliver.count == 2)
        #expect(newFiles(spool).isEmpty)
        #expect(try store.sourceStates().isEmpty)
    }
}
