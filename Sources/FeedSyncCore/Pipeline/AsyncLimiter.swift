import Foundation

/// At most `limit` holders at once; later callers wait in FIFO order. A waiting caller whose task is
/// cancelled stops waiting and gets no permit.
///
/// Lock-based rather than an actor so `release()` can be called synchronously (in a `defer`).
public final class AsyncLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var available: Int
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var cancelledBeforeWaiting: Set<UInt64> = []
    private var nextID: UInt64 = 0

    public init(limit: Int) { available = max(1, limit) }

    /// Takes a permit; false when the task was cancelled before it got one.
    public func acquire() async -> Bool {
        let (granted, id): (Bool, UInt64) = lock.withLock {
            if available > 0 {
                available -= 1
                return (true, 0)
            }
            nextID += 1
            return (false, nextID)
        }
        if granted { return true }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                lock.lock()
                if cancelledBeforeWaiting.remove(id) != nil {
                    lock.unlock()
                    continuation.resume(returning: false)
                    return
                }
                if available > 0 {   // released between the first check and now
                    available -= 1
                    lock.unlock()
                    continuation.resume(returning: true)
                    return
                }
                waiters.append((id, continuation))
                lock.unlock()
            }
        } onCancel: {
            lock.lock()
            if let index = waiters.firstIndex(where: { $0.id == id }) {
                let waiter = waiters.remove(at: index)
                lock.unlock()
                waiter.continuation.resume(returning: false)
            } else {
                cancelledBeforeWaiting.insert(id)
                lock.unlock()
            }
        }
    }

    /// Returns a permit, handing it to the longest waiter if there is one.
    public func release() {
        lock.lock()
        if waiters.isEmpty {
            available += 1
            lock.unlock()
        } else {
            let waiter = waiters.removeFirst()
            lock.unlock()
            waiter.continuation.resume(returning: true)
        }
    }
}
