import FeedSyncCore
import Testing

@Suite struct DaemonScheduleTests {
    let now = Double(Fixture.t0)

    @Test func onStartNewSourcesAreDueAndKnownOnesWait() {
        let s = DaemonSchedule(sources: [Fixture.source("new"), Fixture.source("known")],
                               states: ["known": Fixture.polled("known", at: Fixture.t0 - 60)], now: now)
        var copy = s
        #expect(copy.takeDue(now: now).map(\.source.name) == ["new"])
        #expect(s.dueCount(now: now) == 1)
    }

    @Test func aSourceInFlightIsNotTakenAgain() {
        var s = DaemonSchedule(sources: [Fixture.source("a")], states: [:], now: now)
        #expect(s.takeDue(now: now).count == 1)
        #expect(s.takeDue(now: now + 10).isEmpty)
        #expect(s.inFlight == ["a"])
    }

    @Test func aCompletedPollIsRescheduledFromItsCommittedState() {
        var s = DaemonSchedule(sources: [Fixture.source("a")], states: [:], now: now)
        _ = s.takeDue(now: now)
        let st = Fixture.polled("a", at: Fixture.t0, interval: 1800)
        s.complete(Fixture.report("a", state: st), polled: Fixture.source("a"), now: now + 2)
        #expect(s.inFlight.isEmpty)
        let due = s.entries["a"]!.due!
        #expect(due >= now + 1620 && due <= now + 1980)
        #expect(s.entries["a"]!.state == st)
        #expect(s.takeDue(now: now + 1000).isEmpty)
    }

    @Test func aPollWithoutCommitIsRetriedLaterNotAtOnce() {
        var s = DaemonSchedule(sources: [Fixture.source("a", interval: 1800)], states: [:], now: now)
        _ = s.takeDue(now: now)
        s.complete(Fixture.report("a", state: nil, status: .failed), polled: Fixture.source("a"), now: now)
        #expect(s.entries["a"]!.due == now + DaemonSchedule.uncommittedRetry)
    }

    @Test func aSourceIsNeverRescheduledSoonerThanTheMinimumGap() {
        var s = DaemonSchedule(sources: [Fixture.source("a", interval: 1)], states: [:], now: now)
        _ = s.takeDue(now: now)
        let st = Fixture.polled("a", at: Fixture.t0 - 5, interval: 1)
        s.complete(Fixture.report("a", state: st), polled: Fixture.source("a", interval: 1), now: now)
        #expect(s.entries["a"]!.due! >= now + DaemonSchedule.minimumGap)
    }

    @Test func reloadAddsRemovesAndChangesSources() {
        var s = DaemonSchedule(sources: [Fixture.source("a"), Fixture.source("b")],
                               states: ["a": Fixture.polled("a", at: Fixture.t0 - 10),
                                        "b": Fixture.polled("b", at: Fixture.t0 - 10)], now: now)
        let changes = s.reconfigure([Fixture.source("a", url: "https://example.org/moved.xml"), Fixture.source("c")], now: now)
        #expect(changes.added == ["c"])
        #expect(changes.removed == ["b"])
        #expect(changes.changed == ["a"])
        #expect(s.names == ["a", "c"])
        // The moved source and the new one are due now.
        #expect(Set(s.takeDue(now: now).map(\.source.name)) == ["a", "c"])
    }

    @Test func movingASourceInTheFileIsNotAChange() {
        var s = DaemonSchedule(sources: [Fixture.source("a")], states: ["a": Fixture.polled("a", at: Fixture.t0 - 10)], now: now)
        var moved = Fixture.source("a")
        moved.line = 42
        #expect(s.reconfigure([moved], now: now).isEmpty)
    }

    @Test func aSourceRemovedWhileInFlightFinishesAndItsResultIsKept() {
        var s = DaemonSchedule(sources: [Fixture.source("a")], states: [:], now: now)
        _ = s.takeDue(now: now)
        s.reconfigure([], now: now)
        let st = Fixture.polled("a", at: Fixture.t0)
        s.complete(Fixture.report("a", state: st), polled: Fixture.source("a"), now: now + 1)
        #expect(s.entries.isEmpty)
        #expect(s.inFlight.isEmpty)
        // Re-added later, it resumes from the state its last poll committed instead of polling at once.
        s.reconfigure([Fixture.source("a")], now: now + 5)
        #expect(s.entries["a"]!.state == st)
        #expect(s.takeDue(now: now + 5).isEmpty)
    }

    @Test func aSourceReaddedWhileStillInFlightIsNotPolledTwiceAtOnce() {
        var s = DaemonSchedule(sources: [Fixture.source("a")], states: [:], now: now)
        _ = s.takeDue(now: now)
        s.reconfigure([], now: now)
        s.reconfigure([Fixture.source("a")], now: now)
        #expect(s.takeDue(now: now).isEmpty)
    }

    @Test func aSourceChangedWhileInFlightIsRescheduledForItsNewConfig() {
        var s = DaemonSchedule(sources: [Fixture.source("a")], states: [:], now: now)
        _ = s.takeDue(now: now)
        let moved = Fixture.source("a", url: "https://example.org/moved.xml")
        s.reconfigure([moved], now: now)
        s.complete(Fixture.report("a", state: Fixture.polled("a", at: Fixture.t0)), polled: Fixture.source("a"), now: now + 1)
        #expect(s.entries["a"]!.due == now + 1)
        #expect(s.takeDue(now: now + 1).map(\.source) == [moved])
    }

    @Test func nextDueIgnoresSourcesInFlightAndDisabledOnes() {
        let a = Fixture.source("a")
        var gone = Fixture.polled("b", at: Fixture.t0 - 10, failures: 1)
        gone.disabledReason = "410 Gone"
        gone.disabledFingerprint = Fixture.source("b").fingerprint
        var s = DaemonSchedule(sources: [a, Fixture.source("b")], states: ["b": gone], now: now)
        #expect(s.nextDue == now)
        _ = s.takeDue(now: now)
        #expect(s.nextDue == nil)
    }
}
