import Foundation
import Logging

/// The one thread that owns the state: it takes polled sources in batches, reads their plan inputs
/// in one batched read, plans each (Plan stage), and hands the plans to the Commit stage. With
/// `dryRun` there is no Commit stage: the plans are returned as they are.
///
/// Everything that reads or writes the store runs here, so the store is used from one thread, and
/// the in-memory source states and duplicate index are only changed by committed batches.
public final class DeliveryThread: @unchecked Sendable {
    public struct Options: Sendable {
        public var spoolFormat: SpoolFormat
        public var dryRun: Bool
        public var duplicateWindow: Double
        /// `maildir_folders`: a Maildir++ folder per first tag.
        public var maildirFolders: Bool
        /// Group commit: how long, in seconds, the first poll of a batch may wait for others to
        /// join it, so that they share one transaction and one flush. 0: a batch is whatever is
        /// queued when the thread gets to it. The wait ends early once `gatherLimit` polls are
        /// queued, so a burst of polls never waits. Keep the limit well below the polls the
        /// engine lets be in flight: a queued poll holds its slot, and with every slot queued
        /// nothing else can arrive, so each batch would sit out the whole window.
        public var gatherWindow: Double
        public var gatherLimit: Int
        public init(spoolFormat: SpoolFormat = .json, dryRun: Bool = false, duplicateWindow: Double = 3 * 86_400,
                    maildirFolders: Bool = false, gatherWindow: Double = 0, gatherLimit: Int = 8) {
            self.spoolFormat = spoolFormat; self.dryRun = dryRun; self.duplicateWindow = duplicateWindow
            self.maildirFolders = maildirFolders
            self.gatherWindow = max(0, gatherWindow); self.gatherLimit = max(1, gatherLimit)
        }
    }

    let store: StateStore
    /// Where the state lives, for messages (`state /var/lib/feedsync/state.sqlite: ...`).
    let stateLocation: String
    let committer: Committer?
    let logger: Logger
    let clock: @Sendable () -> Double
    let gatherWindow: Double
    let gatherLimit: Int
    private var duplicates: DuplicateView

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    private var thread: Thread?
    /// Source states as last committed; written by the thread, read by anyone under `condition`.
    private var states: [String: SourceState]

    /// Opens the pipeline's writing end: reads the source states and recent fingerprints and, unless
    /// `dryRun`, opens the Commit stage (which recovers an interrupted batch). `spool` is nil only
    /// for dry runs.
    public init(store: StateStore, stateLocation: String, spool: Spool?, options: Options, logger: Logger,
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws {
        self.store = store
        self.stateLocation = stateLocation
        self.logger = logger
        self.clock = clock
        gatherWindow = options.gatherWindow
        gatherLimit = options.gatherLimit
        if !options.dryRun, let spool {
            try SpoolStateGuard.check(store: store, spool: spool, stateLocation: stateLocation)
            committer = try Committer(store: store, spool: spool, format: options.spoolFormat,
                                      folders: options.maildirFolders, logger: logger)
        } else {
            precondition(options.dryRun, "a DeliveryThread that commits needs a spool")
            committer = nil
        }
        states = try store.sourceStates()
        let window = Int64(options.duplicateWindow)
        let since = Timestamp(seconds: Int64(clock()) - window)
        duplicates = DuplicateView(index: NearDuplicateIndex(records: try store.recentFingerprints(since: since), windowSeconds: window))
    }

    /// One source's state as last committed. Safe from any thread at any time; unlike a copy of
    /// `currentStates()` held on to, it never makes the next commit copy every source's state.
    public func currentState(of source: String) -> SourceState? {
        condition.lock(); defer { condition.unlock() }
        return states[source]
    }

    /// The state of every source as last committed. Safe from any thread at any time.
    public func currentStates() -> [String: SourceState] {
        condition.lock(); defer { condition.unlock() }
        return states
    }

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
        // The thread's block holds this object: dropping the thread ends the cycle (LeakSanitizer
        // found the store, its SQLite connection and the duplicate index never freed).
        thread = nil
    }

    /// Work handed to the thread: a poll to plan, and to commit unless `previewOnly`.
    private struct Job {
        var polled: PolledSource
        /// The Enrich stage's articles for the poll's new items, by key (nil: none were fetched).
        var fullText: [String: FullText]?
        var previewOnly: Bool
        var continuation: CheckedContinuation<SyncResult, Never>
    }

    /// Whether this delivery has a Commit stage (false for `test` and `--dry-run`).
    public var commits: Bool { committer != nil }

    /// Plans and (unless dry run) commits one polled source; returns once it is durable (or failed).
    /// `fullText` holds the Enrich stage's articles for its new items.
    public func deliver(_ polled: PolledSource, fullText: [String: FullText]? = nil) async -> SyncResult {
        await enqueue(polled, fullText: fullText, previewOnly: false)
    }

    /// Plans one polled source against the committed state without committing anything: what a
    /// delivery of it now would deliver (the Enrich stage's question). Nil when the plan inputs
    /// could not be read.
    public func preview(_ polled: PolledSource) async -> SourcePlan? {
        await enqueue(polled, fullText: nil, previewOnly: true).plan
    }

