extension SourceSchedule {
    /// The state after a poll that started at `now` ended with `outcome`.
    ///
    /// - success (2xx/304): failures, backoff and Retry-After cleared; next due after
    ///   `interval`, or after the publisher's freshness hint when that is longer and
    ///   `respectCacheHints` is on (capped by `maxInterval`).
    /// - 410 Gone: disabled until the configuration fingerprint changes.
    /// - any other failure: one more consecutive failure; backoff per `Backoff.delay`; on a
    ///   429 or 503, `Retry-After` (capped by `maxRetryAfter`) also holds the source; next due
    ///   is the later of the two.
    /// - network down: nothing counted; next due after `interval`.
    ///
    /// - Parameter random: the jitter source; pass a seeded generator in tests.
    public func after<R: RandomNumberGenerator>(_ outcome: PollOutcome, now: Timestamp, policy: SchedulePolicy,
                                                using random: inout R) -> SourceSchedule {
        var next = reconciled(with: policy)
        next.lastAttempt = now
        next.configFingerprint = policy.configFingerprint
        switch outcome {
        case .succeeded(let freshFor):
            next.consecutiveFailures = 0
            next.backoffUntil = nil
            next.retryAfterUntil = nil
            next.lastSuccess = now
            var wait = policy.interval
            if policy.respectCacheHints, let hint = freshFor {
                wait = max(wait, min(hint, policy.effectiveMaxInterval))
            }
            next.nextDue = Timestamp(seconds: now.seconds + max(1, wait))

        case .failed(_, let status, let retryAfter):
            next.consecutiveFailures += 1
            if status == 410 {
                next.disabledReason = .gone
                next.disabledAt = now
                next.backoffUntil = nil
                next.retryAfterUntil = nil
                next.nextDue = nil
                return next
            }
            let unit = Double.random(in: 0..<1, using: &random)
            let delay = Backoff.delay(failures: next.consecutiveFailures, interval: policy.interval,
                                      maxInterval: policy.maxInterval, jitter: policy.jitter, unit: unit)
            let backoff = Timestamp(seconds: now.seconds + delay)
            next.backoffUntil = backoff
            next.retryAfterUntil = (status == 429 || status == 503)
                ? RetryAfter.until(retryAfter, now: now, cap: policy.maxRetryAfter) : nil
            next.nextDue = max(backoff, next.retryAfterUntil ?? backoff)

        case .networkDown:
            next.nextDue = Timestamp(seconds: now.seconds + max(1, policy.interval))
        }
        return next
    }

    /// `after(_:now:policy:using:)` with the system's random generator.
    public func after(_ outcome: PollOutcome, now: Timestamp, policy: SchedulePolicy) -> SourceSchedule {
        var rng = SystemRandomNumberGenerator()
        return after(outcome, now: now, policy: policy, using: &rng)
    }

    /// This state under `policy`: when the source's configuration changed since the state was
    /// computed, a 410 disable, backoff, Retry-After and the failure count are lifted and the
    /// source is due at once (the operator fixed something; try it). Otherwise unchanged.
    /// Call before `decision` with the current configuration.
    public func reconciled(with policy: SchedulePolicy) -> SourceSchedule {
        guard let old = configFingerprint, old != policy.configFingerprint else { return self }
        return SourceSchedule(configFingerprint: policy.configFingerprint,
                              lastAttempt: lastAttempt, lastSuccess: lastSuccess)
    }
}
