import Foundation

/// When a source is next due, after success or failure. (Interim rules; the politeness state
/// machine in `Schedule/` refines them.)
enum Scheduling {
    static func afterSuccess(_ st: inout SourceState, response: FetchResponse, ttl: Int?, source: SourceConfig, now: Timestamp) {
        st.retryAfterUntil = nil
        st.nextDue = Timestamp(seconds: now.seconds + Int64(source.settings.interval))
    }

    static func afterFailure(_ st: inout SourceState, failure: FetchFailure?, source: SourceConfig, now: Timestamp) {
        let s = source.settings
        let backoff = min(s.interval * pow2(st.consecutiveFailures - 1), s.maxInterval)
        st.nextDue = Timestamp(seconds: now.seconds + Int64(backoff))
        if let failure, failure.status == 429 || failure.status == 503, let raw = failure.retryAfter,
           let secs = Int64(raw.trimmingCharacters(in: .whitespaces)) {
            st.retryAfterUntil = Timestamp(seconds: now.seconds + min(secs, Int64(s.maxRetryAfter)))
        }
        if failure?.status == 410 {
            st.disabledReason = "410 Gone"
            st.disabledFingerprint = source.fingerprint
        }
    }

    static func pow2(_ n: Int) -> Double {
        n <= 0 ? 1 : Double(1 << min(n, 20))
    }
}
