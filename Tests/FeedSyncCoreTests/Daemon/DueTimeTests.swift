import FeedSyncCore
import Testing

@Suite struct DueTimeTests {
    let now = Double(DaemonFixture.t0)

    @Test func sourceNeverPolledIsDueAtOnce() {
        #expect(DueTime.due(state: nil, source: DaemonFixture.source("a"), now: now) == now)
        #expect(DueTime.due(state: SourceState(name: "a"), source: DaemonFixture.source("a"), now: now) == now)
        #expect(DueTime.dueOnStart(state: nil, source: DaemonFixture.source("a"), now: now) == now)
    }

    @Test func jitterStaysWithinTenPercentOfTheInterval() {
        for i in 0..<2000 {
            let name = "source-\(i)"
            let attempt = DaemonFixture.t0 + Int64(i * 37)
            let st = DaemonFixture.polled(name, at: attempt, interval: 1800)
            let due = DueTime.due(state: st, source: DaemonFixture.source(name), now: now)!
            let base = Double(attempt + 1800)
            #expect(due >= base - 180 && due <= base + 180, "\(name): \(due - base)")
        }
    }

    @Test func jitterSpreadsBothWaysAndIsNotConstant() {
        let values = (0..<1000).map { DueTime.jitter(name: "s\($0)", attempt: Timestamp(seconds: DaemonFixture.t0)) }
        #expect(values.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(values.filter { $0 < -0.5 }.count > 150)
        #expect(values.filter { $0 > 0.5 }.count > 150)
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 0.1)
    }

    @Test func jitterIsTheSameAfterARestart() {
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0)
        let first = DueTime.due(state: st, source: DaemonFixture.source("a"), now: now)
        let again = DueTime.due(state: st, source: DaemonFixture.source("a"), now: now + 500)
        #expect(first == again)
        #expect(DueTime.jitter(name: "a", attempt: Timestamp(seconds: 5)) == DueTime.jitter(name: "a", attempt: Timestamp(seconds: 5)))
        #expect(DueTime.jitter(name: "a", attempt: Timestamp(seconds: 5)) != DueTime.jitter(name: "a", attempt: Timestamp(seconds: 6)))
    }

    @Test func backoffIsNeverShortenedByJitter() {
        for i in 0..<500 {
            let name = "failing-\(i)"
            let st = DaemonFixture.polled(name, at: DaemonFixture.t0, interval: 600, failures: 2)
            let due = DueTime.due(state: st, source: DaemonFixture.source(name), now: now)!
            #expect(due >= Double(DaemonFixture.t0 + 600) && due <= Double(DaemonFixture.t0 + 660))
        }
    }

    @Test func retryAfterIsAFloor() {
        var st = DaemonFixture.polled("a", at: DaemonFixture.t0, interval: 60, failures: 1)
        st.retryAfterUntil = Timestamp(seconds: DaemonFixture.t0 + 7200)
        #expect(DueTime.due(state: st, source: DaemonFixture.source("a"), now: now) == Double(DaemonFixture.t0 + 7200))
    }

    @Test func sourceDisabledByGoneIsNotScheduledUntilItsConfigChanges() {
        let source = DaemonFixture.source("a")
        var st = DaemonFixture.polled("a", at: DaemonFixture.t0, failures: 1)
        st.disabledReason = "410 Gone"
        st.disabledFingerprint = source.fingerprint
        #expect(DueTime.due(state: st, source: source, now: now) == nil)
        let moved = DaemonFixture.source("a", url: "https://example.org/new.xml")
        #expect(DueTime.due(state: st, source: moved, now: now) != nil)
    }

    @Test func overdueSourcesAreSpreadOverAShortWindowOnStart() {
        var dues: [Double] = []
        for i in 0..<300 {
            let name = "s\(i)"
            let st = DaemonFixture.polled(name, at: DaemonFixture.t0 - 86_400, interval: 1800)
            let due = DueTime.dueOnStart(state: st, source: DaemonFixture.source(name), now: now)!
            #expect(due >= now && due <= now + 180)
            dues.append(due)
        }
        // Not all at once: most sources start later than the first second.
        #expect(dues.filter { $0 < now + 1 }.count < 10)
    }

    @Test func sourceNotYetDueResumesItsScheduleOnStart() {
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0 - 600, interval: 1800)
        let due = DueTime.dueOnStart(state: st, source: DaemonFixture.source("a"), now: now)!
        #expect(due == DueTime.due(state: st, source: DaemonFixture.source("a"), now: now))
        #expect(due >= now + 1200 - 180)
    }

    @Test func changedURLIsPolledAtOnce() {
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0 - 10)
        let due = DueTime.afterConfigChange(state: st, old: DaemonFixture.source("a"),
                                            new: DaemonFixture.source("a", url: "https://example.org/other.xml"), now: now)
        #expect(due == now)
    }

    @Test func shorterIntervalTakesEffectFromTheLastAttempt() {
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0 - 100, interval: 86_400)
        let due = DueTime.afterConfigChange(state: st, old: DaemonFixture.source("a", interval: 86_400),
                                            new: DaemonFixture.source("a", interval: 600), now: now)!
        #expect(due >= Double(DaemonFixture.t0 - 100 + 540) && due <= Double(DaemonFixture.t0 - 100 + 660))
    }

    @Test func longerIntervalKeepsTheCurrentDueTime() {
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0 - 100, interval: 600)
        let due = DueTime.afterConfigChange(state: st, old: DaemonFixture.source("a", interval: 600),
                                            new: DaemonFixture.source("a", interval: 3600), now: now)
        #expect(due == DueTime.due(state: st, source: DaemonFixture.source("a", interval: 3600), now: now))
    }
}
