import Foundation
import Logging

/// The single writer of the spool and the state. Results of many sources are committed in batches,
/// on one dedicated thread, with this protocol (README, "Exactly once"):
///
/// 1. diff each document against the state and render the new items;
/// 2. record a delivery intent per file in SQLite, durably (`synchronous = FULL`);
/// 3. write every file into `tmp/`, then one `syncfs` makes them all durable;
/// 4. rename each into `new/` (never replacing), then `fsync(new/)` makes the renames durable;
/// 5. one transaction records the items as delivered, advances validators and schedules, and clears
///    the intents.
///
/// A crash before 2 leaves no trace; between 2 and 5 recovery finds each intent's file either
/// published (recorded as delivered) or not (dropped, so the next poll delivers it). State never
/// gets ahead of the spool, and a published file is never published twice.
public final class Deliverer: @unchecked Sendable {
    public struct Options: Sendable {
        public var spoolFormat: SpoolFormat
        public var dryRun: Bool
        public var duplicateWindow: Double
        public init(spoolFormat: SpoolFormat = .json, dryRun: Bool = false, duplicateWindow: Double = 3 * 86_400) {
            self.spoolFormat = spoolFormat; self.dryRun = dryRun; self.duplicateWindow = duplicateWindow
        }
    }

    let store: StateStore
    let spool: Spool?
    let options: Options
    let logger: Logger
    let clock: @Sendable () -> Double
    var namer = SpoolNamer()
    /// Source states, owned by the delivery thread after start.
    var states: [String: SourceState]

    private let condition = NSCondition()
    private var queue: [(PollResult, CheckedContinuation<SourceReport, Never>)] = []
    private var stopping = false
    private var thread: Thread?
    /// Set when a commit failed after files were published: recover before the next batch.
    var needsRecovery = false
    /// Fingerprints of items delivered within `duplicate_window`, for cross-source duplicates.
    var duplicateIndex: NearDuplicateIndex
    /// Fingerprints planned in the current batch, not yet committed.
    var pendingFingerprints: [DuplicateRecord] = []

    /// Opens the delivery pipeline and recovers from any interrupted batch.
    public init(store: StateStore, spool: Spool?, options: Options, logger: Logger,
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws {
        self.store = store
        self.spool = spool
        self.options = options
        self.logger = logger
        self.clock = clock
        states = try store.sourceStates()
        let window = Int64(options.duplicateWindow)
        let since = Timestamp(seconds: Int64(clock()) - window)
        duplicateIndex = NearDuplicateIndex(records: try store.recentFingerprints(since: since), windowSeconds: window)
        if !options.dryRun { try recover() }
    }

    /// The state of every source, as last committed (read before `start()` or after `stop()`).
    public var sourceStates: [String: SourceState] { states }

    public func start() {
        let t = Thread { [self] in self.loop() }
        t.name = "feedsync-deliver"
        thread = t
        t.start()
    }

    /// Finishes queued work, then ends the thread.
    public func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        while thread?.isFinished == false { usleep(1000) }
    }

    /// Commits one source's result; returns once it is durable (or failed).
    public func deliver(_ result: PollResult) async -> SourceReport {
        await withCheckedContinuation { cont in
            condition.lock()
            queue.append((result, cont))
            condition.signal()
            condition.unlock()
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty && stopping { condition.unlock(); return }
            let batch = queue
            queue.removeAll()
            condition.unlock()
            let reports = process(batch.map(\.0))
            for (i, (_, cont)) in batch.enumerated() { cont.resume(returning: reports[i]) }
        }
    }

    var now: Timestamp { Timestamp(seconds: Int64(clock())) }
    var nowMicros: Int64 { Int64(clock() * 1_000_000) }
}
