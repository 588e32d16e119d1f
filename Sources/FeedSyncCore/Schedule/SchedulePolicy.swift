/// The configuration that shapes one source's schedule, resolved from the global and
/// per-source config keys. All durations in seconds.
public struct SchedulePolicy: Sendable, Equatable {
    /// Regular poll interval (config `interval`, default 30m).
    public var interval: Int64
    /// Longest gap between polls, for backoff and cache hints alike (config `max_interval`,
    /// default 24h). Treated as at least `interval`.
    public var maxInterval: Int64
    /// Longest `Retry-After` honoured (config `max_retry_after`, default 2d).
    public var maxRetryAfter: Int64
    /// Whether `Cache-Control`/`Expires`/feed TTL may push the next poll later than `interval`
    /// (config `respect_cache_hints`, default true).
    public var respectCacheHints: Bool
    /// Share of the exponential backoff excess removed at random (see `Backoff`).
    public var jitter: Double
    /// Identifies the source's configuration (say, a hash of its resolved keys). When it
    /// changes, `SourceSchedule.reconciled(with:)` lifts a 410 disable, backoff and Retry-After.
    public var configFingerprint: String

    /// Defaults are DESIGN.md's and issue 5's: 30m, 24h, 2d, hints respected.
    public init(interval: Int64 = 30 * 60, maxInterval: Int64 = 24 * 3600, maxRetryAfter: Int64 = 2 * 86_400,
                respectCacheHints: Bool = true, jitter: Double = Backoff.defaultJitter,
                configFingerprint: String = "") {
        self.interval = interval
        self.maxInterval = maxInterval
        self.maxRetryAfter = maxRetryAfter
        self.respectCacheHints = respectCacheHints
        self.jitter = jitter
        self.configFingerprint = configFingerprint
    }

    /// `maxInterval`, never below `interval`.
    public var effectiveMaxInterval: Int64 { max(interval, maxInterval) }
}
