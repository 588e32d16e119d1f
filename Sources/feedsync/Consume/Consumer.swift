import FeedSyncCore
import Foundation
import Glibc
import Logging

/// The loop of `feedsync consume`: claims items in delivery order, runs the handler on each, and
/// moves each to `cur/` or `failed/` as `ConsumerQueue` decides.
final class Consumer {
    struct Settings {
        var command: [String]
        var jobs: Int
        var schedule: RetrySchedule
        /// Source names or tags to take items of (empty: every item).
        var filter: Set<String>
        var follow: Bool
    }

    /// What a run did, for the log line at the end and tests.
    struct Totals {
        var handled = 0
        var failedAttempts = 0
        var parked = 0
        var reclaimed = 0
    }

    private let area: WorkArea
    private let settings: Settings
    private let logger: Logger
    private let processes: HandlerProcesses
    private var queue: ConsumerQueue
    /// Running handlers: pid -> item name.
    private var runs: [pid_t: String] = [:]
    private var stopping = false
    private(set) var totals = Totals()

    init(area: WorkArea, settings: Settings, processes: HandlerProcesses, logger: Logger) {
        self.area = area
        self.settings = settings
        self.processes = processes
        self.logger = logger
        queue = ConsumerQueue(jobs: settings.jobs, schedule: settings.schedule)
    }

    /// Whether the consumer takes this item (by the source its file name carries).
    /// Whether the consumer takes this item: by the source its file name carries, else by the
    /// tags in the file at `path` (read once per item).
    func wants(_ name: String, path: String) -> Bool {
        if settings.filter.isEmpty || SpoolFileName.source(of: name).map(settings.filter.contains) == true { return true }
        if let known = tagDecisions[name] { return known }
        guard let data = FileManager.default.contents(atPath: path) else { return false }   // gone: another consumer took it
        let wanted = MaildirFolder.tags(ofItem: Array(data)).contains(where: settings.filter.contains)
        tagDecisions[name] = wanted
        return wanted
    }

    /// Items whose tags were read for the filter, by name.
    private var tagDecisions: [String: Bool] = [:]

    private func item(_ name: String, claimed: Bool) throws(WorkArea.Failure) -> ConsumerQueue.Item {
        ConsumerQueue.Item(name: name, source: SpoolFileName.source(of: name) ?? "",
                           claimed: claimed, failures: claimed ? try area.failures(of: name) : 0)
    }

    /// Runs until drained (`follow` false) or stopped by a signal.
    func run() throws(WorkArea.Failure) {
        try area.removeOrphanSideFiles()
        let own = try area.claimedItems()
        let adopted = try area.adoptAbandoned(keep: wants(_:path:))
        totals.reclaimed = own.count + adopted.count
        for name in own + adopted { queue.offer(try item(name, claimed: true)) }
        if !own.isEmpty || !adopted.isEmpty {
            logger.notice("consumer: re-running claimed items of an interrupted consumer",
                          metadata: ["consumer": "\(area.name)", "items.own": "\(own.count)", "items.adopted": "\(adopted.count)"])
        }
        let watcher: DirectoryWatcher?
        do {
            // Folders created later (maildir_folders) are found by the rescan each second.
            watcher = settings.follow ? try DirectoryWatcher(paths: area.newDirs) : nil
        } catch {
            throw .io(SpoolError(path: area.newDir, operation: "inotify", errno: errno))
        }
        try scanNew()
        var lastAdopt = WorkArea.monotonic()
        while true {
            if !stopping { try startWhatMayStart() }
            if stopping && runs.isEmpty { break }
            if !settings.follow && runs.isEmpty && queue.isIdle {
                try scanNew()
                if queue.isIdle { break }
                continue
            }
            let now = WorkArea.monotonic()
            var timeout = settings.follow ? 1.0 : 3600.0
            if let wake = queue.nextWake(after: now) { timeout = min(timeout, max(0, wake - now)) }
            let event = processes.wait(timeoutMillis: Int32((timeout * 1000).rounded(.up)), watcher: watcher)
            if event.stop && !stopping {
                stopping = true
                logger.notice("consumer: stopping; waiting for running handlers", metadata: ["running": "\(runs.count)"])
            }
            for exit in event.exits { try finish(exit) }
            if settings.follow && !stopping {
                let now = WorkArea.monotonic()
                if event.changed || event.exits.isEmpty { try scanNew() }
                if now - lastAdopt >= 5 {
                    lastAdopt = now
                    for name in try area.adoptAbandoned(keep: wants(_:path:)) { queue.offer(try item(name, claimed: true)) }
                }
            }
        }
    }

