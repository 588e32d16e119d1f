import FeedSyncCore
import Logging

/// What `state export` and `state import` both start with: the config, the instance lock (held as
/// long as the session lives: the daemon, `sync` and `recover` stay out meanwhile) and the state
/// opened as every other command opens it.
struct StateTransferSession {
    let logger: Logger
    let config: Config
    let store: any StateStore & StateTransfer
    /// Where the state is, for messages (no password).
    let location: String
    private let lock: InstanceLock

    init(config option: ConfigOption, global: GlobalOptions) throws {
        logger = global.makeLogger()
        config = try Runtime.loadConfig(option)
        lock = try Runtime.lock(config, wait: false, logger: logger)
        store = try Runtime.openTransferStore(config)
        location = Runtime.stateLocation(config)
    }
}
