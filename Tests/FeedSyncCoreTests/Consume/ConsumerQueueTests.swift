import FeedSyncCore
import Testing

@Suite("ConsumerQueue")
struct ConsumerQueueTests {
    let schedule = RetrySchedule(retries: 2, base: 10, cap: 100)

    func queue(jobs: Int, _ items: [(String, String)]) -> ConsumerQueue {
        var q = ConsumerQueue(jobs: jobs, schedule: schedule)
        for (name, source) in items { q.offer(.init(name: name, source: source)) }
        return q
    }

    func drain(_ q: inout ConsumerQueue, now: Double) -> [String] {
        var out: [String] = []
        while let item = q.nextToStart(now: now) { out.append(item.name) }
        return out
    }

    @Test func oneJobRunsItemsInDeliveryOrder() {
        var q = queue(jobs: 1, [("3", "b"), ("1", "a"), ("2", "b"), ("4", "a")])
        var order: [String] = []
        while let item = q.nextToStart(now: 0) {
            order.append(item.name)
            #expect(q.nextToStart(now: 0) == nil, "one job: nothing else starts while one runs")
            #expect(q.finished(item.name, success: true, now: 0) == .done)
        }
        #expect(order == ["1", "2", "3", "4"])
        #expect(q.isIdle)
    }

    @Test func jobsRunDifferentSourcesTogetherButOneItemPerSource() {
        var q = queue(jobs: 8, [("1", "a"), ("2", "a"), ("3", "b"), ("4", "c"), ("5", "b")])
        #expect(drain(&q, now: 0) == ["1", "3", "4"])
        _ = q.finished("3", success: true, now: 0)
        #expect(drain(&q, now: 0) == ["5"])
        _ = q.finished("1", success: true, now: 0)
        #expect(drain(&q, now: 0) == ["2"])
    }

    @Test func jobsBoundHowManyRun() {
        var q = queue(jobs: 2, [("1", "a"), ("2", "b"), ("3", "c")])
        #expect(drain(&q, now: 0) == ["1", "2"])
        #expect(q.runningCount == 2)
    }

    @Test func aFailedItemHoldsItsSourceUntilItsRetryButNotOthers() {
        var q = queue(jobs: 1, [("1", "a"), ("2", "a"), ("3", "b")])
        #expect(q.nextToStart(now: 0)?.name == "1")
        #expect(q.finished("1", success: false, now: 0) == .retry(at: 10))
        #expect(q.nextToStart(now: 1)?.name == "3", "source b goes on while a waits")
        _ = q.finished("3", success: true, now: 1)
        #expect(q.nextToStart(now: 5) == nil, "a's later item waits behind its retry")
        #expect(q.nextWake(after: 5) == 10)
        let retry = q.nextToStart(now: 10)
        #expect(retry?.name == "1" && retry?.claimed == true && retry?.failures == 1)
        #expect(q.finished("1", success: false, now: 10) == .retry(at: 30))
        #expect(q.nextToStart(now: 30)?.name == "1")
        #expect(q.finished("1", success: false, now: 30) == .park)
        #expect(q.nextToStart(now: 30)?.name == "2")
    }

    @Test func recoveredClaimsKeepTheirFailureCount() {
        var q = ConsumerQueue(jobs: 1, schedule: schedule)
        q.offer(.init(name: "1", source: "a", claimed: true, failures: 2))
        #expect(q.nextToStart(now: 0)?.failures == 2)
        #expect(q.finished("1", success: false, now: 0) == .park)
    }

    @Test func anAbandonedClaimFreesItsSourceAndIsForgotten() {
        var q = queue(jobs: 1, [("1", "a"), ("2", "a")])
        #expect(q.nextToStart(now: 0)?.name == "1")
        q.abandon("1")
        #expect(!q.contains("1"))
        #expect(q.nextToStart(now: 0)?.name == "2")
    }

    @Test func offeringAKnownItemAgainChangesNothing() {
        var q = queue(jobs: 4, [("1", "a")])
        q.offer(.init(name: "1", source: "a"))
        #expect(q.queuedCount == 1)
        #expect(q.nextToStart(now: 0)?.name == "1")
        q.offer(.init(name: "1", source: "a"))
        #expect(q.nextToStart(now: 0) == nil, "a running item is not queued twice")
    }

    @Test func lateOffersOfEarlierItemsAreOrderedBySourcePosition() {
        var q = queue(jobs: 1, [("5", "a"), ("9", "a")])
        q.offer(.init(name: "2", source: "a"))
        q.offer(.init(name: "7", source: "a"))
        var order: [String] = []
        while let item = q.nextToStart(now: 0) {
            order.append(item.name)
            _ = q.finished(item.name, success: true, now: 0)
        }
        #expect(order == ["2", "5", "7", "9"])
    }

    @Test func anInterruptedRunIsNotCountedAndNotRestarted() {
        var q = queue(jobs: 1, [("1", "a")])
        _ = q.nextToStart(now: 0)
        q.interrupted("1")
        #expect(q.isIdle)
        #expect(q.nextToStart(now: 0) == nil)
    }
}
