import CSystem
import Foundation

/// Threads of their own for parsing and the per-entry work after it: two per core (at least four),
/// however many polls run at once (`concurrency`, default 16).
/// - A parse builds its whole document in memory and may run up to the parser's CPU budget: this
///   bounds the documents alive at once by cores, not by concurrency.
/// - Twice the cores, so that a few slow documents share the CPU with the rest instead of holding
///   every thread for their whole budget.
/// - The cooperative pool, which runs the watchdog, signal handling and the fetch loop's
///   completions, never waits behind a parse.
/// Named `fs-parse-N` in `top -H` and perf. Polls parse here with `withTaskExecutorPreference`: the
/// task is the same, so `Task.isCancelled`, which the parser checks with its CPU budget, still reads
/// the poll's cancellation.
public final class ParseThreads: TaskExecutor, @unchecked Sendable {
    public static let shared = ParseThreads(count: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    private let condition = NSCondition()
    /// Jobs in arrival order: `queue[head...]` are waiting (compacted as the head advances).
    private var queue: [UnownedJob] = []
    private var head = 0
    public let count: Int
    /// The kernel's name of each parse thread: this and its index (15 bytes at most).
    public static let threadNamePrefix = "fs-parse-"

    public init(count: Int) {
        self.count = count
        for index in 0..<count {
            // Named for `top -H` and perf (Foundation's Thread.name does not reach the kernel here).
            let name = Self.threadNamePrefix + String(index)
            Thread { [unowned self] in
                _ = CSystem_set_thread_name(name)
                self.work()
            }.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == queue.count { condition.wait() }
            let job = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true); head = 0
            } else if head >= 1024 && head * 2 >= queue.count {
                queue.removeFirst(head); head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
