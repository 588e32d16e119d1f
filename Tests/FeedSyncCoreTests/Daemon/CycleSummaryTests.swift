import FeedSyncCore
import Testing

@Suite struct CycleSummaryTests {
    @Test func statusLineCountsOutcomesAndNewItems() {
        var c = CycleSummary()
        var ok = SourceReport(source: "a", status: .ok)
        ok.newItems = 3
        c.add(ok)
        c.add(SourceReport(source: "b", status: .unchanged))
        c.add(SourceReport(source: "c", status: .failed))
        let line = c.statusLine(duration: 1.26, sources: 10, failing: 1, nextPoll: Timestamp(seconds: 0))
        #expect(line == "3 polled in 1.3s (1 ok, 1 unchanged, 1 failed), 3 new items; 10 sources, 1 failing; next poll 1970-01-01T00:00:00Z")
        #expect(!line.contains("\n"))
    }
}
