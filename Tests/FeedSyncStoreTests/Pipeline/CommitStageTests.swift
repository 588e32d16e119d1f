import FeedSyncCore
import FeedSyncStore
import Foundation
import Logging
import Testing

/// The Commit stage's exactly-once protocol against a real SQLite file and a real spool directory.
@Suite struct CommitStageTests {
    var f = PipelineFixture()

    @Test func deliversEachNewItemOnceAsACompleteJSONFile() async throws {
        let d = try f.open()
        let first = await d.deliver(PipelineFixture.document(["a", "b"])).report
        #expect(first.status == .ok && first.newItems == 2)
        #expect(try f.store().pendingPublications().count == 2, "published; cleared by the next commit")
        let second = await d.deliver(PipelineFixture.document(["a", "b"])).report
        #expect(second.newItems == 0)
        d.stop()
        let files = try f.newFiles()
        #expect(files.count == 2)
        for name in files {
            let obj = try f.item(name)
            #expect(obj["source"] as? String == "src")
            #expect(obj["event"] as? String == "new")
            #expect(name.contains(".src.") && name.hasSuffix(".json"))
        }
        #expect(d.currentStates()["src"]?.etag == "\"v1\"")
        #expect(d.currentStates()["src"]?.itemsDelivered == 2)
        #expect(try f.store().pendingPublications().isEmpty)
    }

    @Test func stateSurvivesReopening() async throws {
        let d1 = try f.open()
        _ = await d1.deliver(PipelineFixture.document(["a"]))
        d1.stop()
        let d2 = try f.open()
        let r = await d2.deliver(PipelineFixture.document(["a", "b"])).report
        d2.stop()
        #expect(r.newItems == 1)
        #expect(try f.newFiles().count == 2)
    }

    /// A crash after the commit point and before the renames: the files are in tmp/, the state says
    /// delivered. Recovery publishes them; the next poll delivers nothing again.
    @Test func committedButUnpublishedFilesArePublishedByRecovery() async throws {
        let store = try f.store()
        let spool = try f.spool()
        var batch = CommitBatch(now: Timestamp(seconds: 1_700_000_000))
        let ids = PipelineFixture.document(["a"])
        guard case let .document(parsed) = ids.outcome else { Issue.record("no document"); return }
        let id = parsed.identities[0]
        let name = "0001700000000000.000000.src.\(id.key.prefix(16)).json"
        batch.items = [("src", KnownItem(key: id.key, linkCanonical: id.linkCanonical, titleDate: id.titleDate,
                                         contentHash: id.contentHash, firstSeen: batch.now, lastSeen: batch.now, file: name))]
        batch.publications = [name]
        batch.sources = [SourceState(name: "src")]
        try spool.writeTemporary(name: name, contents: Array("{\"id\":\"a\"}\n".utf8))
        try store.commit(batch)
        try spool.writeTemporary(name: "orphan.json", contents: [1])   // a batch that never reached its commit

        let d = try f.open()
        #expect(try f.newFiles() == [name])
        #expect(spool.temporaryFiles().isEmpty)
        #expect(try f.store().pendingPublications().isEmpty)
        let r = await d.deliver(PipelineFixture.document(["a", "b"])).report
        d.stop()
        #expect(r.newItems == 1)
    }

    /// The case the old recovery got wrong: published, not yet cleared, then a consumer moved the
    /// files away before the next start. Nothing is delivered twice.
    @Test func aConsumerMovingPublishedFilesNeverCausesRedelivery() async throws {
        let d1 = try f.open()
        _ = await d1.deliver(PipelineFixture.document(["a", "b"]))
        d1.stop()
        #expect(try f.store().pendingPublications().count == 2)
        for name in try f.newFiles() { try FileManager.default.removeItem(atPath: try f.spool().newDir + "/" + name) }
        let d2 = try f.open()
        let r = await d2.deliver(PipelineFixture.document(["a", "b"])).report
        d2.stop()
        #expect(r.newItems == 0)
        #expect(try f.newFiles().isEmpty)
    }

    @Test func legacyIntentsAreSettledTheOldWay() async throws {
        _ = try f.store()
        let spool = try f.spool()
        let db = try SQLiteDatabase(path: f.statePath)
        try db.execute("""
            INSERT INTO intents (file, source, key, content_hash, first_seen) VALUES ('p.json', 'src', 'kp', 'h', 1);
            INSERT INTO intents (file, source, key, content_hash, first_seen) VALUES ('u.json', 'src', 'ku', 'h', 1);
            INSERT INTO sources (name) VALUES ('src');
            """)
        try spool.writeTemporary(name: "p.json", contents: [1])
        try spool.publish(name: "p.json")
        try spool.writeTemporary(name: "u.json", contents: [1])
        let d = try f.open()
        d.stop()
        #expect(try f.store().pendingIntents().isEmpty)
        #expect(try f.store().knownItems(source: "src", keys: ["kp", "ku"]).keys.sorted() == ["kp"])
        #expect(try f.newFiles() == ["p.json"])
    }

    @Test func failedFetchKeepsValidatorsAndCountsFailures() async throws {
        let d = try f.open()
        _ = await d.deliver(PipelineFixture.document(["a"]))
        let r = await d.deliver(PipelineFixture.failure(.httpStatus, "HTTP 500", status: 500)).report
        d.stop()
        #expect(r.status == .failed)
        let st = d.currentStates()["src"]
        #expect(st?.etag == "\"v1\"")
        #expect(st?.consecutiveFailures == 1)
        #expect(st?.itemsDelivered == 1)
    }

    @Test func connectionFailuresDuringANetworkOutageDoNotCount() async throws {
        let d = try f.open()
        var polled = PipelineFixture.failure(.connect, "Connection refused")
        polled.networkDown = true
        let r = await d.deliver(polled).report
        d.stop()
        #expect(r.status == .failed)
        #expect(d.currentStates()["src"]?.consecutiveFailures == 0)
        #expect(d.currentStates()["src"]?.lastError == "Connection refused")
    }

    @Test func dryRunPlansButWritesNothing() async throws {
        let d = try f.open(dryRun: true)
        let result = await d.deliver(PipelineFixture.document(["a", "b"]))
        d.stop()
        #expect(result.plan?.deliveries.count == 2)
        #expect(result.plan?.decisions.map(\.verdict) == [.deliver, .deliver])
        #expect(try f.newFiles().isEmpty)
        #expect(try f.store().sourceStates().isEmpty)
    }

    /// Spool names sort in delivery order even when the clock steps back between runs.
    @Test func namesKeepSortingWhenTheClockStepsBack() async throws {
        var f = self.f
        f.clock = { 1_700_000_000 }
        let d1 = try f.open()
        _ = await d1.deliver(PipelineFixture.document(["a"]))
        d1.stop()
        f.clock = { 1_700_000_000 - 7_200 }
        let d2 = try f.open()
        _ = await d2.deliver(PipelineFixture.document(["b"]))
        _ = await d2.deliver(PipelineFixture.document(["c"]))
        d2.stop()
        let titles = try f.newFiles().map { try f.item($0)["title"] as? String }
        #expect(titles == ["Title a", "Title b", "Title c"])
    }
}
