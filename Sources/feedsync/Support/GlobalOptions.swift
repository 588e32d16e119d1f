import ArgumentParser
import FeedSyncCore
import Logging

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.",
            completion: .list(logLevels))
    var logLevel: String = "info"

    @Option(name: .customLong("log-format"), help: "text or json (one object per line, typed values, syslog priority).",
            completion: .list(["text", "json"]))
    var logFormat: String = "text"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard logFormat == "text" || logFormat == "json" else {
            throw ValidationError("--log-format must be text or json")
        }
    }

    /// Installs the process-wide log handler once and returns a logger for `label`.
    func makeLogger(_ label: String = "feedsync") -> Logger {
        LogSetup.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info, json: logFormat == "json")
        return Logger(label: label)
    }
}

/// `--config F`, defaulting to `$FEEDSYNC_CONFIG` or /etc/feedsync/feedsync.toml.
struct ConfigOption: ParsableArguments {
    @Option(name: .customLong("config"), help: "Configuration file (default: $FEEDSYNC_CONFIG, else /etc/feedsync/feedsync.toml).",
            completion: .configFile)
    var path: String?

    var resolvedPath: String { path ?? ConfigLoader.defaultPath() }
}

/// sysexits.h codes the commands use.
enum ExitStatus {
    static let someFailed: Int32 = 1
    static let usage: Int32 = 64
    /// The state does not match the spool (lost state: `feedsync recover`).
    static let dataError: Int32 = 65
    /// An input file that cannot be opened (`state import --input`).
    static let noInput: Int32 = 66
    static let cantCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let locked: Int32 = 75
    static let config: Int32 = 78
}
