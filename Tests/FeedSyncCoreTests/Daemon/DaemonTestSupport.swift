import FeedSyncCore

/// Builders shared by the daemon tests.
enum DaemonFixture {
    static let t0: Int64 = 1_800_000_000

    static func source(_ name: String, interval: Double = 1800, url: String? = nil, auto: Bool = false) -> SourceConfig {
        var s = SourceSettings()
        s.interval = interval
        s.adaptiveInterval = auto
        return SourceConfig(name: name, url: url ?? "https://example.org/\(name).xml", settings: s)
    }

    /// A source polled successfully at `attempt`, due `interval` seconds later.
    static func polled(_ name: String, at attempt: Int64, interval: Int64 = 1800, failures: Int = 0) -> SourceState {
        var st = SourceState(name: name)
        st.lastAttempt = Timestamp(seconds: attempt)
        st.lastSuccess = failures == 0 ? Timestamp(seconds: attempt) : nil
        st.consecutiveFailures = failures
        st.nextDue = Timestamp(seconds: attempt + interval)
        st.polls = 1
        return st
    }

    static func report(_ name: String, state: SourceState?, status: SourceReport.Status = .ok) -> SourceReport {
        var r = SourceReport(source: name, status: status)
        r.state = state
        return r
    }
}
