import FeedSyncCore
import FeedSyncPostgres
import Foundation
import Logging
import ServiceLifecycle

/// The daemon's scheduler with a shared PostgreSQL state: instead of scheduling every source
/// itself, the node claims due sources from the database in batches (leases), polls each through
/// the same `SyncEngine`, and releases it when its commit is done. Due times, Retry-After and
/// backoff live in the shared source states, so what one node learns binds every node.
///
/// The loop beats the node's heartbeat and renews its leases every third of `lease_time`. When the
/// database is unreachable it claims nothing and retries each tick; polls in flight fail their
/// commit (nothing is published that is not committed) and are polled again once it is back.
final class ClusterSchedulerService: Service {
    let engine: SyncEngine
    let coordinator: PostgresCoordinator
    let notifier: SystemdNotifier
    let logger: Logger
    let config: Config
    let watch = NetworkWatch()
    let inFlight = ClaimedSources()
    let metrics = NodeMetrics(now: Date().timeIntervalSince1970)

    let reloads: ReloadRequests
    let reloadConfig: SchedulerService.Reloader

    init(engine: SyncEngine, coordinator: PostgresCoordinator, notifier: SystemdNotifier, logger: Logger, config: Config,
         reloads: ReloadRequests, reloadConfig: @escaping SchedulerService.Reloader) {
        self.engine = engine; self.coordinator = coordinator; self.notifier = notifier
        self.logger = logger; self.config = config
        self.reloads = reloads; self.reloadConfig = reloadConfig
    }

