import ArgumentParser
import FeedSyncCore
import Foundation
import Glibc

/// `feedsync consume`: run a handler once per spool item, at least once, moving each item to
/// `cur/` only after the handler succeeded.
struct ConsumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume",
        abstract: "Run a command once per spool item (item on stdin, FEEDSYNC_* environment); at-least-once.",
        discussion: """
        Each item is claimed by renaming it into spool/work/NAME/, the command runs with the item \
        file on standard input, and the item moves to cur/ only when the command exits 0. A failing \
        item is retried with exponential backoff, then parked in failed/ with the error in \
        failed/ITEM.error. Example: feedsync consume --spool-dir /var/spool/feedsync --exec -- \
        curl -fsS --data-binary @- https://hooks.example/feed
        """)

    @Option(name: .customLong("config"), help: "Read spool_dir, and [consume] for what the command line does not give, from this config.")
    var configPath: String?
    @Option(name: .customLong("spool-dir"), help: "The spool directory (instead of --config).") var spoolDir: String?
    @Option(help: "This consumer's name: its work area is spool/work/NAME.")
    var name: String = "default"
    @Option(help: "Handlers running at once; items of one source still run one at a time, in order (default: [consume] jobs, else 1).")
    var jobs: Int?
    @Flag(help: "Handle what is in the spool, then exit (for cron); without it, follow new items.")
    var once = false
    @Option(name: .customLong("filter"), help: "Only items of this source or with this tag (repeatable; default: [consume] filter).")
    var filter: [String] = []
    @Option(help: "Retries of a failing item before it is parked in failed/ (default: [consume] consume_retries, else 5).")
    var retries: Int?
    @Option(name: .customLong("retry-base"), help: "First retry wait; each further wait doubles (e.g. 10s, 500ms).")
    var retryBase: String = "10s"
    @Option(name: .customLong("retry-max"), help: "Longest retry wait.")
    var retryMax: String = "10m"
    @Option(name: .customLong("exec"), parsing: .remaining,
            help: ArgumentHelp("The handler and its arguments: everything after --exec (give the other options before it).",
                               valueName: "CMD [ARG...]"))
    var command: [String] = []
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if configPath != nil && spoolDir != nil { throw ValidationError("use --config or --spool-dir, not both") }
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be 1 to 1024") }
        if let retries, !(0...1000).contains(retries) { throw ValidationError("--retries must be 0 to 1000") }
        for (flag, text) in [("--retry-base", retryBase), ("--retry-max", retryMax)] {
            guard let seconds = DurationParser.seconds(text) else { throw ValidationError("\(flag): not a duration: \(text)") }
            guard seconds <= Self.longestRetryWait else { throw ValidationError("\(flag): at most 30d") }
        }
        guard !name.isEmpty, name.count <= 100, !name.hasPrefix("."),
              name.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
            throw ValidationError("--name: use letters, digits, '.', '_', '-' or '@'")
        }
    }

    /// The bound on retry waits (30 days): waits stay far inside every clock computation.
    static let longestRetryWait = 30.0 * 86_400

    /// The command without a leading `--`.
    private var handler: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    func run() throws {
        let logger = global.makeLogger()
        // The config's [consume] fills in what the command line leaves out.
        var section = ConsumeSection()
        let dir: String
        if let spoolDir {
            dir = spoolDir
        } else {
            var option = ConfigOption()
            option.path = configPath
            let config = try Runtime.loadConfig(option)
            dir = config.spoolDir
            section = config.consume ?? section
        }
        let handler = self.handler.isEmpty ? section.exec : self.handler
        guard let program = handler.first else {
            StandardError.write("feedsync: give the handler: --exec CMD [ARG...], or exec in the config's [consume]\n")
            throw ExitCode(ExitStatus.usage)
        }
        guard HandlerProcesses.resolvable(program) else {
            StandardError.write("feedsync: \(program): command not found or not executable\n")
            throw ExitCode(ExitStatus.usage)
        }
        guard SpoolReader(root: dir).exists else {
            StandardError.write("feedsync: \(dir) is not a spool (no new/ directory)\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let schedule = RetrySchedule(retries: retries ?? section.retries ?? RetrySchedule.defaultRetries, base: DurationParser.seconds(retryBase) ?? RetrySchedule.defaultBase,
                                     cap: DurationParser.seconds(retryMax) ?? RetrySchedule.defaultCap)
        let settings = Consumer.Settings(command: handler, jobs: jobs ?? section.jobs ?? 1, schedule: schedule,
                                         filter: Set(filter.isEmpty ? section.filter : filter), follow: !once)
        do {
            let area = try WorkArea(spoolRoot: dir, name: name)
            let processes = try HandlerProcesses()
            let relays = [SIGTERM, SIGINT, SIGHUP].map { SignalRelay(signal: $0) { processes.requestStop() } }
            let consumer = Consumer(area: area, settings: settings, processes: processes, logger: logger)
            try consumer.run()
            withExtendedLifetime(relays) {}
            let t = consumer.totals
            logger.info("consumer: done", metadata: ["consumer": "\(name)", "items.handled": "\(t.handled)",
                                                      "items.parked": "\(t.parked)", "attempts.failed": "\(t.failedAttempts)",
                                                      "items.reclaimed": "\(t.reclaimed)"])
        } catch let failure as WorkArea.Failure {
            StandardError.write("feedsync: \(failure)\n")
            if case .held = failure { throw ExitCode(ExitStatus.locked) }
            throw ExitCode(ExitStatus.ioError)
        } catch let error as SpoolError {
            StandardError.write("feedsync: \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}
