import FeedSyncCore
import Foundation

/// `per_host` and `host_delay` for the whole cluster: a `Fetcher` that, before each request to a
/// network host, takes one of the host's `per_host` slots (a PostgreSQL session-level advisory lock
/// keyed by host and slot number, held until the transfer ends) and reserves its start time in
/// `host_starts` (each start `host_delay` after the cluster's previous one), then hands the request
/// to the node's own fetcher, which keeps its own caps too.
///
/// Advisory locks belong to the session: a node that dies frees its slots with its connection.
/// A database restart frees them all (each node then holds at most `per_host` again at once).
/// Redirects to another host are not counted against that host (as with the node's own caps, the
/// slot is taken for the request's host).
public final class ClusterPoliteFetcher: Fetcher, @unchecked Sendable {
    private let inner: Fetcher
    private let db: PostgresConnection
    private let slots: ClusterHostSlots
    private let hostDelay: Double

    public init(inner: Fetcher, url: String, password: String?, perHost: Int, hostDelay: Double) throws {
        self.inner = inner
        db = try PostgresConnection(url: url, password: password, displayURL: PostgresURL.redact(url))
        slots = ClusterHostSlots(db: db, perHost: perHost)
        self.hostDelay = hostDelay
    }

    public func fetch(_ request: FetchRequest) async -> FetchResult {
        guard let host = Self.host(of: request.url) else { return await inner.fetch(request) }
        let key = Self.key(host)
        var slot: Int?
        var wait = 0.005
        while slot == nil && !Task.isCancelled {
            slot = tryTakeSlot(key)
            if slot == nil {
                try? await Task.sleep(for: .seconds(wait))
                wait = min(wait * 2, 0.1)
            }
        }
        defer { if let slot { releaseSlot(key, slot) } }
        let delay = max(hostDelay, request.hostDelay ?? 0)
        if delay > 0, let start = reserveStart(host: host, delay: delay) {
            let pause = start - Date().timeIntervalSince1970
            if pause > 0 { try? await Task.sleep(for: .seconds(pause)) }
        }
        return await inner.fetch(request)
    }

    /// A free slot of the host, or -1 when the database cannot be asked: politeness across nodes
    /// waits for the database, deliveries never depend on it (the node's own `per_host` still holds).
    private func tryTakeSlot(_ key: Int32) -> Int? {
        do { return try slots.tryTake(key) } catch { return -1 }
    }

    private func releaseSlot(_ key: Int32, _ slot: Int) {
        guard slot >= 0 else { return }
        slots.release(key, slot)
    }

    /// The start time the cluster grants this request: `delay` after the host's last granted start.
    private func reserveStart(host: String, delay: Double) -> Double? {
        let now = Date().timeIntervalSince1970
        do {
            return try db.execute("""
                INSERT INTO host_starts (host, next_at) VALUES ($1, $2::float8 + $3::float8)
                ON CONFLICT (host) DO UPDATE SET next_at = GREATEST(host_starts.next_at, $2::float8) + $3::float8
                RETURNING next_at - $3::float8
                """, [host, "\(now)", "\(delay)"]).double(0, 0)
        } catch {
            return nil
        }
    }

    /// The lower-cased host (with port) of an http(s) URL; nil for `file:` and anything else.
    static func host(of url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
              let start = lower.range(of: "://")?.upperBound else { return nil }
        var authority = lower[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return authority.isEmpty ? nil : String(authority)
    }

    /// FNV-1a of the host, folded to the advisory lock's first 32-bit key.
    static func key(_ host: String) -> Int32 {
        var h: UInt32 = 2_166_136_261
        for b in host.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return Int32(bitPattern: h)
    }
}
