import ArgumentParser
import FeedSyncCore
import FeedSyncParsing
import Foundation
import Glibc
import Logging
import ServiceLifecycle

/// `feedsync run`: the daemon. Schedules every source, polls when due, delivers new items; speaks
/// systemd's notify protocol; SIGHUP reloads the config, SIGTERM/SIGINT stop it gracefully.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll every source when it is due and deliver new items to the spool.",
        discussion: """
        Runs until SIGTERM or SIGINT, then finishes or abandons polls in flight within shutdown_timeout \
        and exits 0. SIGHUP re-reads the config (an invalid file is logged and the running config stays). \
        Under systemd (Type=notify) it reports READY=1, STATUS=, WATCHDOG=1, RELOADING=1 and STOPPING=1. \
        Holds the instance lock for its lifetime: `feedsync sync` meanwhile exits 75.
        Exit status: 0 stopped by a signal; 64 usage; 75 another feedsync holds the lock; 78 invalid config.
        """)

    @OptionGroup var config: ConfigOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        // SIGHUP's default action kills; from here on it only queues a reload.
        let (events, continuation) = AsyncStream.makeStream(of: SchedulerEvent.self)
        let reloads = ReloadRequests()   // a node of a shared state polls this instead of the stream
        let hangup = SignalRelay(signal: SIGHUP) { continuation.yield(.reload); reloads.request() }
        defer { withExtendedLifetime(hangup) {} }

        let logger = global.makeLogger()
        let config = try Runtime.loadConfig(self.config)
        let lock = try Runtime.lock(config, wait: false, logger: logger)
        defer { withExtendedLifetime(lock) {} }
        Runtime.warnAboutInsecureSources(config, logger: logger)
        // Group commit: the daemon's polls arrive one by one all through an interval; a tenth of
        // a second of latency into the spool lets them share a transaction and a flush.
        let engine = try Runtime.openPipeline(config, dryRun: false, logger: logger, groupCommit: true)
        let notifier = SystemdNotifier(
            environment: SystemdEnvironment(environment: ProcessInfo.processInfo.environment, pid: getpid()),
            logger: logger)
        let path = config.path
        let reloadConfig: SchedulerService.Reloader = {
            do throws(ConfigError) {
                return .success(try Runtime.configLoader.load(path: path))
            } catch {
                return .failure(error)
            }
        }
        let scheduler: Service
        if let coordinator = try Runtime.openCoordinator(config) {
            // Shared state: claims due sources from the database.
            scheduler = ClusterSchedulerService(engine: engine, coordinator: coordinator, notifier: notifier,
                                                logger: logger, config: config, reloads: reloads, reloadConfig: reloadConfig)
        } else {
            scheduler = SchedulerService(
                engine: engine, notifier: notifier, logger: logger, config: config,
                events: events, continuation: continuation, reloadConfig: reloadConfig)
        }
        var groupConfig = ServiceGroupConfiguration(
            // Shut down in reverse order: the scheduler first (it finishes or abandons its polls),
            // then the delivery thread (it commits what it already holds).
            services: [.init(service: DeliveryService(delivery: engine.delivery)),
                       .init(service: scheduler, successTerminationBehavior: .gracefullyShutdownGroup,
                             failureTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A backstop: the scheduler abandons its polls before shutdown_timeout on its own.
        groupConfig.maximumGracefulShutdownDuration = Duration.seconds(config.shutdownTimeout + 5)
        let group = ServiceGroup(configuration: groupConfig)
        do {
            try await group.run()
        } catch {
            logger.error("daemon failed", metadata: ["error": "\(error)"])
            throw ExitCode(ExitStatus.someFailed)
        }
        logger.notice("daemon stopped")
    }
}
