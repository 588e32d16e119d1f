import FeedSyncCore
import FeedSyncStore
import Foundation
import Logging
import Testing

/// What the pipeline does when the state itself is in trouble: a failed read fails the source and
/// delivers nothing; a lost state beside a full spool refuses to run until rebuilt.
@Suite struct StateFailureTests {
    let f = PipelineFixture()

    /// The real store, except that the Plan stage's batched read fails.
    final class FailingReads: StateStore {
        let inner: SQLiteStateStore
        init(_ inner: SQLiteStateStore) { self.inner = inner }
        struct ReadError: Error, CustomStringConvertible { var description: String { "disk I/O error" } }
        func planInputs(_ queries: [PlanQuery]) throws -> [PlanInputs] { throw ReadError() }
        func sourceStates() throws -> [String: SourceState] { try inner.sourceStates() }
        func commit(_ batch: CommitBatch) throws { try inner.commit(batch) }
        func pendingPublications() throws -> [String] { try inner.pendingPublications() }
        func lastSpoolName() throws -> String? { try inner.lastSpoolName() }
        func pendingIntents() throws -> [DeliveryIntent] { try inner.pendingIntents() }
        func pruneItems(source: String, before: Timestamp, keep: Int) throws { try inner.pruneItems(source: source, before: before, keep: keep) }
        func recentFingerprints(since: Timestamp) throws -> [DuplicateRecord] { try inner.recentFingerprints(since: since) }
        func pruneFingerprints(before: Timestamp) throws { try inner.pruneFingerprints(before: before) }
    }

    @Test func aFailedStoreReadFailsTheSourceWithItsCauseAndDeliversNothing() async throws {
        let d1 = try f.open()
        _ = await d1.deliver(PipelineFixture.document(["a"]))
        d1.stop()
        let d2 = try f.open(store: FailingReads(try f.store()))
        let r = await d2.deliver(PipelineFixture.document(["a", "b"])).report
        d2.stop()
        #expect(r.status == .failed)
        #expect(r.message == "state \(f.statePath): cannot read: disk I/O error")
        #expect(r.newItems == 0)
        #expect(try f.newFiles().count == 1)
        #expect(d2.currentStates()["src"]?.itemsDelivered == 1, "the state did not move")
    }

    @Test func aLostStateBesideASpoolWithItemsRefusesUntilRecovered() async throws {
        let d1 = try f.open()
        _ = await d1.deliver(PipelineFixture.document(["a", "b"]))
        d1.stop()
        try FileManager.default.removeItem(atPath: f.statePath)
        #expect(throws: StateLostError.self) { _ = try f.open() }

        let store = try f.store()
        let rebuilt = SpoolRebuild.read(spool: try f.spool())
        #expect(rebuilt.items.count == 2 && rebuilt.unreadable.isEmpty)
        var batch = CommitBatch(now: Timestamp(seconds: 1_700_000_000))
        batch.items = rebuilt.items
        batch.lastSpoolName = rebuilt.lastName
        try store.commit(batch)

        let d2 = try f.open()
        let r = await d2.deliver(PipelineFixture.document(["a", "b", "c"])).report
        d2.stop()
        #expect(r.newItems == 1)
        #expect(try f.newFiles().count == 3)
    }
}
