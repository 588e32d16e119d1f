/// `interval = "auto"`: the poll interval follows how often a source publishes, between
/// `min_interval` and `max_interval`.
///
/// The interval is an estimate of the gap between two new items, so that a poll finds about one new
/// item on average. It is derived only from what the state already keeps (the previous success and
/// the next-due time the previous poll chose), so it survives restarts without a schema change:
///
/// - a poll that finds `n` new items over `elapsed` seconds since the previous success observes a
///   gap of `elapsed / n`; the estimate moves halfway towards it (an exponentially weighted mean, so
///   one burst does not pin a source to `min_interval`);
/// - a poll that finds nothing lengthens the interval by half, so quiet sources are polled ever less
///   often until `max_interval`;
/// - the first success starts from the configured `interval` (default 30 minutes).
public enum AdaptiveInterval {
    /// Weight of the newest observation.
    public static let smoothing = 0.5
    /// Growth of the interval after a poll without new items.
    public static let quietGrowth = 1.5

    /// The interval after a successful poll that found `newItems` new items at `now`, given the
    /// source's state before that poll.
    public static func next(previous: SourceState, newItems: Int, settings: SourceSettings, now: Timestamp) -> Double {
        let start = clamp(settings.interval, settings)
        guard let lastSuccess = previous.lastSuccess else { return start }
        let current = currentInterval(previous, settings: settings) ?? start
        let next: Double
        if newItems > 0 {
            let elapsed = Double(max(1, now.seconds - lastSuccess.seconds))
            let observed = elapsed / Double(newItems)
            next = current + smoothing * (observed - current)
        } else {
            next = current * quietGrowth
        }
        return clamp(next, settings)
    }

    /// The interval the previous successful poll chose: the gap between its success and the due
    /// time it set (both are written from the same clock reading). Nil after a failure, whose
    /// due time is a backoff, not an interval.
    public static func currentInterval(_ state: SourceState, settings: SourceSettings) -> Double? {
        guard state.consecutiveFailures == 0, let success = state.lastSuccess, let due = state.nextDue,
              due > success else { return nil }
        return clamp(Double(due.seconds - success.seconds), settings)
    }

    /// The source as the scheduling rules should see it after this poll: with `interval = "auto"`,
    /// `settings.interval` is replaced by the adapted interval; other sources are returned as they are.
    public static func effectiveSource(_ source: SourceConfig, previous: SourceState, newItems: Int,
                                       now: Timestamp) -> SourceConfig {
        guard source.settings.adaptiveInterval else { return source }
        var s = source
        s.settings.interval = next(previous: previous, newItems: newItems, settings: source.settings, now: now)
        return s
    }

    static func clamp(_ v: Double, _ s: SourceSettings) -> Double {
        let lo = min(s.minInterval, s.maxInterval), hi = max(s.minInterval, s.maxInterval)
        return min(max(v, lo), hi)
    }
}
