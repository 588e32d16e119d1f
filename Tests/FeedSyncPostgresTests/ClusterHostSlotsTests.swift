import FeedSyncPostgres
import Testing

/// The cluster's per_host slots on a real PostgreSQL: a node takes at most `per_host`, and what it
/// gives back is free for every other node (advisory locks are re-entrant: a slot tried twice by
/// one session stayed held after its release, and other nodes starved for that host).
@Suite struct ClusterHostSlotsTests {
    func connection(_ url: String) throws -> PostgresConnection {
        try PostgresConnection(url: url, password: nil, displayURL: url)
    }

    @Test func slotsGivenBackAreFreeForAnotherNode() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let a = ClusterHostSlots(db: try connection(url), perHost: 3)
        let b = ClusterHostSlots(db: try connection(url), perHost: 3)
        let host: Int32 = 42
        let taken = try (0..<3).map { _ in try a.tryTake(host) }
        #expect(Set(taken.compactMap { $0 }) == [0, 1, 2], "three distinct slots")
        #expect(try a.tryTake(host) == nil, "no fourth slot for the same node")
        #expect(try b.tryTake(host) == nil, "nor for another node")
        for slot in taken.compactMap({ $0 }) { a.release(host, slot) }
        let other = try (0..<3).map { _ in try b.tryTake(host) }
        #expect(Set(other.compactMap { $0 }) == [0, 1, 2], "every released slot is free for the other node")
    }

    @Test func hostsAreCountedApart() throws {
        guard let url = try PostgresTestServer.database() else { return }
        let a = ClusterHostSlots(db: try connection(url), perHost: 1)
        #expect(try a.tryTake(1) == 0)
        #expect(try a.tryTake(2) == 0)
        #expect(try a.tryTake(1) == nil)
    }
}