    /// Lists `new/` and queues the items this consumer wants (already known ones are ignored).
    private func scanNew() throws(WorkArea.Failure) {
        for name in try area.newItems().sorted() where !queue.contains(name) && wants(name, path: area.newPath(name)) {
            queue.offer(ConsumerQueue.Item(name: name, source: SpoolFileName.source(of: name) ?? ""))
        }
    }

    private func startWhatMayStart() throws(WorkArea.Failure) {
        while let next = queue.nextToStart(now: WorkArea.monotonic()) {
            if !next.claimed, !(try area.claim(next.name)) {
                queue.abandon(next.name)   // another consumer took it
                continue
            }
            let env = ItemEnvironment.variables(path: area.path(next.name), consumer: area.name,
                                                attempt: next.failures + 1)
            switch processes.start(command: settings.command, stdinPath: area.path(next.name),
                                   stderrPath: area.stderrPath(next.name), extraEnvironment: env) {
            case .success(let pid):
                runs[pid] = next.name
            case .failure(let error):
                // Counts as a failed attempt, like a shell's 127: retried, then parked.
                try settle(next.name, success: false, result: "cannot start: \(error.reason)")
            }
        }
    }

    private func finish(_ exit: HandlerProcesses.Exit) throws(WorkArea.Failure) {
        guard let name = runs.removeValue(forKey: exit.pid) else { return }
        if stopping, let signal = exit.signal, [SIGTERM, SIGINT, SIGHUP].contains(signal) {
            // Stopped with the consumer: not the handler's failure. The item stays claimed and runs
            // again when this consumer starts again.
            queue.interrupted(name)
            return
        }
        try settle(name, success: exit.succeeded, result: exit.description)
    }

    private func settle(_ name: String, success: Bool, result: String) throws(WorkArea.Failure) {
        let attempt = queue.failures(of: name) + 1
        let outcome = queue.finished(name, success: success, now: WorkArea.monotonic())
        let meta: Logger.Metadata = ["consumer": "\(area.name)", "item": "\(name)", "attempt": "\(attempt)", "result": "\(result)"]
        switch outcome {
        case .done:
            try area.complete(name)
            totals.handled += 1
            logger.debug("consumer: item handled", metadata: meta)
        case .retry(let at):
            totals.failedAttempts += 1
            try area.recordFailure(name, report: report(name, attempts: attempt, result: result))
            var m = meta
            m["retry.in"] = "\(DurationParser.format(max(0, at - WorkArea.monotonic())))"
            m["stderr"] = "\(lastLines(area.stderrPath(name), 3))"
            logger.warning("consumer: handler failed; will retry", metadata: m)
        case .park:
            totals.failedAttempts += 1
            totals.parked += 1
            try area.recordFailure(name, report: report(name, attempts: attempt, result: result))
            try area.park(name)
            logger.error("consumer: handler failed too often; item parked in failed/", metadata: meta)
        }
    }

    private func report(_ name: String, attempts: Int, result: String) -> String {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        return """
        item: \(name)
        consumer: \(area.name)
        command: \(settings.command.joined(separator: " "))
        attempts: \(attempts)
        last_attempt: \(now.rfc3339)
        result: \(result)
        stderr (last lines):
        \(lastLines(area.stderrPath(name), 20))

        """
    }

    /// The last `n` lines of a handler's standard error (from its last 4 KiB).
    private func lastLines(_ path: String, _ n: Int) -> String {
        do {
            let text = try WorkArea.readFile(path, lastBytes: 4096) ?? ""
            return text.split(separator: "\n", omittingEmptySubsequences: true).suffix(n).joined(separator: "\n")
        } catch {
            return "(\(error))"
        }
    }
}
