import FeedSyncCore
import Testing

@Suite struct DueTimeTests {
    let now = Double(Fixture.t0)

    @Test func sourceNeverPolledIsDueAtOnce() {
        #expect(DueTime.due(state: nil, source: Fixture.source("a"), now: now) == now)
        #expect(DueTime.due(state: SourceState(name: "a"), source: Fixture.source("a"), now: now) == now)
        #expect(DueTime.dueOnStart(state: nil, source: Fixture.source("a"), now: now) == now)
    }

    @Test func jitterStaysWithinTenPercentOfTheInterval() {
        for i in 0..<2000 {
            let name = "source-\(i)"
            let attempt = Fixture.t0 + Int64(i * 37)
            let st = Fixture.polled(name, at: attempt, interval: 1800)
            let due = DueTime.due(state: st, source: Fixture.source(name), now: now)!
            let base = Double(attempt + 1800)
            #expect(due >= base - 180 && due <= base + 180, "\(name): \(due - base)")
        }
    }

    @Test func jitterSpreadsBothWaysAndIsNotConstant() {
        let values = (0..<1000).map { DueTime.jitter(name: "s\($0)", attempt: Timestamp(seconds: Fixture.t0)) }
        #expect(values.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(values.filter { $0 < -0.5 }.count > 150)
        #expect(values.filter { $0 > 0.5 }.count > 150)
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 0.1)
    }

    @Test func jitterIsTheSameAfterARestart() {
        let st = Fixture.polled("a", at: Fixture.t0)
        let first = DueTime.due(state: st, source: Fixture.source("a"), now: now)
        let again = DueTime.due(state: st, source: Fixture.source("a"), now: now + 500)
        #expect(first == again)
        #expect(DueTime.jitter(name: "a", attempt: Timestamp(seconds: 5)) == DueTime.jitter(name: "a", attempt: Timestamp(seconds: 5)))
        #expect(DueTime.jitter(name: "a", attempt: Timestamp(seconds: 5)) != DueTime.jitter(name: "a", attempt: Timestamp(seconds: 6)))
    }

    @Test func backoffIsNeverShortenedByJitter() {
        for i in 0..<500 {
            let name = "failing-\(i)"
            let st = Fixture.polled(name, at: Fixture.t0, interval: 600, failures: 2)
            let due = DueTime.due(state: st, source: Fixture.source(name), now: now)!
            #expect(due >= Double(Fixture.t0 + 600) && due <= Double(Fixture.t0 + 660))
        }
    }

    @Test func retryAfterIsAFloor() {
        var st = Fixture.polled("a", at: Fixture.t0, interval: 60, failures: 1)
        st.retryAfterUntil = Timestamp(seconds: Fixture.t0 + 7200)
        #expect(DueTime.due(state: st, source: Fixture.source("a"), now: now) == Double(Fixture.t0 + 7200))
    }

    @Test func sourceDisabledByGoneIsNotScheduledUntilItsConfigChanges() {
        let source = Fixture.source("a")
        var st = Fixture.polled("a", at: Fixture.t0, failures: 1)
        st.disabledReason = "410 Gone"
        st.disabledFingerprint = source.fingerprint
        #expect(DueTime.due(state: st, source: source, now: now) == nil)
        let moved = Fixture.source("a", url: "https://example.org/new.xml")
        #expect(DueTime.due(state: st, source: moved, now: now) != nil)
    }

    @Test func overdueSourcesAreSpreadOverAShortWindowOnStart() {
        var dues: [Double] = []
        for i in 0..<300 {
            let name = "s\(i)"
            let st = Fixture.polled(name, at: Fixture.t0 - 86_400, interval: 1800)
            let due = DueTime.dueOnStart(state: st, source: Fixture.source(name), now: now)!
            #expect(due >= now && due <= now + 180)
            dues.append(due)
        }
        // Not all at once: most sources start later than the first second.
        #expect(dues.filter { $0 < now + 1 }.count < 10)
    }

    @Test func sourceNotYetDueResumesItsScheduleOnStart() {
        let st = Fixture.polled("a", at: Fixture.t0 - 600, interval: 1800)
        let due = DueTime.dueOnStart(state: st, source: Fixture.source("a"), now: now)!
        #expect(due == DueTime.due(state: st, source: Fixture.source("a"), now: now))
        #expect(due >= now + 1200 - 180)
    }

    @Test func changedURLIsPolledAtOnce() {
        let st = Fixture.polled("a", at: Fixture.t0 - 10)
        let due = DueTime.afterConfigChange(state: st, old: Fixture.source("a"),
                                            new: Fixture.source("a", url: "https://example.org/other.xml"), now: now)
        #expect(due == now)
    }

    @Test func shorterIntervalTakesEffectFromTheLastAttempt() {
        let st = Fixture.polled("a", at: Fixture.t0 - 100, interval: 86_400)
        let due = DueTime.afterConfigChange(state: st, old: Fixture.source("a", interval: 86_400),
                                            new: Fixture.source("a", interval: 600), now: now)!
        #expect(due >= Double(Fixture.t0 - 100 + 540) && due <= Double(Fixture.t0 - 100 + 660))
    }

    @Test func longerIntervalKeepsTheCurrentDueTime() {
        let st = Fixture.polled("a", at: Fixture.t0 - 100, interval: 600)
        let due = DueTime.afterConfigChange(state: st, old: Fixture.source("a", interval: 600),
                                            new: Fixture.source("a", interval: 3600), now: now)
        #expect(due == DueTime.due(state: st, source: Fixture.source("a", interval: 3600), now: now))
    }
}
