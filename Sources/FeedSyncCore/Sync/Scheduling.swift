/// Applies the politeness state machine (`SourceSchedule`, in Schedule/) to a source's persisted
/// state after a poll. The rules live there; this only maps values in and out.
enum Scheduling {
    static func afterSuccess(_ st: inout SourceState, response: FetchResponse, ttl: Int?, source: SourceConfig, now: Timestamp) {
        let fresh = CacheHints.freshness(headers: response.headers, now: now, feedTTL: ttl)
        st.schedule = st.schedule.after(.succeeded(freshFor: fresh), now: now, policy: source.schedulePolicy)
    }

    /// `failure` nil: a body the engine could not use (`status` is the HTTP status it came with).
    static func afterFailure(_ st: inout SourceState, failure: FetchFailure?, status: Int?, source: SourceConfig, now: Timestamp) {
        let outcome = PollOutcome.failed(kind: failure?.kind ?? .other, status: failure?.status ?? status,
                                         retryAfter: failure?.retryAfter)
        st.schedule = st.schedule.after(outcome, now: now, policy: source.schedulePolicy)
    }

    static func afterNetworkDown(_ st: inout SourceState, source: SourceConfig, now: Timestamp) {
        st.schedule = st.schedule.after(.networkDown, now: now, policy: source.schedulePolicy)
    }
}

extension SourceState {
    /// The scheduling fields as the state machine sees them.
    public var schedule: SourceSchedule {
        get {
            SourceSchedule(nextDue: nextDue, consecutiveFailures: consecutiveFailures, backoffUntil: backoffUntil,
                           retryAfterUntil: retryAfterUntil, disabledReason: disabledReason.flatMap(DisabledReason.init(rawValue:)),
                           disabledAt: disabledAt, configFingerprint: disabledFingerprint,
                           lastAttempt: lastAttempt, lastSuccess: lastSuccess)
        }
        set {
            nextDue = newValue.nextDue
            consecutiveFailures = newValue.consecutiveFailures
            backoffUntil = newValue.backoffUntil
            retryAfterUntil = newValue.retryAfterUntil
            disabledReason = newValue.disabledReason?.rawValue
            disabledAt = newValue.disabledAt
            disabledFingerprint = newValue.configFingerprint
            lastAttempt = newValue.lastAttempt
            lastSuccess = newValue.lastSuccess
        }
    }
}

extension SourceConfig {
    /// The schedule-shaping keys of this source.
    public var schedulePolicy: SchedulePolicy {
        let s = settings
        return SchedulePolicy(interval: Int64(s.interval.rounded()), maxInterval: Int64(s.maxInterval.rounded()),
                              maxRetryAfter: Int64(s.maxRetryAfter.rounded()), respectCacheHints: s.respectCacheHints,
                              configFingerprint: fingerprint)
    }
}

extension SkipReason {
    /// Every skip can be overridden by `sync --force`; "not due" needs no override (plain `sync`).
    var isLiftedByForce: Bool {
        if case .notDue = self { return false }
        return true
    }
}
