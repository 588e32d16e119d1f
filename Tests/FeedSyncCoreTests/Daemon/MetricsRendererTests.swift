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

    @Test func neverPolledSourcesHaveZeroCountersAndNoTimestamps() {
        let text = MetricsRenderer.render(snapshot())
        #expect(text.contains("feedsync_source_items_delivered_total{source=\"never\"} 0\n"))
        #expect(!text.contains("feedsync_source_last_success_timestamp_seconds{source=\"never\"}"))
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