    func run() async {
        var config = self.config
        var names = config.sources.map(\.name)
        var byName = Self.byName(config)
        let capacity = Runtime.maxInFlight(config)
        let stopping = ClaimedSources.Flag()
        await registerUntilReachable(names, stopping: stopping)
        logger.notice("daemon started", metadata: ["sources": "\(names.count)", "node": "\(coordinator.node)",
                                                    "pid": "\(ProcessInfo.processInfo.processIdentifier)"])
        notifier.ready(status: "started: \(names.count) sources, shared state")
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                var lastBeat = 0.0
                var unreachable = false
                var lastAsked = 0
                while !stopping.isSet {
                    notifier.watchdog()
                    if reloads.take(), let new = reload(config) {
                        config = new
                        names = config.sources.map(\.name)
                        byName = Self.byName(config)
                    }
                    let now = Date().timeIntervalSince1970
                    var claimed: [SourceState] = []
                    do {
                        if now - lastBeat >= coordinator.leaseSeconds / 3 {
                            try coordinator.heartbeat(renewing: inFlight.all)
                            lastBeat = now
                        }
                        // Claims in batches of at least a quarter of the capacity: one query per
                        // finished poll would load the database more than the polls do.
                        let free = capacity - inFlight.count
                        lastAsked = free
                        claimed = free >= max(1, capacity / 4) ? try coordinator.claim(among: names, limit: free, dueOnly: true) : []
                        if unreachable { logger.notice("shared state reachable again") }
                        unreachable = false
                    } catch let error as PostgresError where !error.isUnreachable {
                        // A statement failed on a live server (e.g. a serialization failure): the
                        // next tick asks again.
                        logger.info("claiming failed this tick; retrying", metadata: ["error": "\(error)"])
                    } catch {
                        if !unreachable { logger.warning("shared state unreachable: claiming nothing until it is back", metadata: ["error": "\(error)"]) }
                        unreachable = true
                    }
                    if let path = config.metricsFile {
                        metrics.writeIfDue(to: path, names: names, now: now, logger: logger)
                    }
                    let due = claimed.compactMap { s in byName[s.name].map { (source: $0, state: Optional(s)) } }
                    if !due.isEmpty { launch(due, group: &group) }
                    // Busy (every slot taken, or every source asked for was due): look again soon,
                    // a poll finishing frees a slot; the check of a full node costs no query.
                    // Nothing was due: wait a tick.
                    let busy = capacity - inFlight.count < max(1, capacity / 4) || (!claimed.isEmpty && claimed.count == lastAsked)
                    try? await Task.sleep(for: .milliseconds(busy ? 10 : 250))
                }
                await drain(group: &group, shutdownTimeout: config.shutdownTimeout)
            }
        } onGracefulShutdown: {
            stopping.set()
        }
        do { try coordinator.release(inFlight.all) } catch {
            logger.warning("could not release leases at shutdown; they expire after lease_time", metadata: ["error": "\(error)"])
        }
        logger.notice("scheduler stopped")
    }

    private func launch(_ due: [(source: SourceConfig, state: SourceState?)], group: inout DiscardingTaskGroup) {
        inFlight.add(due.map(\.source.name))
        let engine = self.engine, watch = self.watch, coordinator = self.coordinator, inFlight = self.inFlight
        let logger = self.logger, metrics = self.metrics
        group.addTask {
            await engine.cycle(due, watch: watch) { i, result in
                metrics.polled(result.report.state)
                let name = due[i].source.name
                do { try coordinator.release([name]) } catch {
                    logger.debug("lease not released; it expires", metadata: ["source": "\(name)", "error": "\(error)"])
                }
                inFlight.remove(name)
            }
        }
    }

    /// Shutdown: waits for polls in flight up to about `shutdown_timeout`, then abandons the rest
    /// before their commit (their leases are released; another node polls them).
    private func drain(group: inout DiscardingTaskGroup, shutdownTimeout: Double) async {
        let n = inFlight.count
        logger.notice("shutting down", metadata: ["polls_in_flight": "\(n)"])
        notifier.stopping(status: n > 0 ? "stopping: finishing \(n) polls" : "stopping")
        let deadline = ContinuousClock.now + .seconds(max(shutdownTimeout / 2, shutdownTimeout - 2))
        while inFlight.count > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if inFlight.count > 0 {
            logger.warning("shutdown timeout near: abandoning polls before their commit", metadata: ["polls": "\(inFlight.count)"])
            group.cancelAll()
        }
    }

    /// SIGHUP: re-read the config. Sources it adds get their rows (claimable by every node); removed
    /// ones are no longer claimed by this node (polls in flight finish); changed ones are polled
    /// with their new settings from their next claim. Nil when the file is invalid or the database
    /// cannot take the new rows (the running config stays; the log says why).
    private func reload(_ running: Config) -> Config? {
        notifier.reloading()
        switch reloadConfig() {
        case let .failure(error):
            ConfigReload.reportFailure(error, logger: logger, notifier: notifier)
            return nil
        case let .success(new):
            let old = Self.byName(running)
            let added = new.sources.map(\.name).filter { old[$0] == nil }
            let kept = Set(new.sources.map(\.name))
            let removed = running.sources.map(\.name).filter { !kept.contains($0) }
            let changed = new.sources.filter { s in old[s.name].map { $0 != s } ?? false }.map(\.name)
            do { try coordinator.addSources(added) } catch {
                logger.error("configuration reload failed: the shared state cannot take the added sources; the running configuration stays in effect",
                             metadata: ["error": "\(error)"])
                notifier.ready(status: "reload failed (shared state unreachable); running the previous configuration")
                return nil
            }
            let applied = ConfigReload.apply(new, to: running, logger: logger)
            logger.notice("configuration reloaded", metadata: ConfigReload.metadata(
                sources: new.sources.count, added: added, removed: removed, changed: changed))
            notifier.ready(status: "reloaded: \(new.sources.count) sources (\(added.count) added, "
                + "\(removed.count) removed, \(changed.count) changed)")
            return applied
        }
    }

    static func byName(_ config: Config) -> [String: SourceConfig] {
        Dictionary(config.sources.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A node that starts while the database is down waits for it (systemd sees it starting).
    private func registerUntilReachable(_ names: [String], stopping: ClaimedSources.Flag) async {
        var warned = false
        while !stopping.isSet {
            do {
                try coordinator.register(pid: ProcessInfo.processInfo.processIdentifier, version: BuildVersion.display, sources: names)
                return
            } catch {
                if !warned { logger.warning("shared state unreachable: waiting for it", metadata: ["error": "\(error)"]) }
                warned = true
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

/// SIGHUP requests, set from the signal's queue and taken by the scheduler loop on its next tick.
final class ReloadRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    func request() { lock.withLock { pending = true } }
    /// Whether a reload was requested since the last call.
    func take() -> Bool { lock.withLock { defer { pending = false }; return pending } }
}

/// The sources this node holds leases on while it polls them. Thread-safe.
final class ClaimedSources: @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String> = []

    func add(_ n: [String]) { lock.withLock { names.formUnion(n) } }
    func remove(_ n: String) { lock.withLock { _ = names.remove(n) } }
    var all: [String] { lock.withLock { Array(names) } }
    var count: Int { lock.withLock { names.count } }

    /// A one-way flag set from the shutdown handler.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}
