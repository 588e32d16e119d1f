/// The polling state of one source: everything the scheduler must remember between runs.
/// The store persists each field as is (one column each); the daemon and `sync` read it
/// through `decision(now:honourInterval:)` and update it with `after(_:now:policy:using:)`.
///
/// A plain value, no I/O and no clock: every transition takes `now` (STYLE.md rule 7).
public struct SourceSchedule: Sendable, Equatable {
    /// Earliest time of the next regular poll: last poll + interval, later when cache hints,
    /// backoff or Retry-After say so. Nil: never polled, due at once. Honoured by the daemon
    /// and by `sync --due`.
    public var nextDue: Timestamp?
    /// Failed polls in a row since the last success. Network-down cycles do not count.
    public var consecutiveFailures: Int
    /// Until when failure backoff holds. Even plain `sync` skips the source before then
    /// (unless `--force`). Nil after a success.
    public var backoffUntil: Timestamp?
    /// Until when the server asked us to stay away (`Retry-After` on a 429 or 503, capped by
    /// `max_retry_after`). Even plain `sync` skips the source before then (unless `--force`).
    public var retryAfterUntil: Timestamp?
    /// Set when the source is disabled until its configuration changes (410 Gone).
    public var disabledReason: DisabledReason?
    /// When it was disabled.
    public var disabledAt: Timestamp?
    /// `SchedulePolicy.configFingerprint` of the configuration this state was computed under;
    /// nil before the first poll. A different fingerprint resets the state (`reconciled`).
    public var configFingerprint: String?
    /// Start of the last poll, whatever its outcome.
    public var lastAttempt: Timestamp?
    /// Start of the last successful poll (2xx or 304).
    public var lastSuccess: Timestamp?

    /// Memberwise; the defaults describe a source never polled.
    public init(nextDue: Timestamp? = nil, consecutiveFailures: Int = 0, backoffUntil: Timestamp? = nil,
                retryAfterUntil: Timestamp? = nil, disabledReason: DisabledReason? = nil,
                disabledAt: Timestamp? = nil, configFingerprint: String? = nil,
                lastAttempt: Timestamp? = nil, lastSuccess: Timestamp? = nil) {
        self.nextDue = nextDue
        self.consecutiveFailures = consecutiveFailures
        self.backoffUntil = backoffUntil
        self.retryAfterUntil = retryAfterUntil
        self.disabledReason = disabledReason
        self.disabledAt = disabledAt
        self.configFingerprint = configFingerprint
        self.lastAttempt = lastAttempt
        self.lastSuccess = lastSuccess
    }
}

/// Whether to poll a source now.
public enum PollDecision: Sendable, Equatable {
    /// Poll it now.
    case poll
    /// Leave it; report why.
    case skip(SkipReason)
}

/// Why a source is not polled now; `description` is the phrase `sync` reports.
public enum SkipReason: Sendable, Equatable, CustomStringConvertible {
    /// Disabled until its configuration changes.
    case disabled(DisabledReason, since: Timestamp?)
    /// The server's Retry-After has not passed.
    case retryAfter(until: Timestamp)
    /// In failure backoff after `failures` consecutive failures.
    case backoff(until: Timestamp, failures: Int)
    /// Its interval (or cache hint) has not elapsed: only `sync --due` and the daemon skip for this.
    case notDue(until: Timestamp)

    /// One phrase for `sync`'s per-source report line and for `status`.
    public var description: String {
        switch self {
        case .disabled(.gone, let since):
            return "disabled: server answered 410 Gone" + (since.map { " at \($0.rfc3339)" } ?? "")
                + "; change the source's config to retry"
        case .retryAfter(let until):
            return "server asked to wait (Retry-After) until \(until.rfc3339)"
        case .backoff(let until, let failures):
            return "backing off after \(failures) failure\(failures == 1 ? "" : "s") until \(until.rfc3339)"
        case .notDue(let until):
            return "not due until \(until.rfc3339)"
        }
    }
}

extension SourceSchedule {
    /// Whether to poll now.
    ///
    /// - Parameter honourInterval: true for the daemon and `sync --due` (skip until `nextDue`);
    ///   false for plain `sync`, which skips only disabled sources, Retry-After and backoff.
    ///   `sync --force` does not ask.
    public func decision(now: Timestamp, honourInterval: Bool) -> PollDecision {
        if let reason = disabledReason { return .skip(.disabled(reason, since: disabledAt)) }
        if let until = retryAfterUntil, now < until { return .skip(.retryAfter(until: until)) }
        if let until = backoffUntil, now < until {
            return .skip(.backoff(until: until, failures: consecutiveFailures))
        }
        if honourInterval, let due = nextDue, now < due { return .skip(.notDue(until: due)) }
        return .poll
    }
}
