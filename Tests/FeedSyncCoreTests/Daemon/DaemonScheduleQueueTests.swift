import FeedSyncCore
import Testing

/// The schedule's due queue: what `takeDue` returns must be what a scan of every source returns
/// (config order, idle and due only), through completions and reloads.
@Suite struct DaemonScheduleQueueTests {
    let now = Double(DaemonFixture.t0)

    /// The old rule, as a scan: idle sources due at `t`, in config order.
    private func scan(_ s: DaemonSchedule, _ t: Double) -> [String] {
        s.names.filter { !s.inFlight.contains($0) && (s.entries[$0]?.due).map { $0 <= t } == true }
    }

    @Test func dueSourcesComeInConfigOrderWhateverTheirDueTimes() {
        // Known sources polled at different times become due in reverse config order.
        let names = (0..<50).map { "s\($0)" }
        let states = Dictionary(uniqueKeysWithValues: names.enumerated().map { i, n in
            (n, DaemonFixture.polled(n, at: DaemonFixture.t0 - 1800 + Int64(50 - i) * 10, interval: 1800))
        })
        var s = DaemonSchedule(sources: names.map { DaemonFixture.source($0) }, states: states, now: now)
        let t = now + 3000
        let expected = scan(s, t)
        #expect(expected.count == 50)
        #expect(s.takeDue(now: t).map(\.source.name) == expected)
    }

    @Test func takeDueMatchesAScanThroughPollsAndReloads() {
        var rng = SeededRandom(state: 7)
        var sources = (0..<40).map { DaemonFixture.source("s\($0)", interval: Double(60 + 60 * ($0 % 5))) }
        var s = DaemonSchedule(sources: sources, states: [:], now: now)
        var t = now
        for step in 0..<400 {
            t += Double(rng.below(90))
            let expected = scan(s, t)
            let taken = s.takeDue(now: t).map(\.source.name)
            #expect(taken == expected, "step \(step)")
            // Complete some of the polls in flight, some of them failed.
            for name in s.inFlight.sorted() where rng.below(3) > 0 {
                let failures = rng.below(4) == 0 ? 1 : 0
                let st = DaemonFixture.polled(name, at: Int64(t), interval: 300, failures: failures)
                let polled = sources.first { $0.name == name } ?? DaemonFixture.source(name)
                s.complete(DaemonFixture.report(name, state: st), polled: polled, now: t)
            }
            #expect(s.failingCount == s.names.filter { (s.entries[$0]?.state?.consecutiveFailures ?? 0) > 0 }.count)
            #expect(s.nextDue == s.names.filter { !s.inFlight.contains($0) }.compactMap { s.entries[$0]?.due }.min())
            if step % 37 == 0 {
                // A reload: one source removed, one added, one with a new interval.
                sources.removeFirst()
                sources.append(DaemonFixture.source("n\(step)", interval: 120))
                sources[0] = DaemonFixture.source(sources[0].name, interval: 600)
                s.reconfigure(sources, now: t)
            }
        }
    }
}
