import FeedSyncCore
import Logging

/// What SIGHUP does with a re-read config, on one machine (`SchedulerService`) and on a node of a
/// shared state (`ClusterSchedulerService`) alike: which keys apply at once, which wait for a
/// restart, and how a config that does not load is reported.
enum ConfigReload {
    /// An invalid file: one log line however many problems (each `file:line: key: problem`), and
    /// systemd's STATUS says the previous configuration runs on.
    static func reportFailure(_ error: ConfigError, logger: Logger, notifier: SystemdNotifier) {
        let problems = error.all.map(\.description)
        logger.error("configuration reload failed; the running configuration stays in effect",
                     metadata: ["error": "\(problems.joined(separator: "; "))", "problems": "\(problems.count)"])
        notifier.ready(status: "reload failed (\(problems[0])\(problems.count > 1 ? " and \(problems.count - 1) more" : "")); "
            + "running the previous configuration")
    }

    /// The running config with what a reload applies at once: sources, defaults, `metrics_file`
    /// and `shutdown_timeout`. Warns about changed keys that wait for a restart.
    static func apply(_ new: Config, to old: Config, logger: Logger) -> Config {
        let restartOnly = restartOnlyKeys(old: old, new: new)
        if !restartOnly.isEmpty {
            logger.warning("changed settings take effect after a restart", metadata: ["keys": "\(restartOnly.joined(separator: ","))"])
        }
        var applied = old
        applied.path = new.path
        applied.sources = new.sources
        applied.defaults = new.defaults
        applied.metricsFile = new.metricsFile
        applied.shutdownTimeout = new.shutdownTimeout
        return applied
    }

    /// Process-wide keys the running daemon cannot change: the lock, state, spool, fetcher and
    /// leases were opened with them.
    static func restartOnlyKeys(old: Config, new: Config) -> [String] {
        var keys: [String] = []
        if old.stateDir != new.stateDir { keys.append("state_dir") }
        if old.stateURL != new.stateURL { keys.append("state") }
        if old.leaseTime != new.leaseTime { keys.append("lease_time") }
        if old.spoolDir != new.spoolDir { keys.append("spool_dir") }
        if old.spoolFormat != new.spoolFormat { keys.append("spool_format") }
        if old.concurrency != new.concurrency { keys.append("concurrency") }
        if old.perHost != new.perHost { keys.append("per_host") }
        if old.hostDelay != new.hostDelay { keys.append("host_delay") }
        if old.duplicateWindow != new.duplicateWindow { keys.append("duplicate_window") }
        return keys
    }

    /// The log line's metadata for a reload's source changes.
    static func metadata(sources: Int, added: [String], removed: [String], changed: [String]) -> Logger.Metadata {
        var meta: Logger.Metadata = ["sources": "\(sources)", "added": "\(added.count)",
                                     "removed": "\(removed.count)", "changed": "\(changed.count)"]
        for (key, names) in [("added_sources", added), ("removed_sources", removed), ("changed_sources", changed)]
        where !names.isEmpty {
            meta[key] = "\(names.joined(separator: ","))"
        }
        return meta
    }
}