    private func enqueue(_ polled: PolledSource, fullText: [String: FullText]?, previewOnly: Bool) async -> SyncResult {
        await withCheckedContinuation { cont in
            condition.lock()
            queue.append(Job(polled: polled, fullText: fullText, previewOnly: previewOnly, continuation: cont))
            condition.signal()
            condition.unlock()
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty && stopping { condition.unlock(); return }
            if gatherWindow > 0 {
                // Each enqueue signals: wake, count, and go on waiting until the window closes.
                let deadline = Date(timeIntervalSinceNow: gatherWindow)
                while queue.count < gatherLimit && !stopping && condition.wait(until: deadline) {}
            }
            let batch = queue
            queue.removeAll()
            // Only the batch's own states: holding on to the whole dictionary while the commit
            // below writes into it made every batch copy all of it (54 MB at 50,000 sources).
            var known: [String: SourceState] = [:]
            for job in batch { known[job.polled.source.name] = states[job.polled.source.name] }
            condition.unlock()
            // Previews first, as a batch of their own: their plans must not see (nor be seen by)
            // the near-duplicate fingerprints of a batch that commits.
            let previews = batch.filter(\.previewOnly)
            let deliveries = batch.filter { !$0.previewOnly }
            if !previews.isEmpty {
                let results = process(previews, states: known, commit: false)
                for (i, job) in previews.enumerated() { job.continuation.resume(returning: results[i]) }
            }
            guard !deliveries.isEmpty else { continue }
            let results = process(deliveries, states: known, commit: true)
            condition.lock()
            for r in results { if let st = r.report.state { states[st.name] = st } }
            condition.unlock()
            for (i, job) in deliveries.enumerated() { job.continuation.resume(returning: results[i]) }
        }
    }

    /// One batch: the batched read, the plans, the commit. Never throws: a failure fails the sources
    /// it touches, and nothing is delivered for them.
    private func process(_ jobs: [Job], states: [String: SourceState], commit: Bool) -> [SyncResult] {
        let batch = jobs.map(\.polled)
        let seconds = clock()
        let now = Timestamp(seconds: Int64(seconds))
        let inputs: [PlanInputs]
        var states = states
        do {
            let refresh = try store.beginBatch(sources: batch.map(\.source.name))
            states.merge(refresh.states) { _, committed in committed }
            duplicates.learn(refresh.fingerprints)
        } catch {
            return failAll(batch, "state \(stateLocation): cannot read: \(error)")
        }
        defer { store.endBatch() }
        do {
            inputs = try store.planInputs(batch.map(PlanQuery.init))
        } catch {
            return failAll(batch, "state \(stateLocation): cannot read: \(error)")
        }
        var plans = zip(batch, inputs).map { p, input in
            Planner.plan(p, previous: states[p.source.name], inputs: input, duplicates: &duplicates, now: now)
        }
        guard let committer, commit else {
            _ = duplicates.endBatch(committed: [], now: now)
            return plans.map { SyncResult(report: $0.report, plan: $0) }
        }
        // The Enrich stage's articles go into the items the plan delivers (FullTextPlan).
        for (i, job) in jobs.enumerated() {
            if let found = job.fullText { FullTextPlan.apply(found, to: &plans[i]) }
        }
        let committed = committer.commit(&plans, now: now, nowMicros: Int64(seconds * 1_000_000))
        if duplicates.endBatch(committed: committed, now: now) > 0 {
            do {
                try store.pruneFingerprints(before: Timestamp(seconds: now.seconds - duplicates.index.windowSeconds))
            } catch {
                logger.warning("pruning expired fingerprints failed", metadata: ["error": "\(error)"])
            }
        }
        for plan in plans where plan.report.status == .ok { log(plan.notices, source: plan.source) }
        return plans.map { SyncResult(report: $0.report) }
    }

    /// Nothing of `batch` could be planned: each source fails with `message`, its state unchanged.
    private func failAll(_ batch: [PolledSource], _ message: String) -> [SyncResult] {
        batch.map { p in
            var r = SourceReport(source: p.source.name, status: .failed, message: message)
            r.duration = p.duration
            return SyncResult(report: r)
        }
    }

    private func log(_ notices: [PlanNotice], source: SourceConfig) {
        for notice in notices {
            switch notice {
            case let .rekeyed(items):
                logger.info("items re-keyed upstream, not delivered again", metadata: ["source": "\(source.name)", "items": "\(items)"])
            case let .overLimit(items, limit):
                logger.warning("more new items than max_items: the newest were delivered, the older ones recorded as seen",
                               metadata: ["source": "\(source.name)", "skipped": "\(items)", "max_items": "\(limit)"])
            case let .entriesDropped(n):
                logger.warning("the document has more entries than 10 x max_items: the rest were not read",
                               metadata: ["source": "\(source.name)", "unread": "\(n)"])
            case let .autodiscovered(feed):
                logger.notice("the page advertises a feed; polling the feed from now on (config unchanged)",
                              metadata: ["source": "\(source.name)", "page": "\(source.url)", "feed": "\(feed)"])
            case let .movedPermanently(target):
                logger.notice("source moved permanently; polling the new URL from now on (config unchanged)",
                              metadata: ["source": "\(source.name)", "from": "\(source.url)", "to": "\(target)"])
            }
        }
    }
}
