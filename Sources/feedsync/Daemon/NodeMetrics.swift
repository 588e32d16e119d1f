import FeedSyncCore
import Foundation
import Logging

/// `metrics_file` on a node of a shared state. Such a node has no cycles: it claims and polls
/// sources continuously. So every `interval` it writes the sources it has polled since it started
/// (their states as its commits left them, counters shared by the cluster) and, for
/// `feedsync_cycle_duration_seconds` and `feedsync_sources_due`, the interval since the last file
/// and the polls this node finished in it. Sources it never polled are listed without figures.
/// Thread-safe: polls report from their tasks, the scheduler loop writes.
final class NodeMetrics: @unchecked Sendable {
    static let interval = 10.0
    private let lock = NSLock()
    private var states: [String: SourceState] = [:]
    private var polls = 0
    private var lastWrite: Double

    init(now: Double) { lastWrite = now }

    /// A poll of this node finished; `state` is what its commit left (nil: nothing committed).
    func polled(_ state: SourceState?) {
        lock.withLock {
            polls += 1
            if let state { states[state.name] = state }
        }
    }

    /// Writes the file when `interval` has passed since the last one.
    func writeIfDue(to path: String, names: [String], now: Double, logger: Logger) {
        let taken: (states: [String: SourceState], polls: Int, since: Double)? = lock.withLock {
            guard now - lastWrite >= Self.interval else { return nil }
            defer { polls = 0; lastWrite = now }
            return (states, polls, lastWrite)
        }
        guard let taken else { return }
        let snapshot = MetricsSnapshot(sources: names.map { ($0, taken.states[$0]) }, cycleDuration: now - taken.since,
                                       sourcesDue: taken.polls, cycleEnd: Timestamp(seconds: Int64(now)))
        MetricsWriter.write(snapshot, to: path, logger: logger)
    }
}
