import FeedSyncCore
import Foundation
import Logging
import ServiceLifecycle

/// What wakes the scheduler loop.
enum SchedulerEvent: Sendable {
    /// Time passed: check due sources and the watchdog.
    case tick
    /// SIGHUP: re-read the config.
    case reload
    /// Graceful shutdown began (SIGTERM or SIGINT, through the ServiceGroup).
    case shutdown
    /// A poll finished: delivered, failed, or abandoned at shutdown.
    case completed(cycle: Int, polled: SourceConfig, report: SourceReport)
}

/// The daemon's scheduler: polls every source when it is due, through the same `SyncEngine` (Poll ->
/// Plan -> Commit) as `feedsync sync`. The sources due together are one cycle; the cycles share one
/// `NetworkWatch`, so a network outage is told from dead servers as it is in `sync`.
///
/// One loop owns all scheduling state (`LoopState`) and reacts to events, one at a time: ticks,
/// finished polls, SIGHUP and shutdown. Polls run as child tasks that report back through the same
/// event stream. The loop itself pings the systemd watchdog, so a wedged loop stops pinging and
/// systemd restarts the service.
final class SchedulerService: Service {
    /// Re-reads the config file (for SIGHUP).
    typealias Reloader = @Sendable () -> Result<Config, ConfigError>

    let engine: SyncEngine
    let notifier: SystemdNotifier
    let logger: Logger
    let config: Config
    let watch: NetworkWatch
    let events: AsyncStream<SchedulerEvent>
    let continuation: AsyncStream<SchedulerEvent>.Continuation
    let reloadConfig: Reloader

    /// - Parameters:
    ///   - events: the stream the loop reads; `continuation` is where SIGHUP and polls write to it.
    init(engine: SyncEngine, notifier: SystemdNotifier, logger: Logger, config: Config,
         events: AsyncStream<SchedulerEvent>,
         continuation: AsyncStream<SchedulerEvent>.Continuation, reloadConfig: @escaping Reloader) {
        self.engine = engine; self.notifier = notifier; self.logger = logger; self.config = config
        self.events = events; self.continuation = continuation
        self.reloadConfig = reloadConfig
        watch = NetworkWatch()
    }

    /// A set of sources that fell due together, polled together.
    struct Cycle {
        var started: ContinuousClock.Instant
        var due: Int
        var remaining: Int
        var summary = CycleSummary()
    }

    /// Everything the loop decides from; only the loop touches it.
    struct LoopState {
        var config: Config
        var schedule: DaemonSchedule
        var cycles: [Int: Cycle] = [:]
        var nextCycle = 1
        var lastPing = ContinuousClock.now
        var draining = false
        /// When shutdown stops waiting for polls and abandons them before their commit.
        var abandonAt: ContinuousClock.Instant?
        var abandoned = false
    }

