import Foundation
import Logging

/// The one sync pipeline, Poll -> Plan -> Commit, that every entry point drives: `feedsync sync`
/// (one cycle of every source), the daemon (cycles of the sources due together), and `test` and
/// `sync --dry-run` (the same cycle on a `DeliveryThread` without a Commit stage).
///
/// Orchestration only. Polls run concurrently (the fetcher enforces the transfer caps); each polled
/// source goes to the `DeliveryThread`, which plans and commits in batches as results arrive.
/// Connection failures wait for the cycle's other polls: the cycle's `NetworkVerdict` decides
/// whether they count against their sources.
public final class SyncEngine: Sendable {
    let poller: Poller
    public let delivery: DeliveryThread
    let logger: Logger
    /// Polls in flight at once (fetching, parsing or waiting for delivery). A parsed document waits
    /// for the single delivery thread; without this bound a large sync would hold every document.
    let inFlight: AsyncLimiter
    /// The Enrich stage (`full_text` sources); nil without an extractor. Not run when the delivery
    /// does not commit (`test`, `--dry-run`): those print what the feed carries.
    let enricher: Enricher?
    /// Poll tasks a cycle keeps started at once: twice the polls in flight, so the limiter always
    /// has one waiting. Starting one task per source up front held every task and its source's
    /// config while it waited (2.4 GB of RSS for a sync of 50,000 sources, issue 20).
    let taskWindow: Int

    /// - Parameter maxInFlight: polls in flight at once; twice the transfer concurrency keeps the
    ///   fetcher busy while bounding memory.
    public init(poller: Poller, delivery: DeliveryThread, logger: Logger, maxInFlight: Int = 128, enricher: Enricher? = nil) {
        self.poller = poller; self.delivery = delivery; self.logger = logger
        self.enricher = delivery.commits ? enricher : nil
        inFlight = AsyncLimiter(limit: maxInFlight)
        taskWindow = max(1, maxInFlight) * 2
    }

    /// One cycle of `sources` from their committed states, nothing after it (`sync`, `test`,
    /// `--dry-run`): results in the order given, without `report.state` (read the states from
    /// `delivery.currentStates()`).
    public func sync(_ sources: [SourceConfig], options: SkipRule.Options) async -> [SyncResult] {
        let results = ResultSlots(count: sources.count)
        // Entries looked up as the window reaches them: a list of (config, state) pairs built up
        // front was ~840 bytes a source, alive for the whole sync. And a state is read when its
        // source starts, not from a snapshot of all of them: a snapshot alive during the cycle
        // made the first commit copy every state (54 MB at 50,000 sources).
        let delivery = delivery
        let due = DueEntries(count: sources.count) { i in (sources[i], delivery.currentState(of: sources[i].name)) }
        await cycle(due, options: options, watch: NetworkWatch(), final: true) { i, r in
            // The committed state stays with the delivery thread (`currentStates()`); a copy in
            // each of 50,000 kept results was ~20 MB of a sync's peak.
            var r = r
            r.report.state = nil
            results.set(i, r)
        }
        return results.all()
    }

    /// One cycle of the daemon: `due` with the states it schedules from, judged by its shared
    /// `watch`; `completed` hears each result as soon as it is known.
    public func cycle(_ due: [(source: SourceConfig, state: SourceState?)], watch: NetworkWatch,
                      completed: @escaping @Sendable (Int, SyncResult) -> Void) async {
        await cycle(DueEntries(count: due.count) { due[$0] }, options: SkipRule.Options(), watch: watch, final: false,
                    completed: completed)
    }

    private enum Step: Sendable {
        /// Delivered (or skipped); `answered` when a network source got an answer.
        case done(SyncResult, answered: Bool)
        /// A connection failure, waiting for the cycle's verdict.
        case held(PolledSource)
    }

    private func cycle(_ due: DueEntries, options: SkipRule.Options,
                       watch: NetworkWatch, final: Bool, completed: @escaping @Sendable (Int, SyncResult) -> Void) async {
        var held: [(Int, PolledSource)] = []
        var answered = 0
        await withTaskGroup(of: (Int, Step).self) { group in
            var next = 0
            while next < min(due.count, taskWindow) {
                let i = next, entry = due.entry(i)
                group.addTask { (i, await self.pollAndDeliver(entry.source, state: entry.state, options: options)) }
                next += 1
            }
            for await (i, step) in group {
                if next < due.count {
                    let j = next, entry = due.entry(j)
                    group.addTask { (j, await self.pollAndDeliver(entry.source, state: entry.state, options: options)) }
                    next += 1
                }
                switch step {
                case let .done(result, didAnswer):
                    if didAnswer { answered += 1 }
                    completed(i, result)
                case let .held(polled):
                    held.append((i, polled))
                }
            }
        }
        guard !held.isEmpty || answered > 0 else { return }
        let verdict = await watch.judge(answered: answered, failed: Set(held.map(\.1.source.name)), final: final)
        if Task.isCancelled {
            for (i, polled) in held { completed(i, SyncResult(report: abandoned(polled.source))) }
            return
        }
        switch verdict.change {
        case .down?:
            logger.warning("every source failed to connect: the network looks down; not counting it against the sources",
                           metadata: ["sources": "\(held.count)"])
        case .up?:
            logger.notice("the network is back; sources resume their schedule")
        default:
            break
        }
        await withTaskGroup(of: Void.self) { group in
            for (i, polled) in held {
                var polled = polled
                polled.networkDown = verdict.networkDown
                group.addTask { completed(i, await self.deliver(polled)) }
            }
        }
    }

