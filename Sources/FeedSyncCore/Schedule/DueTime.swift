/// When the daemon polls a source next: pure functions of the persisted state, the source's config
/// and the current time (seconds since the epoch, as `Double`).
///
/// The state's `nextDue` (written by the Plan stage's scheduling rules: interval, adaptive interval,
/// backoff, cache hints) is the base. On top of it:
///
/// - **jitter** of ±10% of the gap the last poll chose, so sources configured alike drift apart
///   instead of hitting their servers in lockstep. It is a deterministic function of the source's
///   name and last attempt, so a restart computes the same due time (nothing is persisted for it);
/// - during failure backoff the jitter is only ever positive: polling before `nextDue` would be
///   refused by `SyncEngine.skipReason`;
/// - never before `retryAfterUntil` (a server's Retry-After is a floor, not a hint);
/// - sources disabled by 410 Gone are not scheduled while their config is unchanged;
/// - sources never polled are due at once.
///
/// Due times are whole seconds, like the schedule the state persists: a poll started at a
/// fractional second would have its next due time computed from the truncated start, and come up
/// to a second before a full interval (or a Retry-After deadline).
public enum DueTime {
    /// Jitter as a share of the gap between polls.
    public static let jitterShare = 0.1
    /// On start-up, known sources already overdue are spread over this share of their gap, capped by
    /// `catchUpCap` seconds, so a daemon that was down for a while does not poll everything at once.
    public static let catchUpShare = 0.1
    public static let catchUpCap = 300.0

    /// The due time of a source, or nil when it must not be polled (disabled by 410 Gone).
    public static func due(state: SourceState?, source: SourceConfig, now: Double) -> Double? {
        guard let state, let attempt = state.lastAttempt else { return now.rounded(.up) }
        if state.disabledReason != nil, state.disabledFingerprint == source.fingerprint { return nil }
        let last = Double(attempt.seconds)
        let gap = self.gap(state, source: source)
        let base = state.nextDue.map { Double($0.seconds) } ?? last + gap
        var offset = (jitter(name: source.name, attempt: attempt) * jitterShare * gap).rounded()
        if state.consecutiveFailures > 0 { offset = abs(offset) }
        var due = base + offset
        if let until = state.retryAfterUntil { due = max(due, Double(until.seconds)) }
        return due
    }

    /// The due time on start-up (or when a source is added by a reload): like `due`, except that a
    /// known source already overdue is spread over a short window after `now` instead of piling up at
    /// `now`. Sources never polled stay due at once.
    public static func dueOnStart(state: SourceState?, source: SourceConfig, now: Double) -> Double? {
        guard let due = due(state: state, source: source, now: now) else { return nil }
        guard let state, let attempt = state.lastAttempt, due < now else { return due }
        let window = min(catchUpShare * gap(state, source: source), catchUpCap)
        let share = (jitter(name: source.name + "/catch-up", attempt: attempt) + 1) / 2
        return (now + share * window).rounded(.up)
    }

    /// The due time after a reload changed a source's config while it was idle: a changed URL, type
    /// or selector (a new fingerprint) is polled at once; a shorter fixed interval takes effect from
    /// the last attempt instead of waiting out the old one.
    public static func afterConfigChange(state: SourceState?, old: SourceConfig, new: SourceConfig, now: Double) -> Double? {
        if old.fingerprint != new.fingerprint { return now.rounded(.up) }
        guard let recomputed = due(state: state, source: new, now: now) else { return nil }
        guard let state, let attempt = state.lastAttempt, state.consecutiveFailures == 0,
              !new.settings.adaptiveInterval, !old.settings.adaptiveInterval,
              new.settings.interval < old.settings.interval else { return recomputed }
        let sooner = (Double(attempt.seconds) + new.settings.interval
            * (1 + jitter(name: new.name, attempt: attempt) * jitterShare)).rounded(.up)
        var due = min(recomputed, sooner)
        if let until = state.retryAfterUntil { due = max(due, Double(until.seconds)) }
        return due
    }

    /// The gap the last poll chose (what jitter and catch-up are proportional to).
    static func gap(_ state: SourceState, source: SourceConfig) -> Double {
        if let due = state.nextDue, let attempt = state.lastAttempt, due > attempt {
            return Double(due.seconds - attempt.seconds)
        }
        return source.settings.interval
    }

    /// A deterministic number in [-1, 1] for a source and its last attempt (FNV-1a: Swift's
    /// `Hasher` is seeded per process, which would move due times on every restart).
    public static func jitter(name: String, attempt: Timestamp) -> Double {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var t = UInt64(bitPattern: attempt.seconds)
        for _ in 0..<8 { h = (h ^ (t & 0xff)) &* 0x100_0000_01b3; t >>= 8 }
        // Finalise (splitmix64) so nearby inputs spread over the whole range.
        h ^= h >> 30; h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 27; h = h &* 0x94d0_49bb_1331_11eb
        h ^= h >> 31
        return Double(h >> 11) / Double(1 << 53) * 2 - 1
    }
}
