import FeedSyncCore
import Testing

@Suite struct DaemonScheduleTests {
    let now = Double(DaemonFixture.t0)

    @Test func onStartNewSourcesAreDueAndKnownOnesWait() {
        let s = DaemonSchedule(sources: [DaemonFixture.source("new"), DaemonFixture.source("known")],
                               states: ["known": DaemonFixture.polled("known", at: DaemonFixture.t0 - 60)], now: now)
        var copy = s
        #expect(copy.takeDue(now: now).map(\.source.name) == ["new"])
        #expect(s.dueCount(now: now) == 1)
    }

    @Test func aSourceInFlightIsNotTakenAgain() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a")], states: [:], now: now)
        #expect(s.takeDue(now: now).count == 1)
        #expect(s.takeDue(now: now + 10).isEmpty)
        #expect(s.inFlight == ["a"])
    }

    @Test func aCompletedPollIsRescheduledFromItsCommittedState() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a")], states: [:], now: now)
        _ = s.takeDue(now: now)
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0, interval: 1800)
        s.complete(DaemonFixture.report("a", state: st), polled: DaemonFixture.source("a"), now: now + 2)
        #expect(s.inFlight.isEmpty)
        let due = s.entries["a"]!.due!
        #expect(due >= now + 1620 && due <= now + 1980)
        #expect(s.entries["a"]!.state == st)
        #expect(s.takeDue(now: now + 1000).isEmpty)
    }

    @Test func aPollWithoutCommitIsRetriedLaterNotAtOnce() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a", interval: 1800)], states: [:], now: now)
        _ = s.takeDue(now: now)
        s.complete(DaemonFixture.report("a", state: nil, status: .failed), polled: DaemonFixture.source("a"), now: now)
        #expect(s.entries["a"]!.due == now + DaemonSchedule.uncommittedRetry)
    }

    @Test func aSourceIsNeverRescheduledSoonerThanTheMinimumGap() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a", interval: 1)], states: [:], now: now)
        _ = s.takeDue(now: now)
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0 - 5, interval: 1)
        s.complete(DaemonFixture.report("a", state: st), polled: DaemonFixture.source("a", interval: 1), now: now)
        #expect(s.entries["a"]!.due! >= now + DaemonSchedule.minimumGap)
    }

    @Test func reloadAddsRemovesAndChangesSources() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a"), DaemonFixture.source("b")],
                               states: ["a": DaemonFixture.polled("a", at: DaemonFixture.t0 - 10),
                                        "b": DaemonFixture.polled("b", at: DaemonFixture.t0 - 10)], now: now)
        let changes = s.reconfigure([DaemonFixture.source("a", url: "https://example.org/moved.xml"), DaemonFixture.source("c")], now: now)
        #expect(changes.added == ["c"])
        #expect(changes.removed == ["b"])
        #expect(changes.changed == ["a"])
        #expect(s.names == ["a", "c"])
        // The moved source and the new one are due now.
        #expect(Set(s.takeDue(now: now).map(\.source.name)) == ["a", "c"])
    }

    @Test func movingASourceInTheFileIsNotAChange() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a")], states: ["a": DaemonFixture.polled("a", at: DaemonFixture.t0 - 10)], now: now)
        var moved = DaemonFixture.source("a")
        moved.line = 42
        #expect(s.reconfigure([moved], now: now).isEmpty)
    }

    @Test func aSourceRemovedWhileInFlightFinishesAndItsResultIsKept() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a")], states: [:], now: now)
        _ = s.takeDue(now: now)
        s.reconfigure([], now: now)
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0)
        s.complete(DaemonFixture.report("a", state: st), polled: DaemonFixture.source("a"), now: now + 1)
        #expect(s.entries.isEmpty)
        #expect(s.inFlight.isEmpty)
        // Re-added later, it resumes from the state its last poll committed instead of polling at once.
        s.reconfigure([DaemonFixture.source("a")], now: now + 5)
        #expect(s.entries["a"]!.state == st)
        #expect(s.takeDue(now: now + 5).isEmpty)
    }

    @Test func aSourceRemovedAndReaddedResumesItsState() {
        let st = DaemonFixture.polled("a", at: DaemonFixture.t0 - 10)
        var s = DaemonSchedule(sources: [DaemonFixture.source("a")], states: ["a": st], now: now)
        s.reconfigure([], now: now)
        #expect(s.entries.isEmpty)
        s.reconfigure([DaemonFixture.source("a")], now: now + 5)
        #expect(s.entries["a"]!.state == st)
        #expect(s.takeDue(now: now + 5).isEmpty, "polled 15 s ago: not due again yet")
    }

    @Test func aStateOfASourceNotConfiguredAtStartResumesWhenAdded() {
        let a = DaemonFixture.polled("a", at: DaemonFixture.t0 - 10), b = DaemonFixture.polled("b", at: DaemonFixture.t0 - 10)
        var s = DaemonSchedule(sources: [DaemonFixture.source("a")], states: ["a": a, "b": b], now: now)
        #expect(s.names == ["a"])
        s.reconfigure([DaemonFixture.source("a"), DaemonFixture.source("b")], now: now)
        #expect(s.entries["b"]!.state == b)
        #expect(s.entries["a"]!.state == a)
    }

    @Test func aSourceReaddedWhileStillInFlightIsNotPolledTwiceAtOnce() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a")], states: [:], now: now)
        _ = s.takeDue(now: now)
        s.reconfigure([], now: now)
        s.reconfigure([DaemonFixture.source("a")], now: now)
        #expect(s.takeDue(now: now).isEmpty)
    }

    @Test func aSourceChangedWhileInFlightIsRescheduledForItsNewConfig() {
        var s = DaemonSchedule(sources: [DaemonFixture.source("a")], states: [:], now: now)
        _ = s.takeDue(now: now)
        let moved = DaemonFixture.source("a", url: "https://example.org/moved.xml")
        s.reconfigure([moved], now: now)
        s.complete(DaemonFixture.report("a", state: DaemonFixture.polled("a", at: DaemonFixture.t0)), polled: DaemonFixture.source("a"), now: now + 1)
        #expect(s.entries["a"]!.due == now + 1)
        #expect(s.takeDue(now: now + 1).map(\.source) == [moved])
    }

    @Test func nextDueIgnoresSourcesInFlightAndDisabledOnes() {
        let a = DaemonFixture.source("a")
        var gone = DaemonFixture.polled("b", at: DaemonFixture.t0 - 10, failures: 1)
        gone.disabledReason = "410 Gone"
        gone.disabledFingerprint = DaemonFixture.source("b").fingerprint
        var s = DaemonSchedule(sources: [a, DaemonFixture.source("b")], states: ["b": gone], now: now)
        #expect(s.nextDue == now)
        _ = s.takeDue(now: now)
        #expect(s.nextDue == nil)
    }
}
