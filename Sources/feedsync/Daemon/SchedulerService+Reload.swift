import FeedSyncCore
import Logging

extension SchedulerService {
    /// SIGHUP: re-read the config; apply added, removed and changed sources without touching polls
    /// in flight. An invalid file is logged with file:line and the running config stays.
    func reload(_ loop: inout LoopState) {
        notifier.reloading()
        switch reloadConfig() {
        case let .failure(error):
            ConfigReload.reportFailure(error, logger: logger, notifier: notifier)
        case let .success(new):
            let applied = ConfigReload.apply(new, to: loop.config, logger: logger)
            let changes = loop.schedule.reconfigure(new.sources, now: Self.wallClock())
            loop.config = applied
            logger.notice("configuration reloaded", metadata: ConfigReload.metadata(
                sources: new.sources.count, added: changes.added, removed: changes.removed, changed: changes.changed))
            notifier.ready(status: "reloaded: \(new.sources.count) sources (\(changes.added.count) added, "
                + "\(changes.removed.count) removed, \(changes.changed.count) changed)")
        }
    }
}
