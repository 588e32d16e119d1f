import FeedSyncCore
import Testing

/// The network-down rule that `sync` and the daemon share: cycles of outcomes in, verdicts out.
@Suite struct NetworkVerdictTests {
    func down(_ r: [NetworkVerdict.Resolution]) -> [Int: Bool] {
        Dictionary(uniqueKeysWithValues: r.map { ($0.cycle, $0.networkDown) })
    }

    @Test func everyNetworkSourceFailingToConnectIsNetworkDown() {
        var v = NetworkVerdict()
        #expect(down(v.judge(cycle: 1, answered: 0, failed: ["a", "b", "c"])) == [1: true])
        #expect(v.link == .down)
    }

    @Test func oneAnsweringServerMeansTheFailuresCount() {
        var v = NetworkVerdict()
        #expect(down(v.judge(cycle: 1, answered: 1, failed: ["a", "b"])) == [1: false])
        #expect(v.link == .up)
    }

    @Test func aSingleSourceInALastCycleCannotTell() {
        var v = NetworkVerdict()
        #expect(down(v.judge(cycle: 1, answered: 0, failed: ["a"], final: true)) == [1: false])
        #expect(down(v.judge(cycle: 2, answered: 0, failed: [], final: true)) == [2: false])
    }

    @Test func aLoneFailureWaitsForTheNextCycle() {
        var v = NetworkVerdict()
        #expect(v.judge(cycle: 1, answered: 0, failed: ["a"]).isEmpty)
        #expect(down(v.judge(cycle: 2, answered: 0, failed: ["b"])) == [1: true, 2: true])
    }

    @Test func aLoneFailureFollowedByAnAnswerCounts() {
        var v = NetworkVerdict()
        #expect(v.judge(cycle: 1, answered: 0, failed: ["a"]).isEmpty)
        #expect(down(v.judge(cycle: 2, answered: 3, failed: [])) == [1: false, 2: false])
    }

    @Test func theSameSourceFailingTwiceIsStillOneSource() {
        var v = NetworkVerdict()
        #expect(v.judge(cycle: 1, answered: 0, failed: ["a"]).isEmpty)
        #expect(v.judge(cycle: 2, answered: 0, failed: ["a"]).isEmpty)
        #expect(down(v.expire(cycle: 1)) == [1: false])
    }

    @Test func whileDownEvenALoneFailureIsNetworkDownUntilAnAnswer() {
        var v = NetworkVerdict()
        _ = v.judge(cycle: 1, answered: 0, failed: ["a", "b"])
        #expect(down(v.judge(cycle: 2, answered: 0, failed: ["c"])) == [2: true])
        #expect(down(v.judge(cycle: 3, answered: 1, failed: [])) == [3: false])
        #expect(v.link == .up)
        #expect(v.judge(cycle: 4, answered: 0, failed: ["c"]).isEmpty)
    }

    @Test func onlyConnectionLevelFailuresCount() {
        #expect(NetworkVerdict.isConnectionFailure(.connect))
        #expect(NetworkVerdict.isConnectionFailure(.dns))
        #expect(NetworkVerdict.isConnectionFailure(.timeout))
        #expect(!NetworkVerdict.isConnectionFailure(.httpStatus))
        #expect(!NetworkVerdict.isConnectionFailure(.tls))
    }

    @Test func theWatchHoldsALoneFailureUntilItExpires() async {
        let watch = NetworkWatch(holdLimit: 0.05)
        let verdict = await watch.judge(answered: 0, failed: ["a"], final: false)
        #expect(!verdict.networkDown && verdict.change == nil)
    }

    @Test func theWatchReleasesAHeldFailureWhenTheNextCycleDecides() async {
        let watch = NetworkWatch(holdLimit: 30)
        async let first = watch.judge(answered: 0, failed: ["a"], final: false)
        try? await Task.sleep(for: .milliseconds(50))
        let second = await watch.judge(answered: 0, failed: ["b"], final: false)
        #expect(second.networkDown && second.change == .down)
        #expect(await first.networkDown)
    }

    @Test func aHeldCycleStopsWaitingWhenCancelled() async {
        let watch = NetworkWatch(holdLimit: 600)
        let started = ContinuousClock.now
        let task = Task { await watch.judge(answered: 0, failed: ["a"], final: false) }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let verdict = await task.value
        #expect(!verdict.networkDown)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
