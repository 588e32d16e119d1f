/// The decisions of `feedsync consume`: which item's handler runs next, and what follows a run.
///
/// Rules (the shell only executes them):
/// - Items of one source run one at a time, in delivery order (names sort in delivery order): a
///   source's next item waits while one of its items runs or waits for a retry.
/// - Across sources the earliest item goes first, so with `--jobs 1` items run in delivery order
///   except while a source waits for a retry (a failing source does not hold up the others).
/// - At most `jobs` handlers run at once.
/// - A failed run is retried after `RetrySchedule`'s wait, then parked.
///
/// Pure: times are seconds on any monotonic clock, passed in.
public struct ConsumerQueue: Sendable {
    /// One item known to the consumer.
    public struct Item: Sendable, Equatable {
        public var name: String
        public var source: String
        /// In this consumer's work area (recovered, adopted or retrying) rather than in `new/`.
        public var claimed: Bool
        /// Failed attempts so far.
        public var failures: Int
        /// Not to run before this time (a retry's wait).
        public var notBefore: Double

        public init(name: String, source: String, claimed: Bool = false, failures: Int = 0, notBefore: Double = 0) {
            self.name = name; self.source = source; self.claimed = claimed
            self.failures = failures; self.notBefore = notBefore
        }
    }

    /// What follows a finished run.
    public enum Outcome: Sendable, Equatable {
        /// The handler succeeded: the item moves to `cur/`.
        case done
        /// Run it again at this time (it stays claimed, at the head of its source).
        case retry(at: Double)
        /// Give up: the item moves to `failed/`.
        case park
    }

    public let jobs: Int
    public let schedule: RetrySchedule
    /// Waiting items per source, each list sorted by name.
    private var queued: [String: [Item]] = [:]
    /// Items whose handler runs, by name.
    private var running: [String: Item] = [:]
    private var runningSources: Set<String> = []
    private var knownNames: Set<String> = []

    public init(jobs: Int, schedule: RetrySchedule) {
        self.jobs = max(1, jobs)
        self.schedule = schedule
    }

    public var runningCount: Int { running.count }
    public var queuedCount: Int { knownNames.count - running.count }
    /// Nothing queued and nothing running.
    public var isIdle: Bool { knownNames.isEmpty }

    /// Whether the consumer already holds `name` (queued or running).
    public func contains(_ name: String) -> Bool { knownNames.contains(name) }

    /// Adds an item unless it is already known; keeps its source's list in name order.
    public mutating func offer(_ item: Item) {
        guard knownNames.insert(item.name).inserted else { return }
        var list = queued[item.source, default: []]
        if let last = list.last, last.name > item.name {
            var lo = 0, hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if list[mid].name < item.name { lo = mid + 1 } else { hi = mid }
            }
            list.insert(item, at: lo)
        } else {
            list.append(item)
        }
        queued[item.source] = list
    }

    /// The next item to run at `now`, marked running; nil when none may start (all sources busy or
    /// waiting, the queue empty, or `jobs` handlers running).
    public mutating func nextToStart(now: Double) -> Item? {
        guard running.count < jobs else { return nil }
        var best: Item?
        for (source, list) in queued where !runningSources.contains(source) {
            guard let head = list.first, head.notBefore <= now else { continue }
            if let b = best, b.name <= head.name { continue }
            best = head
        }
        guard let item = best else { return nil }
        queued[item.source]?.removeFirst()
        if queued[item.source]?.isEmpty == true { queued[item.source] = nil }
        running[item.name] = item
        runningSources.insert(item.source)
        return item
    }

    /// The item could not be claimed (another consumer took it first): forget it.
    public mutating func abandon(_ name: String) {
        guard let item = running.removeValue(forKey: name) else { return }
        runningSources.remove(item.source)
        knownNames.remove(name)
    }

    /// The item's handler finished (`success`: exit status 0) at `now`.
    public mutating func finished(_ name: String, success: Bool, now: Double) -> Outcome {
        guard var item = running.removeValue(forKey: name) else { return .done }
        runningSources.remove(item.source)
        if success {
            knownNames.remove(name)
            return .done
        }
        item.failures += 1
        switch schedule.decision(failures: item.failures) {
        case .park:
            knownNames.remove(name)
            return .park
        case .retry(let after):
            item.claimed = true
            item.notBefore = now + after
            queued[item.source, default: []].insert(item, at: 0)
            return .retry(at: item.notBefore)
        }
    }

    /// The run was interrupted (the consumer is stopping): the item stays claimed and keeps its
    /// failure count; it is not started again by this queue.
    public mutating func interrupted(_ name: String) {
        guard let item = running.removeValue(forKey: name) else { return }
        runningSources.remove(item.source)
        knownNames.remove(name)
    }

    /// Failed attempts recorded for a running item.
    public func failures(of name: String) -> Int { running[name]?.failures ?? 0 }

    /// The earliest time after `now` at which a waiting item may start, if one waits for a retry.
    public func nextWake(after now: Double) -> Double? {
        var wake: Double?
        for (source, list) in queued where !runningSources.contains(source) {
            guard let head = list.first, head.notBefore > now else { continue }
            wake = min(wake ?? head.notBefore, head.notBefore)
        }
        return wake
    }
}
