import ArgumentParser
import FeedSyncCore
import FeedSyncHTTP
import FeedSyncParsing
import FeedSyncPostgres
import FeedSyncStore
import Foundation
import Logging

/// Opening the pieces every stateful command needs, with the exit codes of DESIGN.md §1.
enum Runtime {
    /// The config loader with selector and date-format validation from the parsing module.
    static let configLoader = ConfigLoader(validateSelector: { key, value in
        key == "date_format" ? HTMLSourceParser.validate(dateFormat: value) : HTMLSourceParser.validate(selector: value)
    })

    /// Loads and validates the config; on error prints `file:line: key: message` and exits 78.
    static func loadConfig(_ option: ConfigOption) throws -> Config {
        do {
            return try configLoader.load(path: option.resolvedPath)
        } catch {
            // One line per problem, each `file:line: key: problem`, so editors can jump to them.
            let problems = error.all
            StandardError.write(problems.map { "feedsync: \($0)\n" }.joined())
            if problems.count > 1 { StandardError.write("feedsync: \(problems.count) problems in \(error.file)\n") }
            throw ExitCode(ExitStatus.config)
        }
    }

    /// The spool a reader of it (`tail`, `consume`) works on: `--spool-dir`, else the config's.
    static func spoolDirectory(spoolDir: String?, configPath: String?) throws -> String {
        if let spoolDir { return spoolDir }
        var option = ConfigOption()
        option.path = configPath
        return try loadConfig(option).spoolDir
    }

    static func ensureDirectory(_ path: String, what: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            StandardError.write("feedsync: cannot create \(what) \(path): \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.cantCreate)
        }
    }

    /// `--wait-timeout`: a duration such as "30s" (usage error, exit 64, otherwise).
    @Sendable static func parseWaitTimeout(_ text: String) throws -> Double {
        guard let seconds = DurationParser.seconds(text), seconds <= DurationParser.maximum else {
            throw ValidationError("not a duration such as \"30s\" or \"5m\"")
        }
        return seconds
    }

    /// Takes the instance lock: exit 75 when it is held and `wait` is false, or still held after
    /// `waitTimeout` seconds (which implies waiting). While waiting, logs whom for.
    static func lock(_ config: Config, wait: Bool, waitTimeout: Double? = nil, logger: Logger) throws -> InstanceLock {
        var policy: InstanceLock.Wait = wait ? .forever : .no
        if let waitTimeout { policy = .upTo(seconds: waitTimeout) }
        try ensureDirectory(config.stateDir, what: "state_dir")
        do {
            return try InstanceLock(stateDir: config.stateDir, wait: policy) { holder in
                var meta: Logger.Metadata = ["state_dir": "\(config.stateDir)"]
                if let holder { meta["holder_pid"] = "\(holder)" }
                if let waitTimeout { meta["timeout"] = "\(DurationParser.format(waitTimeout))" }
                logger.notice("waiting for the instance lock", metadata: meta)
            }
        } catch let failure as InstanceLock.Failure {
            StandardError.write("feedsync: \(failure)\n")
            if case .io = failure { throw ExitCode(ExitStatus.cantCreate) }
            throw ExitCode(ExitStatus.locked)
        }
    }

    /// Warnings every start repeats: sources whose TLS certificates are not checked.
    static func warnAboutInsecureSources(_ config: Config, logger: Logger) {
        for s in config.sources where !s.settings.tlsVerify {
            logger.warning("tls_verify = false: certificates of this source are not checked",
                           metadata: ["source": "\(s.name)", "url": "\(URLRedaction.redact(s.url))"])
        }
    }

