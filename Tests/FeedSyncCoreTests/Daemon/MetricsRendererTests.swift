import FeedSyncCore
import Testing

@Suite struct MetricsRendererTests {
    func snapshot() -> MetricsSnapshot {
        var a = DaemonFixture.polled("a", at: DaemonFixture.t0)
        a.polls = 4; a.notModified = 3; a.itemsDelivered = 17; a.lastDuration = 0.25
        return MetricsSnapshot(sources: [("a", a), ("never", nil)], cycleDuration: 1.5, sourcesDue: 2,
                               cycleEnd: Timestamp(seconds: DaemonFixture.t0 + 2))
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func everyFamilyHasHelpAndTypeBeforeItsSamples() {
        var declared: Set<String> = []
        for line in lines(MetricsRenderer.render(snapshot())) {
            if line.hasPrefix("# TYPE ") { declared.insert(String(line.split(separator: " ")[2])) }
            if !line.hasPrefix("#") {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                #expect(declared.contains(name), "\(name) sampled before # TYPE")
            }
        }
        #expect(declared.count >= 10)
    }

    @Test func perSourceValuesComeFromTheState() {
        let text = MetricsRenderer.render(snapshot())
        #expect(text.contains("feedsync_source_last_success_timestamp_seconds{source=\"a\"} \(DaemonFixture.t0)\n"))
        #expect(text.contains("feedsync_source_items_delivered_total{source=\"a\"} 17\n"))
        #expect(text.contains("feedsync_source_not_modified_ratio{source=\"a\"} 0.75\n"))
        #expect(text.contains("feedsync_source_fetch_duration_seconds{source=\"a\"} 0.25\n"))
        #expect(text.contains("feedsync_source_consecutive_failures{source=\"a\"} 0\n"))
    }

    @Test func neverPolledSourcesHaveZeroCountersAndNoAttemptTime() {
        let text = MetricsRenderer.render(snapshot())
        #expect(text.contains("feedsync_source_items_delivered_total{source=\"never\"} 0\n"))
        #expect(!text.contains("feedsync_source_last_attempt_timestamp_seconds{source=\"never\"}"))
    }

    @Test func globalCycleMetrics() {
        let text = MetricsRenderer.render(snapshot())
        #expect(text.contains("feedsync_cycle_duration_seconds 1.5\n"))
        #expect(text.contains("feedsync_sources_due 2\n"))
        #expect(text.contains("feedsync_sources 2\n"))
    }

    @Test func labelValuesAreEscaped() {
        #expect(MetricsRenderer.escapeLabel("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
    }
}

@Suite struct MetricsOperatorFamiliesTests {
    let never = MetricsSnapshot(sources: [("never", nil)], cycleDuration: 0, sourcesDue: 0, cycleEnd: Timestamp(seconds: 0))

    @Test func aSourceThatNeverSucceededHasLastSuccessZero() {
        #expect(MetricsRenderer.render(never).contains("feedsync_source_last_success_timestamp_seconds{source=\"never\"} 0\n"))
    }

    @Test func buildInfoCarriesTheVersion() {
        #expect(MetricsRenderer.render(never).contains("feedsync_build_info{version=\"\(BuildVersion.version)\"} 1\n"))
    }

    @Test func failuresTotalIsACounterPerSource() {
        var m = never
        m.failuresTotal = ["never": 3]
        let text = MetricsRenderer.render(m)
        #expect(text.contains("# TYPE feedsync_source_failures_total counter\n"))
        #expect(text.contains("feedsync_source_failures_total{source=\"never\"} 3\n"))
    }
}

@Suite struct MetricsFailureTallyTests {
    func state(_ name: String, polls: Int64, consecutive: Int) -> SourceState {
        var s = SourceState(name: name)
        s.lastAttempt = Timestamp(seconds: 100)
        s.polls = polls
        s.consecutiveFailures = consecutive
        return s
    }

    /// previous file (failures, polls, consecutive) -> state now (polls, consecutive) -> total.
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var before: (failures: Int64, polls: Int64, consecutive: Int64)
        var now: (polls: Int64, consecutive: Int)
        var total: Int64
    }

    static let cases = [
        Case(description: "a new failed poll adds one", before: (5, 10, 2), now: (11, 3), total: 6),
        // Counted by polls, not by attempt times, which have a resolution of one second.
        Case(description: "two polls within one second are two failures", before: (1, 1, 1), now: (2, 2), total: 2),
        Case(description: "a success before the streak is not counted", before: (5, 10, 4), now: (12, 1), total: 6),
        Case(description: "no new poll adds nothing", before: (5, 10, 3), now: (10, 3), total: 5),
    ]

    @Test(arguments: cases) func failuresSinceThePreviousFile(_ c: Case) {
        let prev = ["a": MetricsFailureTally.Previous(failures: c.before.failures, polls: c.before.polls,
                                                      consecutiveFailures: c.before.consecutive)]
        let sources: [(name: String, state: SourceState?)] = [("a", state("a", polls: c.now.polls, consecutive: c.now.consecutive))]
        #expect(MetricsFailureTally.totals(previous: prev, sources: sources)["a"] == c.total)
    }

    @Test func theFirstFileCountsTheCurrentStreak() {
        #expect(MetricsFailureTally.totals(previous: [:], sources: [("a", state("a", polls: 7, consecutive: 3))])["a"] == 3)
    }

    @Test func theRenderedFileReadsBackAsThePreviousFigures() {
        var m = MetricsSnapshot(sources: [("we\"ird\\name", state("x", polls: 9, consecutive: 2))],
                                cycleDuration: 0, sourcesDue: 1, cycleEnd: Timestamp(seconds: 300))
        m.failuresTotal = ["we\"ird\\name": 7]
        let parsed = MetricsFailureTally.parse(MetricsRenderer.render(m))
        #expect(parsed["we\"ird\\name"] == MetricsFailureTally.Previous(failures: 7, polls: 9, consecutiveFailures: 2))
    }
}
