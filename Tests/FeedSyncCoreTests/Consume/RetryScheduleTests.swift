import FeedSyncCore
import Testing

@Suite("RetrySchedule")
struct RetryScheduleTests {
    @Test func waitsDoubleFromTheBase() {
        let s = RetrySchedule(retries: 5, base: 10, cap: 600)
        #expect((1...5).map { s.delay(failures: $0) } == [10, 20, 40, 80, 160])
    }

    @Test func waitsNeverExceedTheCapEvenAfterHugeCounts() {
        let s = RetrySchedule(retries: 1000, base: 10, cap: 600)
        #expect(s.delay(failures: 7) == 600)
        #expect(s.delay(failures: 1000) == 600)
        #expect(s.delay(failures: Int.max) == 600)
    }

    @Test func anItemIsTriedRetriesPlusOneTimesThenParked() {
        let s = RetrySchedule(retries: 3, base: 1, cap: 60)
        #expect(s.decision(failures: 1) == .retry(after: 1))
        #expect(s.decision(failures: 3) == .retry(after: 4))
        #expect(s.decision(failures: 4) == .park)
        #expect(s.decision(failures: Int.max) == .park)
    }

    @Test func zeroRetriesParksAtTheFirstFailure() {
        #expect(RetrySchedule(retries: 0, base: 1, cap: 1).decision(failures: 1) == .park)
    }

    @Test func nonsenseSettingsAreClampedNotTrapped() {
        let s = RetrySchedule(retries: -4, base: -.infinity, cap: .nan)
        #expect(s.retries == 0)
        #expect(s.base == RetrySchedule.defaultBase)
        #expect(s.cap >= s.base)
        #expect(RetrySchedule(retries: 2, base: 30, cap: 5).delay(failures: 1) == 30)
    }

    @Test func subSecondBasesWork() {
        let s = RetrySchedule(retries: 2, base: 0.01, cap: 1)
        #expect(s.decision(failures: 2) == .retry(after: 0.02))
    }
}