    /// Polls one source (unless a skip rule holds it) and delivers the result, or holds a
    /// connection failure for the cycle's verdict.
    private func pollAndDeliver(_ source: SourceConfig, state: SourceState?, options: SkipRule.Options) async -> Step {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        if let reason = SkipRule.reason(state: state, source: source, now: now, options: options) {
            let r = SourceReport(source: source.name, status: .skipped, message: reason)
            log(r, url: source.url)
            return .done(SyncResult(report: r), answered: false)
        }
        guard await inFlight.acquire() else { return .done(SyncResult(report: abandoned(source)), answered: false) }
        defer { inFlight.release() }
        let polled = await poller.poll(source, state: state)
        var fullText: [String: FullText]?
        if let enricher, !Task.isCancelled {
            fullText = await enricher.enrich(polled, preview: { await self.delivery.preview($0) })
        }
        if Task.isCancelled {
            // Shutdown abandons a poll before its commit: the state keeps the source as it was (a
            // cancelled transfer is not the source's failure), and nothing half-done reaches the spool.
            return .done(SyncResult(report: abandoned(source)), answered: false)
        }
        if polled.usesNetwork && polled.isConnectionFailure { return .held(polled) }
        return .done(await deliver(polled, fullText: fullText), answered: polled.usesNetwork)
    }

    private func deliver(_ polled: PolledSource, fullText: [String: FullText]? = nil) async -> SyncResult {
        let result = await delivery.deliver(polled, fullText: fullText)
        log(result.report, url: polled.requestURL, networkDown: polled.networkDown)
        return result
    }

    /// One line per poll would flood the log of a large daemon at every stop: the scheduler's
    /// warning says how many it abandons.
    private func abandoned(_ source: SourceConfig) -> SourceReport {
        logger.debug("abandoned at shutdown", metadata: ["source": "\(source.name)"])
        return SourceReport(source: source.name, status: .skipped, message: "abandoned at shutdown")
    }

    /// Polls that delivered something are info; polls with nothing new, and sources not due, are
    /// debug, so a cron run with nothing to do prints nothing at the default level. A failure is an
    /// error, except while the network is down (one warning says so; each source is info).
    private func log(_ r: SourceReport, url: String, networkDown: Bool = false) {
        var meta: Logger.Metadata = ["source": "\(r.source)", "status": "\(r.status.rawValue)",
                                     "duration_ms": "\(Int(r.duration * 1000))"]
        if let s = r.httpStatus { meta["http.status"] = "\(s)" }
        switch r.status {
        case .ok, .unchanged:
            meta["items.new"] = "\(r.newItems)"
            if r.updatedItems > 0 { meta["items.updated"] = "\(r.updatedItems)" }
            if r.newItems + r.updatedItems > 0 { logger.info("polled", metadata: meta) } else { logger.debug("polled", metadata: meta) }
        case .skipped:
            meta["reason"] = "\(r.message ?? "")"
            if r.message?.hasPrefix("not due") == true { logger.debug("skipped", metadata: meta) } else { logger.info("skipped", metadata: meta) }
        case .failed:
            meta["url"] = "\(URLRedaction.redact(url))"
            meta["error"] = "\(r.message ?? "unknown")"
            if networkDown { logger.info("poll failed: network down", metadata: meta) } else { logger.error("poll failed", metadata: meta) }
        }
    }
}

/// A cycle's sources with the states they are polled from, read by index as the task window
/// reaches them.
struct DueEntries: Sendable {
    let count: Int
    let entry: @Sendable (Int) -> (source: SourceConfig, state: SourceState?)
}

/// Results of a cycle collected by index from concurrent completions.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [SyncResult?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: SyncResult) { lock.withLock { slots[i] = r } }
    func all() -> [SyncResult] { lock.withLock { slots.map { $0 ?? SyncResult(report: SourceReport(source: "", status: .skipped)) } } }
}
