import FeedSyncCore
import Testing

@Suite("Backoff")
struct BackoffTests {
    let interval: Int64 = 1800
    let maxInterval: Int64 = 86_400

    @Test func firstFailureWaitsOneInterval() {
        #expect(Backoff.delay(failures: 1, interval: interval, maxInterval: maxInterval, unit: 0.9) == interval)
    }

    @Test func delayDoublesWithEachFailureWithoutJitter() {
        let delays = (1...5).map { Backoff.delay(failures: $0, interval: interval, maxInterval: maxInterval, unit: 0) }
        #expect(delays == [1800, 3600, 7200, 14_400, 28_800])
    }

    @Test func delayIsCappedAtMaxInterval() {
        #expect(Backoff.delay(failures: 10, interval: interval, maxInterval: maxInterval, unit: 0) == maxInterval)
        #expect(Backoff.delay(failures: 10_000, interval: interval, maxInterval: maxInterval, unit: 0) == maxInterval)
    }

    @Test func jitterSpreadsWithinTheRangeAndNeverBelowInterval() {
        for failures in 1...20 {
            for unit in stride(from: 0.0, to: 1.0, by: 0.1) {
                let d = Backoff.delay(failures: failures, interval: interval, maxInterval: maxInterval, unit: unit)
                #expect(d >= interval && d <= maxInterval)
            }
        }
        let low = Backoff.delay(failures: 20, interval: interval, maxInterval: maxInterval, jitter: 0.25, unit: 0.999)
        #expect(low < maxInterval)
        #expect(low >= maxInterval - (maxInterval - interval) / 4)
    }

    @Test func intervalLongerThanMaxIntervalWins() {
        #expect(Backoff.delay(failures: 3, interval: 172_800, maxInterval: 86_400, unit: 0.5) == 172_800)
    }
}