    /// The whole pipeline, wired the same way for `sync`, `run`, `test` and `--dry-run`: the Poll
    /// stage's fetcher and parser, and the delivery thread over the state (with a Commit stage
    /// into the spool unless `dryRun`). `state` overrides the config's state (a throwaway one for
    /// `test` without a state file).
    /// `groupCommit`: the delivery thread gathers polls into batches (`DeliveryThread.Options`);
    /// the daemon's polls arrive one by one all through an interval, so it does.
    static func openPipeline(_ config: Config, dryRun: Bool, logger: Logger, state: StateStore? = nil,
                             groupCommit: Bool = false) throws -> SyncEngine {
        let store = try state ?? openStore(config)
        let spool = dryRun ? nil : try openSpool(config)
        let delivery: DeliveryThread
        do {
            delivery = try DeliveryThread(store: store, stateLocation: stateLocation(config), spool: spool,
                                          options: .init(spoolFormat: config.spoolFormat, dryRun: dryRun,
                                                         duplicateWindow: config.duplicateWindow,
                                                         maildirFolders: config.maildirFolders,
                                                         gatherWindow: groupCommit ? groupCommitWindow : 0,
                                                         gatherLimit: groupCommitLimit(config)),
                                          logger: logger)
        } catch let lost as StateLostError {
            StandardError.write("feedsync: \(lost)\n")
            throw ExitCode(ExitStatus.dataError)
        } catch {
            StandardError.write("feedsync: cannot open the delivery pipeline: \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        // One fetcher for polls and articles, so the transfer caps and host delays (the cluster's,
        // with a shared state) hold across both.
        let fetcher = try clusterFetcher(config)
        return SyncEngine(poller: Poller(fetcher: fetcher, parser: FeedParser()), delivery: delivery,
                          logger: logger, maxInFlight: maxInFlight(config),
                          enricher: Enricher(fetcher: fetcher, extractor: ArticleExtractor(), logger: logger))
    }

    /// The state: SQLite in `state_dir`, or the PostgreSQL database of `state` shared by several
    /// nodes. Exit 73 when it cannot be opened.
    static func openStore(_ config: Config) throws -> StateStore {
        try ensureDirectory(config.stateDir, what: "state_dir")
        // Always there, so a source that turns `cookies` on in a reload has somewhere to write.
        try ensureDirectory(config.stateDir + "/cookies", what: "cookie directory")
        if config.stateURL != nil { return try openSharedStore(config) }
        let path = config.stateDir + "/state.sqlite"
        do {
            return try SQLiteStateStore(path: path)
        } catch {
            StandardError.write("feedsync: state \(path): \(error)\n")
            throw ExitCode(ExitStatus.cantCreate)
        }
    }

    /// The state, as `openStore` opens it, for `state export|import`.
    static func openTransferStore(_ config: Config) throws -> any StateStore & StateTransfer {
        guard let store = try openStore(config) as? any StateStore & StateTransfer else {
            preconditionFailure("every state store can export and import")
        }
        return store
    }

    /// The shared state of `state = "postgresql://..."`, as this node (`NodeIdentity`).
    static func openSharedStore(_ config: Config) throws -> PostgresStateStore {
        guard let url = config.stateURL else { preconditionFailure("openSharedStore without state") }
        do {
            return try PostgresStateStore(url: url, password: config.statePassword, node: NodeIdentity.make(config))
        } catch {
            StandardError.write("feedsync: state \(PostgresURL.redact(url)): \(error)\n")
            throw ExitCode(ExitStatus.cantCreate)
        }
    }

    /// The node's fetcher; with a shared state, wrapped so `per_host` and `host_delay` hold for
    /// the whole cluster.
    static func clusterFetcher(_ config: Config) throws -> Fetcher {
        let local = makeFetcher(config)
        guard let url = config.stateURL else { return local }
        do {
            return try ClusterPoliteFetcher(inner: local, url: url, password: config.statePassword,
                                            perHost: config.perHost, hostDelay: config.hostDelay)
        } catch {
            StandardError.write("feedsync: state \(PostgresURL.redact(url)): \(error)\n")
            throw ExitCode(ExitStatus.cantCreate)
        }
    }

    /// The work leases of a shared state (nil for SQLite).
    static func openCoordinator(_ config: Config) throws -> PostgresCoordinator? {
        guard let url = config.stateURL else { return nil }
        do {
            return try PostgresCoordinator(url: url, password: config.statePassword, node: NodeIdentity.make(config),
                                           leaseSeconds: config.leaseTime)
        } catch {
            StandardError.write("feedsync: state \(PostgresURL.redact(url)): \(error)\n")
            throw ExitCode(ExitStatus.cantCreate)
        }
    }

    /// Where the state is, for messages: the SQLite file, or the database URL without a password.
    static func stateLocation(_ config: Config) -> String {
        config.stateURL.map(PostgresURL.redact) ?? config.stateDir + "/state.sqlite"
    }

    static func openSpool(_ config: Config) throws -> Spool {
        do {
            return try Spool(root: config.spoolDir)
        } catch {
            StandardError.write("feedsync: \(error)\n")
            throw ExitCode(ExitStatus.cantCreate)
        }
    }

    /// Polls in flight at once: twice the transfer concurrency keeps the fetcher busy while
    /// bounding how many parsed documents wait for delivery.
    static func maxInFlight(_ config: Config) -> Int { max(2 * config.concurrency, 16) }

    /// Group commit: a poll waits at most this long (seconds) for others to share its batch.
    static let groupCommitWindow = 0.1

    /// Group commit: a batch stops waiting once this many polls are queued. A poll keeps its
    /// in-flight slot until it is committed, so a limit near `maxInFlight` would let every slot
    /// sit out the window while nothing else can arrive: at 50,000 sources a 64-poll limit
    /// capped the daemon at 64 polls a second and its backlog grew without end. A quarter of the
    /// slots fills in milliseconds when polls are fast, and leaves three quarters fetching.
    static func groupCommitLimit(_ config: Config) -> Int { max(1, maxInFlight(config) / 4) }

    static func makeFetcher(_ config: Config) -> CurlFetcher {
        CurlFetcher(concurrency: config.concurrency, perHost: config.perHost, hostDelay: config.hostDelay)
    }
}
