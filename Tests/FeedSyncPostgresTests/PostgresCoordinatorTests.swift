import FeedSyncCore
import FeedSyncPostgres
import Foundation
import Testing

/// Leases on a real PostgreSQL: nodes never hold the same source, a dead node's leases expire,
/// and what one node commits (Retry-After) decides what every node claims.
@Suite struct PostgresCoordinatorTests {
    func nodes(_ url: String, lease: Double = 60) throws -> (PostgresCoordinator, PostgresCoordinator) {
        _ = try PostgresStateStore(url: url, password: nil, node: "setup")   // migrates
        return (try PostgresCoordinator(url: url, password: nil, node: "n1", leaseSeconds: lease),
                try PostgresCoordinator(url: url, password: nil, node: "n2", leaseSeconds: lease))
    }

    @Test func twoNodesNeverClaimTheSameSource() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let (n1, n2) = try nodes(url)
        let names = (0..<10).map { "s\($0)" }
        try n1.register(pid: 1, version: "t", sources: names)
        try n2.register(pid: 2, version: "t", sources: names)
        let a = Set(try n1.claim(among: names, limit: 6, dueOnly: true).map(\.name))
        let b = Set(try n2.claim(among: names, limit: 6, dueOnly: true).map(\.name))
        #expect(a.count == 6 && b.count == 4)
        #expect(a.isDisjoint(with: b))
        try n1.release(Array(a))
        #expect(Set(try n2.claim(among: names, limit: 10, dueOnly: true).map(\.name)) == a)
    }

    @Test func aDeadNodesLeasesExpireAndAnotherNodeTakesOver() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let (n1, n2) = try nodes(url, lease: 0.3)
        try n1.register(pid: 1, version: "t", sources: ["s"])
        #expect(try n1.claim(among: ["s"], limit: 1, dueOnly: true).count == 1)
        #expect(try n2.claim(among: ["s"], limit: 1, dueOnly: true).isEmpty, "leased")
        Thread.sleep(forTimeInterval: 1.2)    // n1 "dies": no renewal
        #expect(try n2.claim(among: ["s"], limit: 1, dueOnly: true).map(\.name) == ["s"])
    }

    @Test func renewalKeepsALeaseAlive() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let (n1, n2) = try nodes(url, lease: 1.5)
        try n1.register(pid: 1, version: "t", sources: ["s"])
        _ = try n1.claim(among: ["s"], limit: 1, dueOnly: true)
        for _ in 0..<3 {
            Thread.sleep(forTimeInterval: 0.8)
            try n1.heartbeat(renewing: ["s"])
        }
        #expect(try n2.claim(among: ["s"], limit: 1, dueOnly: true).isEmpty)
    }

    @Test func retryAfterCommittedByOneNodeHoldsTheSourceOnEveryNode() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let (_, n2) = try nodes(url)
        let store = try PostgresStateStore(url: url, password: nil, node: "n1")
        var batch = CommitBatch(now: Timestamp(seconds: 10))
        var held = SourceState(name: "held")
        held.retryAfterUntil = Timestamp(seconds: Int64(Date().timeIntervalSince1970) + 3600)
        batch.sources = [held, SourceState(name: "free")]
        try store.commit(batch)
        #expect(try n2.claim(among: ["held", "free"], limit: 10, dueOnly: true).map(\.name) == ["free"])
        #expect(try n2.claim(among: ["held"], limit: 10, dueOnly: false).map(\.name) == ["held"], "sync --force")
    }
}
