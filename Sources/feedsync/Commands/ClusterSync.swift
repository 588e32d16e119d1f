import ArgumentParser
import FeedSyncCore
import FeedSyncPostgres
import Foundation
import Logging

/// `feedsync sync` with a shared state: it takes part in the cluster like a daemon. It leases the
/// sources it polls (with `--due`, only the due ones), so no daemon polls them meanwhile, and
/// reports the sources another node holds as skipped. `--dry-run` leases nothing.
enum ClusterSync {
    static func sync(_ sources: [SourceConfig], config: Config, engine: SyncEngine, dryRun: Bool,
                     options: SkipRule.Options, logger: Logger) async throws -> [SyncResult] {
        guard !dryRun, let coordinator = try Runtime.openCoordinator(config) else {
            return await engine.sync(sources, options: options)
        }
        let names = sources.map(\.name)
        let claimed: Set<String>
        do {
            try coordinator.register(pid: ProcessInfo.processInfo.processIdentifier, version: BuildVersion.display, sources: names)
            claimed = Set(try coordinator.claim(among: names, limit: names.count, dueOnly: options.dueOnly && !options.force).map(\.name))
        } catch {
            StandardError.write("feedsync: state \(Runtime.stateLocation(config)): \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let mine = sources.filter { claimed.contains($0.name) }
        var polled = await engine.sync(mine, options: options).makeIterator()
        let results = sources.map { s in
            guard claimed.contains(s.name), let r = polled.next() else {
                let reason = options.dueOnly ? "not due, or polled by another node" : "polled by another node"
                return SyncResult(report: SourceReport(source: s.name, status: .skipped, message: reason))
            }
            return r
        }
        do { try coordinator.release(Array(claimed)) } catch {
            logger.warning("could not release leases; they expire after lease_time", metadata: ["error": "\(error)"])
        }
        return results
    }
}
