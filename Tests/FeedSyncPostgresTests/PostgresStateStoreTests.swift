import FeedSyncCore
import FeedSyncPostgres
import Foundation
import Testing

/// The StateStore port over a real PostgreSQL: migrations, the commit, and the cross-node arbiter.
@Suite struct PostgresStateStoreTests {
    func item(_ key: String, file: String?) -> KnownItem {
        KnownItem(key: key, linkCanonical: "https://example.org/\(key)", titleDate: nil, contentHash: "h-\(key)",
                  firstSeen: Timestamp(seconds: 10), lastSeen: Timestamp(seconds: 10), file: file)
    }

    @Test func migratesAFreshDatabaseAndReopensIt() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let first = try PostgresStateStore(url: url, password: nil, node: "n1")
        #expect(first.schemaVersion >= 1)
        let again = try PostgresStateStore(url: url, password: nil, node: "n1")
        #expect(again.schemaVersion == first.schemaVersion)
    }

    @Test func refusesASchemaNewerThanItKnows() throws {
        guard let url = try PostgresTestServer.database() else { return }
        _ = try PostgresStateStore(url: url, password: nil, node: "n1")
        try PostgresConnection(url: url, password: nil, displayURL: url)
            .execute("INSERT INTO schema_migrations (version, applied) VALUES (999, 0)")
        #expect {
            try PostgresStateStore(url: url, password: nil, node: "n1")
        } throws: { "\($0)".contains("newer than this feedsync") }
    }

    @Test func commitsStatesItemsAndThisNodesPublications() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let store = try PostgresStateStore(url: url, password: nil, node: "n1")
        let other = try PostgresStateStore(url: url, password: nil, node: "n2")
        var batch = CommitBatch(now: Timestamp(seconds: 10))
        var state = SourceState(name: "src")
        state.etag = "\"v1\""; state.retryAfterUntil = Timestamp(seconds: 99); state.lastDuration = 0.25
        batch.sources = [state]
        batch.items = [("src", item("a", file: "f1.json"))]
        batch.publications = ["f1.json"]
        batch.lastSpoolName = "f1.json"
        _ = try store.planInputs([PlanQuery(source: "src", identities: [])])
        try store.commit(batch)
        #expect(try store.sourceStates()["src"] == state)
        #expect(try other.sourceStates()["src"] == state, "one node's Retry-After binds every node")
        #expect(try store.pendingPublications() == ["f1.json"])
        #expect(try other.pendingPublications().isEmpty, "publications are per node")
        #expect(try store.lastSpoolName() == "f1.json")
        #expect(try other.lastSpoolName() == nil)
        var clear = CommitBatch(now: Timestamp(seconds: 11))
        clear.clearedPublications = ["f1.json"]
        try store.commit(clear)
        #expect(try store.pendingPublications().isEmpty)
    }

    /// Two nodes planned the same new item from the same committed state: the second commit fails as
    /// a whole and leaves nothing of itself behind.
    @Test func theSecondNodeToCommitTheSameDeliveryLosesAndCommitsNothing() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let n1 = try PostgresStateStore(url: url, password: nil, node: "n1")
        let n2 = try PostgresStateStore(url: url, password: nil, node: "n2")
        let query = PlanQuery(source: "src", identities: [])
        _ = try n1.planInputs([query])
        _ = try n2.planInputs([query])
        var b1 = CommitBatch(now: Timestamp(seconds: 10))
        b1.items = [("src", item("a", file: "n1-a.json"))]
        b1.publications = ["n1-a.json"]
        var b2 = CommitBatch(now: Timestamp(seconds: 10))
        b2.items = [("src", item("a", file: "n2-a.json"))]
        b2.publications = ["n2-a.json"]
        var s2 = SourceState(name: "src"); s2.etag = "\"n2\""
        b2.sources = [s2]
        try n1.commit(b1)
        #expect { try n2.commit(b2) } throws: { "\($0)".contains("another node committed these items first") }
        #expect(try n2.pendingPublications().isEmpty)
        #expect(try n2.sourceStates()["src"] == nil, "the losing transaction left nothing")
    }
}
