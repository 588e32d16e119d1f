import FeedSyncCore
import Foundation
import Testing

@Suite struct AsyncLimiterTests {
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var current = 0, peak = 0
        func enter() { lock.lock(); current += 1; peak = max(peak, current); lock.unlock() }
        func leave() { lock.lock(); current -= 1; lock.unlock() }
    }

    @Test func neverMoreHoldersThanTheLimit() async {
        let limiter = AsyncLimiter(limit: 3)
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    guard await limiter.acquire() else { return }
                    counter.enter()
                    try? await Task.sleep(nanoseconds: 2_000_000)
                    counter.leave()
                    limiter.release()
                }
            }
        }
        #expect(counter.peak == 3)
        #expect(counter.current == 0)
    }

    @Test func aCancelledWaiterGetsNoPermitAndDoesNotHang() async {
        let limiter = AsyncLimiter(limit: 1)
        #expect(await limiter.acquire())
        let waiter = Task { await limiter.acquire() }
        try? await Task.sleep(nanoseconds: 20_000_000)
        waiter.cancel()
        #expect(await waiter.value == false)
        limiter.release()
        #expect(await limiter.acquire())   // the permit was not lost to the cancelled waiter
    }
}