    func run() async {
        let now = Self.wallClock()
        // Every state as last committed, read here and not kept: a copy held for the daemon's life
        // stopped sharing storage with the delivery thread's at its first commit (54 MB at 50,000
        // sources).
        var loop = LoopState(config: config, schedule: DaemonSchedule(sources: config.sources,
                                                                      states: engine.delivery.currentStates(), now: now))
        // Tick often enough to ping the watchdog on time; once a second is plenty for due times.
        let tick = notifier.watchdogInterval.map { min(1.0, max(0.01, $0 / 4)) } ?? 1.0
        let dueNow = loop.schedule.dueCount(now: now)
        logger.notice("daemon started", metadata: ["sources": "\(config.sources.count)", "due_now": "\(dueNow)",
                                                    "pid": "\(ProcessInfo.processInfo.processIdentifier)"])
        notifier.ready(status: "started: \(config.sources.count) sources, \(dueNow) due now")
        notifier.watchdog()
        let continuation = self.continuation
        await withGracefulShutdownHandler {
            // Discarding: polls report through `events`, never through the group, and a plain
            // task group keeps every finished child until `next()` (SE-0381): RSS grew ~34 KB a
            // poll, 1.1 GB in the 30-minute soak of 2,000 feeds.
            await withDiscardingTaskGroup { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(tick))
                        continuation.yield(.tick)
                    }
                }
                launchDue(&loop, group: &group)
                for await event in events {
                    handle(event, &loop)
                    pingWatchdog(&loop, tick: tick)
                    if loop.draining {
                        if loop.schedule.inFlight.isEmpty { break }
                        if !loop.abandoned, let at = loop.abandonAt, ContinuousClock.now >= at {
                            logger.warning("shutdown timeout near: abandoning polls before their commit",
                                           metadata: ["polls": "\(loop.schedule.inFlight.count)"])
                            loop.abandoned = true
                            group.cancelAll()
                        }
                    } else {
                        launchDue(&loop, group: &group)
                    }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            continuation.yield(.shutdown)
        }
        continuation.finish()
        logger.notice("scheduler stopped")
    }

    /// Starts a poll for every source due now, as one cycle.
    private func launchDue(_ loop: inout LoopState, group: inout DiscardingTaskGroup) {
        let due = loop.schedule.takeDue(now: Self.wallClock())
        guard !due.isEmpty else { return }
        let id = loop.nextCycle
        loop.nextCycle += 1
        loop.cycles[id] = Cycle(started: .now, due: due.count, remaining: due.count)
        let engine = self.engine, continuation = self.continuation, watch = self.watch
        group.addTask {
            await engine.cycle(due, watch: watch) { i, result in
                continuation.yield(.completed(cycle: id, polled: due[i].source, report: result.report))
            }
        }
    }

    private func handle(_ event: SchedulerEvent, _ loop: inout LoopState) {
        switch event {
        case .tick:
            break
        case let .completed(id, polled, report):
            loop.schedule.complete(report, polled: polled, now: Self.wallClock())
            guard var cycle = loop.cycles[id] else { return }
            cycle.summary.add(report)
            cycle.remaining -= 1
            if cycle.remaining > 0 {
                loop.cycles[id] = cycle
            } else {
                loop.cycles[id] = nil
                finish(cycle, loop)
            }
        case .reload:
            guard !loop.draining else { return }
            reload(&loop)
        case .shutdown:
            guard !loop.draining else { return }
            loop.draining = true
            let timeout = loop.config.shutdownTimeout
            // Leave the last part of the timeout (up to 2 s) for abandoned polls to unwind and the
            // delivery thread to commit what it already holds.
            loop.abandonAt = .now + .seconds(max(timeout / 2, timeout - 2))
            let n = loop.schedule.inFlight.count
            logger.notice("shutting down", metadata: ["polls_in_flight": "\(n)",
                                                      "shutdown_timeout": "\(DurationParser.format(timeout))"])
            notifier.stopping(status: n > 0 ? "stopping: finishing \(n) poll\(n == 1 ? "" : "s")" : "stopping")
        }
    }

    /// After a cycle: the STATUS line and the metrics file.
    private func finish(_ cycle: Cycle, _ loop: LoopState) {
        let elapsed = ContinuousClock.now - cycle.started
        let duration = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Cycles can be small and many (due times spread out): nothing here walks every source
        // unless a metrics file is written.
        let next = loop.schedule.nextDue.map { Timestamp(seconds: Int64($0.rounded(.up))) }
        let line = cycle.summary.statusLine(duration: duration, sources: loop.schedule.names.count,
                                            failing: loop.schedule.failingCount, nextPoll: next)
        if !loop.draining { notifier.status(line) }
        logger.debug("cycle finished", metadata: ["summary": "\(line)"])
        if let path = loop.config.metricsFile {
            MetricsWriter.write(MetricsSnapshot(sources: loop.schedule.sourceStates, cycleDuration: duration, sourcesDue: cycle.due,
                                                cycleEnd: Timestamp(seconds: Int64(Self.wallClock()))),
                                to: path, logger: logger)
        }
    }

    private func pingWatchdog(_ loop: inout LoopState, tick: Double) {
        guard let interval = notifier.watchdogInterval else { return }
        let now = ContinuousClock.now
        if now - loop.lastPing >= .seconds(max(0, interval - tick / 2)) {
            notifier.watchdog()
            loop.lastPing = now
        }
    }

    static func wallClock() -> Double { Date().timeIntervalSince1970 }
}
