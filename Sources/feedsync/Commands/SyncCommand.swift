import ArgumentParser
import FeedSyncCore
import Foundation
import Logging

/// `feedsync sync`: poll every source (or the named ones) once, deliver, exit.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Poll every source once, deliver new items to the spool, and exit.",
        discussion: """
        Exit status: 0 all polled sources synced; 1 some failed (the others delivered); 64 usage; \
        65 the state is new or empty but the spool holds items (see `feedsync recover`); \
        75 another feedsync holds the lock (use --wait); 78 invalid config.
        """)

    @OptionGroup var config: ConfigOption
    @Option(name: .customLong("source"), help: "Poll only this source (repeatable).", completion: .sourceNames)
    var sources: [String] = []
    @Flag(help: "Poll only sources whose interval has elapsed.") var due = false
    @Flag(help: "Poll sources in backoff, under Retry-After or disabled anyway.") var force = false
    @Flag(name: .customLong("dry-run"), help: "Print what would be delivered; touch neither state nor spool.") var dryRun = false
    @Flag(help: "Wait for the instance lock instead of exiting 75.") var wait = false
    @Option(name: .customLong("wait-timeout"), help: "Wait for the lock at most this long (e.g. 30s), then exit 75; implies --wait.",
            transform: Runtime.parseWaitTimeout)
    var waitTimeout: Double?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger()
        let config = try Runtime.loadConfig(self.config)
        var selected = config.sources
        if !sources.isEmpty {
            let unknown = sources.filter { config.source(named: $0) == nil }
            if !unknown.isEmpty {
                StandardError.write("feedsync: no source named \(unknown.joined(separator: ", ")) in \(config.path)\n")
                throw ExitCode(ExitStatus.usage)
            }
            selected = config.sources.filter { sources.contains($0.name) }
        }
        let lock = dryRun ? nil : try Runtime.lock(config, wait: wait, waitTimeout: waitTimeout, logger: logger)
        defer { withExtendedLifetime(lock) {} }
        Runtime.warnAboutInsecureSources(config, logger: logger)
        let engine = try Runtime.openPipeline(config, dryRun: dryRun, logger: logger)
        engine.delivery.start()
        let started = Date()
        let results = try await ClusterSync.sync(selected, config: config, engine: engine, dryRun: dryRun,
                                                 options: .init(force: force, dueOnly: due), logger: logger)
        engine.delivery.stop()
        let reports = results.map(\.report)
        if let path = config.metricsFile, !dryRun {
            let states = engine.delivery.currentStates()
            MetricsWriter.write(MetricsSnapshot(sources: config.sources.map { ($0.name, states[$0.name]) },
                                                cycleDuration: Date().timeIntervalSince(started),
                                                sourcesDue: reports.filter { $0.status != .skipped }.count,
                                                cycleEnd: Timestamp(seconds: Int64(Date().timeIntervalSince1970))),
                                to: path, logger: logger)
        }
        if dryRun {
            for plan in results.compactMap(\.plan) {
                for d in plan.deliveries { StandardOutput.write(d.item.jsonValue.serialized() + "\n") }
            }
        }
        let failed = reports.filter { $0.status == .failed }
        let skipped = reports.filter { $0.status == .skipped }
        let newItems = reports.reduce(0) { $0 + $1.newItems + $1.updatedItems }
        let meta: Logger.Metadata = [
            "sources": "\(reports.count)", "failed": "\(failed.count)", "skipped": "\(skipped.count)",
            "items.new": "\(newItems)", "dry_run": "\(dryRun)",
            "duration_ms": "\(Int(Date().timeIntervalSince(started) * 1000))",
        ]
        // Silent at the default level when nothing was new and nothing failed (a cron job's mail).
        if newItems > 0 || !failed.isEmpty { logger.notice("sync finished", metadata: meta) } else { logger.debug("sync finished", metadata: meta) }
        if !failed.isEmpty { throw ExitCode(ExitStatus.someFailed) }
    }
}
