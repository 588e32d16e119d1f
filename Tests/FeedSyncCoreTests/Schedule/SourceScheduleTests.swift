import FeedSyncCore
import Testing

@Suite("SourceSchedule")
struct SourceScheduleTests {
    let t0 = Timestamp(seconds: 1_800_000_000)
    let policy = SchedulePolicy(interval: 1800, maxInterval: 86_400, maxRetryAfter: 172_800, configFingerprint: "v1")
    var rng = SeededRandom(state: 42)

    func at(_ offset: Int64) -> Timestamp { Timestamp(seconds: t0.seconds + offset) }
    static let connectFailure = PollOutcome.failed(kind: .connect, status: nil, retryAfter: nil)
    static let serverError = PollOutcome.failed(kind: .httpStatus, status: 500, retryAfter: nil)

    @Test func neverPolledSourceIsDue() {
        #expect(SourceSchedule().decision(now: t0, honourInterval: true) == .poll)
    }

    @Test mutating func successSchedulesTheNextPollOneIntervalLater() {
        let s = SourceSchedule().after(.succeeded(freshFor: nil), now: t0, policy: policy, using: &rng)
        #expect(s.nextDue == at(1800))
        #expect(s.lastSuccess == t0)
        #expect(s.decision(now: at(1799), honourInterval: true) != .poll)
        #expect(s.decision(now: at(1800), honourInterval: true) == .poll)
        #expect(s.decision(now: at(10), honourInterval: false) == .poll)  // plain sync ignores intervals
    }

    @Test mutating func cacheHintIsALowerBoundCappedByMaxInterval() {
        let longer = SourceSchedule().after(.succeeded(freshFor: 7200), now: t0, policy: policy, using: &rng)
        #expect(longer.nextDue == at(7200))
        let shorter = SourceSchedule().after(.succeeded(freshFor: 60), now: t0, policy: policy, using: &rng)
        #expect(shorter.nextDue == at(1800))
        let huge = SourceSchedule().after(.succeeded(freshFor: 10 * 86_400), now: t0, policy: policy, using: &rng)
        #expect(huge.nextDue == at(86_400))
        var ignoring = policy
        ignoring.respectCacheHints = false
        let ignored = SourceSchedule().after(.succeeded(freshFor: 7200), now: t0, policy: ignoring, using: &rng)
        #expect(ignored.nextDue == at(1800))
    }

    @Test mutating func backoffGrowsWithFailuresAndResetsOnSuccess() throws {
        var s = SourceSchedule()
        var gaps: [Int64] = []
        var now = t0
        for _ in 0..<6 {
            s = s.after(Self.serverError, now: now, policy: policy, using: &rng)
            let until = try #require(s.backoffUntil)
            gaps.append(until.seconds - now.seconds)
            now = until
        }
        #expect(s.consecutiveFailures == 6)
        #expect(gaps[0] == 1800)
        for (a, b) in zip(gaps, gaps.dropFirst()) { #expect(b > a) }
        #expect(gaps.allSatisfy { $0 <= 86_400 })
        s = s.after(.succeeded(freshFor: nil), now: now, policy: policy, using: &rng)
        #expect(s.consecutiveFailures == 0)
        #expect(s.backoffUntil == nil)
        #expect(s.nextDue == Timestamp(seconds: now.seconds + 1800))
    }

    @Test mutating func plainSyncSkipsASourceInBackoff() throws {
        let s = SourceSchedule().after(Self.serverError, now: t0, policy: policy, using: &rng)
            .after(Self.serverError, now: at(1800), policy: policy, using: &rng)
        let until = try #require(s.backoffUntil)
        #expect(s.decision(now: at(1900), honourInterval: false) == .skip(.backoff(until: until, failures: 2)))
        #expect(s.decision(now: until, honourInterval: false) == .poll)
    }

    @Test mutating func retryAfterSecondsHoldsTheSourceEvenForPlainSync() {
        let s = SourceSchedule().after(.failed(kind: .httpStatus, status: 429, retryAfter: "7200"), now: t0,
                                       policy: policy, using: &rng)
        #expect(s.retryAfterUntil == at(7200))
        #expect(s.nextDue == at(7200))
        #expect(s.decision(now: at(3600), honourInterval: false) == .skip(.retryAfter(until: at(7200))))
        #expect(s.decision(now: at(7200), honourInterval: false) == .poll)
    }

    @Test mutating func retryAfterDateOn503IsHonouredAndCapped() {
        let date = HTTPDate.format(at(5000))
        let s = SourceSchedule().after(.failed(kind: .httpStatus, status: 503, retryAfter: date), now: t0,
                                       policy: policy, using: &rng)
        #expect(s.retryAfterUntil == at(5000))
        let far = HTTPDate.format(at(30 * 86_400))
        let capped = SourceSchedule().after(.failed(kind: .httpStatus, status: 503, retryAfter: far), now: t0,
                                            policy: policy, using: &rng)
        #expect(capped.retryAfterUntil == at(172_800))
    }

    @Test mutating func retryAfterOnOtherStatusesIsIgnored() {
        let s = SourceSchedule().after(.failed(kind: .httpStatus, status: 500, retryAfter: "99999"), now: t0,
                                       policy: policy, using: &rng)
        #expect(s.retryAfterUntil == nil)
    }

    @Test mutating func goneDisablesUntilTheConfigChanges() {
        let s = SourceSchedule().after(.failed(kind: .httpStatus, status: 410, retryAfter: nil), now: t0,
                                       policy: policy, using: &rng)
        #expect(s.disabledReason == .gone)
        #expect(s.decision(now: at(365 * 86_400), honourInterval: false) == .skip(.disabled(.gone, since: t0)))
        var changed = policy
        changed.configFingerprint = "v2"
        let again = s.reconciled(with: changed)
        #expect(again.disabledReason == nil)
        #expect(again.decision(now: at(1), honourInterval: true) == .poll)
        #expect(s.reconciled(with: policy) == s)
    }

    @Test mutating func configChangeLiftsBackoff() {
        let s = SourceSchedule().after(Self.serverError, now: t0, policy: policy, using: &rng)
        var changed = policy
        changed.configFingerprint = "v2"
        #expect(s.reconciled(with: changed).decision(now: at(1), honourInterval: true) == .poll)
    }

    @Test mutating func networkDownDoesNotCountAgainstTheSource() {
        let s = SourceSchedule().after(Self.serverError, now: t0, policy: policy, using: &rng)
            .after(.networkDown, now: at(1800), policy: policy, using: &rng)
        #expect(s.consecutiveFailures == 1)
        #expect(s.nextDue == at(3600))
        #expect(s.lastAttempt == at(1800))
    }

    @Test func skipReasonsReadWell() {
        #expect(SkipReason.retryAfter(until: Timestamp(seconds: 0)).description
                == "server asked to wait (Retry-After) until 1970-01-01T00:00:00Z")
        #expect(SkipReason.backoff(until: Timestamp(seconds: 60), failures: 1).description.contains("1 failure "))
    }
}
