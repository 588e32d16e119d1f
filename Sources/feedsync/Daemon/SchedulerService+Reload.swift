import FeedSyncCore
import Logging

extension SchedulerService {
    /// SIGHUP: re-read the config; apply added, removed and changed sources without touching polls
    /// in flight. An invalid file is logged with file:line and the running config stays.
    func reload(_ loop: inout LoopState) {
        notifier.reloading()
        switch reloadConfig() {
        case let .failure(error):
            // One log line however many problems: each is `file:line: key: problem`.
            let problems = error.all.map(\.description)
            logger.error("configuration reload failed; the running configuration stays in effect",
                         metadata: ["error": "\(problems.joined(separator: "; "))", "problems": "\(problems.count)"])
            notifier.ready(status: "reload failed (\(problems[0])\(problems.count > 1 ? " and \(problems.count - 1) more" : "")); "
                + "running the previous configuration")
        case let .success(new):
            let restartOnly = Self.restartOnlyKeys(old: loop.config, new: new)
            if !restartOnly.isEmpty {
                logger.warning("changed settings take effect after a restart",
                               metadata: ["keys": "\(restartOnly.joined(separator: ","))"])
            }
            var applied = loop.config
            applied.path = new.path
            applied.sources = new.sources
            applied.defaults = new.defaults
            applied.metricsFile = new.metricsFile
            applied.shutdownTimeout = new.shutdownTimeout
            let changes = loop.schedule.reconfigure(new.sources, now: Self.wallClock())
            loop.config = applied
            var meta: Logger.Metadata = ["sources": "\(new.sources.count)", "added": "\(changes.added.count)",
                                         "removed": "\(changes.removed.count)", "changed": "\(changes.changed.count)"]
            for (key, names) in [("added_sources", changes.added), ("removed_sources", changes.removed),
                                 ("changed_sources", changes.changed)] where !names.isEmpty {
                meta[key] = "\(names.joined(separator: ","))"
            }
            logger.notice("configuration reloaded", metadata: meta)
            notifier.ready(status: "reloaded: \(new.sources.count) sources (\(changes.added.count) added, "
                + "\(changes.removed.count) removed, \(changes.changed.count) changed)")
        }
    }

    /// Process-wide keys the running daemon cannot change: the lock, state, spool and fetcher were
    /// opened with them.
    static func restartOnlyKeys(old: Config, new: Config) -> [String] {
        var keys: [String] = []
        if old.stateDir != new.stateDir { keys.append("state_dir") }
        if old.spoolDir != new.spoolDir { keys.append("spool_dir") }
        if old.spoolFormat != new.spoolFormat { keys.append("spool_format") }
        if old.concurrency != new.concurrency { keys.append("concurrency") }
        if old.perHost != new.perHost { keys.append("per_host") }
        if old.hostDelay != new.hostDelay { keys.append("host_delay") }
        if old.duplicateWindow != new.duplicateWindow { keys.append("duplicate_window") }
        return keys
    }
}
