import FeedSyncCore
import Testing

@Suite struct AdaptiveIntervalTests {
    func settings(interval: Double = 1800, min: Double = 300, max: Double = 86_400) -> SourceSettings {
        var s = SourceSettings()
        s.adaptiveInterval = true
        s.interval = interval; s.minInterval = min; s.maxInterval = max
        return s
    }

    /// A state whose previous success chose `interval`.
    func previous(success: Int64, interval: Int64) -> SourceState {
        DaemonFixture.polled("a", at: success, interval: interval)
    }

    @Test func firstSuccessStartsFromTheConfiguredInterval() {
        let next = AdaptiveInterval.next(previous: SourceState(name: "a"), newItems: 20, settings: settings(),
                                         now: Timestamp(seconds: DaemonFixture.t0))
        #expect(next == 1800)
    }

    @Test func newItemsMoveTheIntervalHalfwayToTheObservedGap() {
        // 6 new items in 3600 s: one every 600 s; halfway from 3600 towards 600 is 2100.
        let prev = previous(success: DaemonFixture.t0, interval: 3600)
        let next = AdaptiveInterval.next(previous: prev, newItems: 6, settings: settings(),
                                         now: Timestamp(seconds: DaemonFixture.t0 + 3600))
        #expect(next == 2100)
    }

    @Test func aQuietPollLengthensTheIntervalByHalf() {
        let prev = previous(success: DaemonFixture.t0, interval: 1200)
        let next = AdaptiveInterval.next(previous: prev, newItems: 0, settings: settings(),
                                         now: Timestamp(seconds: DaemonFixture.t0 + 1200))
        #expect(next == 1800)
    }

    @Test func intervalStaysBetweenMinAndMax() {
        let busy = previous(success: DaemonFixture.t0, interval: 300)
        #expect(AdaptiveInterval.next(previous: busy, newItems: 500, settings: settings(min: 300),
                                      now: Timestamp(seconds: DaemonFixture.t0 + 300)) == 300)
        let quiet = previous(success: DaemonFixture.t0, interval: 80_000)
        #expect(AdaptiveInterval.next(previous: quiet, newItems: 0, settings: settings(max: 86_400),
                                      now: Timestamp(seconds: DaemonFixture.t0 + 80_000)) == 86_400)
    }

    @Test func aSteadyPublisherConvergesOnItsRate() {
        // One item every 900 s, polled by the adapted interval: converges near 900.
        var state = previous(success: DaemonFixture.t0, interval: 7200)
        var now = DaemonFixture.t0
        var interval = 7200.0
        for _ in 0..<12 {
            let elapsed = Int64(interval)
            now += elapsed
            let items = max(0, Int((Double(elapsed) / 900).rounded()))
            interval = AdaptiveInterval.next(previous: state, newItems: items, settings: settings(), now: Timestamp(seconds: now))
            state = DaemonFixture.polled("a", at: now, interval: Int64(interval))
        }
        #expect(interval > 600 && interval < 1400, "\(interval)")
    }

    @Test func afterAFailureTheConfiguredIntervalIsTheBase() {
        let failed = DaemonFixture.polled("a", at: DaemonFixture.t0, interval: 60, failures: 1)
        #expect(AdaptiveInterval.currentInterval(failed, settings: settings()) == nil)
    }

    @Test func fixedIntervalSourcesAreLeftAlone() {
        let source = DaemonFixture.source("a", interval: 900)
        let out = AdaptiveInterval.effectiveSource(source, previous: previous(success: DaemonFixture.t0, interval: 900),
                                                   newItems: 0, now: Timestamp(seconds: DaemonFixture.t0 + 900))
        #expect(out == source)
    }

    @Test func autoSourcesGetTheAdaptedInterval() {
        let source = DaemonFixture.source("a", interval: 1800, auto: true)
        let out = AdaptiveInterval.effectiveSource(source, previous: previous(success: DaemonFixture.t0, interval: 1000),
                                                   newItems: 0, now: Timestamp(seconds: DaemonFixture.t0 + 1000))
        #expect(out.settings.interval == 1500)
    }
}
