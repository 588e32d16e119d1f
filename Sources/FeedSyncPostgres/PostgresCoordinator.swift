import FeedSyncCore
import Foundation

/// How several nodes share the work of one PostgreSQL state: nodes and their heartbeats, and
/// leases on sources. A node claims due sources in batches (`SELECT ... FOR UPDATE SKIP LOCKED`,
/// so two nodes never wait on or take the same rows), renews its leases while it polls them, and
/// releases them when done. A node that dies stops renewing: its leases expire and other nodes
/// claim those sources.
///
/// Its own connection (the delivery thread owns the store's), used under a lock: calls are short.
public final class PostgresCoordinator: @unchecked Sendable {
    private let db: PostgresConnection
    private let lock = NSLock()
    public let node: String
    /// How long a claim holds a source without renewal, in seconds.
    public let leaseSeconds: Double

    public init(url: String, password: String?, node: String, leaseSeconds: Double) throws {
        db = try PostgresConnection(url: url, password: password, displayURL: PostgresURL.redact(url))
        self.node = node
        self.leaseSeconds = leaseSeconds
    }

    private func locked<T>(_ body: () throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        return try body()
    }

    static func now() -> Double { Date().timeIntervalSince1970 }

    /// Announces this node (or refreshes its row after a restart), makes sure every configured
    /// source has a row to be claimed by, and frees what a previous run of this node still held.
    public func register(pid: Int32, version: String, sources: [String]) throws {
        let now = Self.now()
        try locked {
            try db.execute("""
                INSERT INTO nodes (id, pid, version, started, heartbeat) VALUES ($1, $2, $3, $4, $4)
                ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, version = excluded.version,
                  started = excluded.started, heartbeat = excluded.heartbeat
                """, [node, "\(pid)", version, "\(now)"])
            try db.execute("INSERT INTO sources (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING",
                           [PostgresArray.text(sources)])
            // Leases of this node's previous run (it died or was killed): free at once rather
            // than after lease_time. Only one process runs as this node (the instance lock).
            try db.execute("UPDATE sources SET leased_by = NULL, lease_until = NULL WHERE leased_by = $1", [node])
        }
    }

    /// Rows for sources a reloaded config added (claimable by every node); existing rows stay.
    public func addSources(_ sources: [String]) throws {
        guard !sources.isEmpty else { return }
        try locked {
            _ = try db.execute("INSERT INTO sources (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING",
                           [PostgresArray.text(sources)])
        }
    }

    /// The heartbeat, and the renewal of every lease this node holds on `sources`.
    public func heartbeat(renewing sources: [String]) throws {
        let now = Self.now()
        try locked {
            try db.execute("UPDATE nodes SET heartbeat = $2 WHERE id = $1", [node, "\(now)"])
            if !sources.isEmpty {
                // Rows locked in byte order of the name, as the commit writes them: no deadlock.
                try db.execute("""
                    UPDATE sources SET lease_until = $2 WHERE name IN (
                      SELECT name FROM sources WHERE leased_by = $1 AND name = ANY($3) ORDER BY name COLLATE "C" FOR UPDATE)
                    """, [node, "\(now + leaseSeconds)", PostgresArray.text(sources)])
            }
        }
    }

    /// Leases up to `limit` of `among` that no live lease holds, the most overdue first, and returns
    /// their committed states. With `dueOnly`, only sources whose next poll, Retry-After and backoff
    /// have all passed (the daemon); without, any (`sync`). Disabled sources are never claimed by
    /// the daemon.
    public func claim(among names: [String], limit: Int, dueOnly: Bool) throws -> [SourceState] {
        guard limit > 0, !names.isEmpty else { return [] }
        // $4 is the exact time, not whole seconds: a lease of a fraction of a second truncated
        // against an integer clock could outlive itself by up to a second.
        let now = Self.now()
        let due = dueOnly ? """
            AND disabled_reason IS NULL AND COALESCE(next_due, 0) <= $4 AND COALESCE(retry_after_until, 0) <= $4
            AND COALESCE(backoff_until, 0) <= $4
            """ : ""
        return try locked {
            try db.execute("""
                UPDATE sources SET leased_by = $1, lease_until = $2
                WHERE name IN (SELECT name FROM sources
                               WHERE name = ANY($3) AND (lease_until IS NULL OR lease_until < $4) \(due)
                               ORDER BY next_due NULLS FIRST LIMIT $5 FOR UPDATE SKIP LOCKED)
                RETURNING \(SourceStateRow.columns)
                """, [node, "\(now + leaseSeconds)", PostgresArray.text(names), "\(now)", "\(limit)"])
                .rows.map { SourceStateRow.decode($0) }
        }
    }

    /// Gives up this node's leases on `sources` (polled, or abandoned at shutdown).
    public func release(_ sources: [String]) throws {
        guard !sources.isEmpty else { return }
        try locked {
            _ = try db.execute("""
                UPDATE sources SET leased_by = NULL, lease_until = NULL WHERE name IN (
                  SELECT name FROM sources WHERE leased_by = $1 AND name = ANY($2) ORDER BY name COLLATE "C" FOR UPDATE)
                """, [node, PostgresArray.text(sources)])
        }
    }

    /// The next time any source is due (to sleep until), or nil when none is scheduled.
    public func nextDue(among names: [String]) throws -> Double? {
        try locked {
            try db.execute("""
                SELECT MIN(GREATEST(COALESCE(next_due, 0), COALESCE(retry_after_until, 0), COALESCE(backoff_until, 0)))
                FROM sources WHERE name = ANY($1) AND disabled_reason IS NULL
                """, [PostgresArray.text(names)]).double(0, 0)
        }
    }
}
