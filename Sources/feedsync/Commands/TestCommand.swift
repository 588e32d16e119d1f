import ArgumentParser
import FeedSyncCore
import FeedSyncStore
import Foundation

/// `feedsync test SOURCE|URL`: the pipeline's Poll and Plan stages for one source, without its
/// Commit stage: prints every entry with its key, identity rule and decision, exactly as `sync`
/// would decide it now. Touches neither state nor spool. Made for writing selectors too: try
/// `--item`, `--title`, ... until the items look right.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Poll a source (or URL) once and print its items with keys and decisions; no state is touched.")

    @Argument(help: "A source name from the config, or a URL.", completion: .sourceNames) var target: String
    @Option(name: .customLong("config"), help: "Configuration file (default: $FEEDSYNC_CONFIG, else /etc/feedsync/feedsync.toml).")
    var configPath: String?
    @Option(help: "auto, rss, atom, jsonfeed or html.") var type: String?
    @OptionGroup var selectors: SelectorOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger()
        var option = ConfigOption()
        option.path = configPath
        let loaded: Config? = configPath != nil || FileManager.default.fileExists(atPath: option.resolvedPath)
            ? try Runtime.loadConfig(option) : nil
        var config = loaded ?? Config(path: "(none)")
        let source = try resolveSource(config)
        config.sources = [source]
        // The committed state when there is one (read, never written); else a throwaway one.
        let statePath = config.stateDir + "/state.sqlite"
        let state: StateStore = try loaded != nil && (config.stateURL != nil || FileManager.default.fileExists(atPath: statePath))
            ? Runtime.openStore(config) : SQLiteStateStore(path: ":memory:")
        let engine = try Runtime.openPipeline(config, dryRun: true, logger: logger, state: state)
        engine.delivery.start()
        let result = await engine.sync([source], options: .init(force: true)).first
        engine.delivery.stop()
        guard let result, let plan = result.plan, result.report.status != .failed else {
            let message = result?.report.message ?? "no result"
            StandardError.write("feedsync: \(source.name): \(URLRedaction.redact(source.url)): \(message)\n")
            throw ExitCode(ExitStatus.someFailed)
        }
        TestReport(plan: plan).write()
        logger.notice("test finished", metadata: [
            "source": "\(source.name)", "entries": "\(plan.decisions.count)",
            "would_deliver": "\(plan.deliveries.count)",
        ])
    }

    /// The named source, or a URL with the config's defaults; with the selector options applied.
    private func resolveSource(_ config: Config) throws -> SourceConfig {
        var source: SourceConfig
        if let named = config.source(named: target) {
            source = named
        } else if target.contains("://") || target.hasPrefix("file:") {
            var settings = config.defaults
            settings.initial = .all
            source = SourceConfig(name: "test", url: target, settings: settings)
        } else {
            StandardError.write("feedsync: '\(target)' is neither a source in the config nor a URL\n")
            throw ExitCode(ExitStatus.usage)
        }
        if let type {
            guard let t = SourceType(rawValue: type) else { throw ValidationError("--type must be auto, rss, atom, jsonfeed or html") }
            source.type = t
        }
        if let spec = selectors.spec {
            source.type = .html
            source.select = spec
        }
        return source
    }
}
