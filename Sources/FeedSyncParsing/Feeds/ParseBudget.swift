#if canImport(Glibc)
import Glibc
#endif

/// The CPU time one document's parse may still take, and whether its task was cancelled: checked
/// by the SAX reader every `checkInterval` callbacks and between chunks, so that neither a slow
/// document nor a shutdown waits for the end of a long parse.
///
/// CPU time of the parsing thread, not wall time: a parse is synchronous, so it runs on one thread
/// from start to end, and its CPU time does not grow when other work shares the cores (wall time
/// would stop good documents on a busy machine).
///
/// Cancellation is the current task's (`Task.isCancelled` works in synchronous code run by a
/// task, also on a task executor of its own); a parse outside any task has only the clock.
final class ParseBudget {
    /// Callbacks between two looks at the clock (a thread CPU clock read is a system call of
    /// about 0.3 µs; a callback costs ~0.1 µs).
    static let checkInterval = 256

    enum Stop {
        case overTime(Duration)
        case cancelled

        var message: String {
            switch self {
            case let .overTime(budget):
                "parse stopped after its CPU time budget of \(budget) (a parse limit); document refused"
            case .cancelled:
                "parse cancelled (shutdown)"
            }
        }
    }

    private let limit: Duration
    private let deadline: UInt64
    private var countdown = ParseBudget.checkInterval
    /// Why the parse must stop, once it must.
    private(set) var stop: Stop?

    init(_ limits: ParseLimits) {
        limit = limits.timeBudget
        let (sum, overflow) = ParseBudget.cpuNow().addingReportingOverflow(limits.timeBudgetNanoseconds)
        deadline = overflow ? .max : sum
    }

    /// Counts one callback; every `checkInterval` of them, `stopsNow()`.
    @inline(__always)
    func tick() -> Bool {
        countdown -= 1
        guard countdown <= 0 else { return false }
        countdown = ParseBudget.checkInterval
        return stopsNow() != nil
    }

    /// CPU nanoseconds of the calling thread.
    static func cpuNow() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Looks at the clock and the task now: why the parse must stop, or nil.
    func stopsNow() -> Stop? {
        if stop == nil {
            if Task.isCancelled {
                stop = .cancelled
            } else if ParseBudget.cpuNow() >= deadline {
                stop = .overTime(limit)
            }
        }
        return stop
    }
}
