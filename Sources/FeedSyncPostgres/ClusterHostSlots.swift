import Foundation

/// The cluster's `per_host` slots: slot `s` of a host is the PostgreSQL session-level advisory lock
/// (host key, s), held by the node's connection while one of its transfers to that host runs.
/// A node that dies frees its slots with its session; a database restart frees them all.
///
/// Advisory locks are re-entrant within a session, so a node must never try a slot it already
/// holds: the lock would be counted twice, one release would leave it held, and the node would
/// keep it for the life of its connection (every other node then waits forever for that host).
/// The query rules those slots out with a `CASE`, which fixes the order of evaluation: in a plain
/// `AND` the planner orders the two tests by cost and tried the lock first.
public final class ClusterHostSlots: @unchecked Sendable {
    private let db: PostgresConnection
    private let lock = NSLock()
    public let perHost: Int
    /// Slots this node's session holds, by host key.
    private var held: [Int32: Set<Int>] = [:]

    public init(db: PostgresConnection, perHost: Int) {
        self.db = db
        self.perHost = max(1, perHost)
    }

    /// One round trip: the first free slot of the host, locked; nil when all `perHost` are held.
    /// Throws when the database cannot be asked.
    public func tryTake(_ key: Int32) throws -> Int? {
        lock.lock(); defer { lock.unlock() }
        let mine = PostgresArray.text((held[key] ?? []).map { "\($0)" })
        // LIMIT 1 stops the scan at the first lock taken: later slots are never tried.
        let r = try db.execute("""
            SELECT s FROM generate_series(0, $2::int - 1) s
            WHERE CASE WHEN s = ANY($3::int[]) THEN false ELSE pg_try_advisory_lock($1::int, s) END
            LIMIT 1
            """, ["\(key)", "\(perHost)", mine])
        guard r.rowCount > 0, let slot = r.int(0, 0).map({ Int($0) }) else { return nil }
        held[key, default: []].insert(slot)
        return slot
    }

    /// Gives a slot back. A failed unlock (the connection was lost) has nothing left to free.
    public func release(_ key: Int32, _ slot: Int) {
        lock.lock(); defer { lock.unlock() }
        held[key]?.remove(slot)
        if held[key]?.isEmpty == true { held[key] = nil }
        do { try db.execute("SELECT pg_advisory_unlock($1::int, $2::int)", ["\(key)", "\(slot)"]) } catch { _ = error }
    }
}
