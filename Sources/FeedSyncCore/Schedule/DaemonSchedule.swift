/// The daemon's schedule: every configured source with its latest state and when it is due.
///
/// A value type with no clock and no I/O: the scheduler service feeds it the time, poll reports
/// and reloaded configs, and asks it what to poll. Due times follow `DueTime`.
public struct DaemonSchedule: Sendable {
    /// One configured source.
    public struct Entry: Sendable, Equatable {
        public var source: SourceConfig
        /// The state as last committed (nil: never polled).
        public var state: SourceState?
        /// When to poll next; nil while disabled by 410 Gone with an unchanged config.
        public var due: Double?
    }

    /// What a reload changed, by source name.
    public struct Changes: Sendable, Equatable {
        public var added: [String] = []
        public var removed: [String] = []
        public var changed: [String] = []
        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
    }

    /// The shortest gap between two polls of one source, whatever the rules say (no hot loops).
    public static let minimumGap = 1.0
    /// How soon a poll whose result could not be committed (state or spool trouble) is retried.
    public static let uncommittedRetry = 60.0

    public private(set) var entries: [String: Entry] = [:]
    /// Source names in config order.
    public private(set) var names: [String] = []
    /// Sources being polled now. Kept apart from `entries` so a source removed and re-added by two
    /// reloads during one poll is never polled twice at once.
    public private(set) var inFlight: Set<String> = []
    /// The latest state of each source that is not configured (removed by a reload, or only in
    /// the state file): re-adding one resumes it. Configured sources keep theirs in `entries`
    /// only; a second table of every state was 50 MB at 50,000 sources.
    private var removedStates: [String: SourceState] = [:]
    /// Every due time set, soonest first (stale ones are skipped: `isCurrent`).
    private var queue = DueQueue()
    /// Each source's position in the config, to return due sources in config order.
    private var position: [String: Int] = [:]
    /// Configured sources whose last poll failed (kept up to date: the status line after every
    /// cycle must not walk all sources).
    public private(set) var failingCount = 0

    /// The schedule at start-up: sources never polled are due at `now`; known sources resume.
    public init(sources: [SourceConfig], states: [String: SourceState], now: Double) {
        // Sized once: growing three tables of 50,000 names step by step was 4% of a daemon's start.
        entries.reserveCapacity(sources.count)
        position.reserveCapacity(sources.count)
        names.reserveCapacity(sources.count)
        for s in sources {
            let due = DueTime.dueOnStart(state: states[s.name], source: s, now: now)
            entries[s.name] = Entry(source: s, state: states[s.name], due: due)
            if let due { queue.push(due, s.name) }
            position[s.name] = names.count
            names.append(s.name)
        }
        for (name, st) in states where entries[name] == nil { removedStates[name] = st }
        recountFailing()
    }

    private static func isFailing(_ state: SourceState?) -> Bool { (state?.consecutiveFailures ?? 0) > 0 }

    private mutating func recountFailing() {
        failingCount = names.reduce(0) { $0 + (Self.isFailing(entries[$1]?.state) ? 1 : 0) }
    }

    /// Whether a queued due time is the source's current one and the source is idle.
    private func isCurrent(_ item: (due: Double, name: String)) -> Bool {
        !inFlight.contains(item.name) && entries[item.name]?.due == item.due
    }

    /// Marks every idle source due at `now` as in flight and returns it with the state to poll with,
    /// in config order.
    public mutating func takeDue(now: Double) -> [(source: SourceConfig, state: SourceState?)] {
        var taken: [(position: Int, name: String)] = []
        while let top = queue.top, top.due <= now {
            queue.pop()
            guard isCurrent(top) else { continue }
            inFlight.insert(top.name)
            taken.append((position[top.name] ?? .max, top.name))
        }
        taken.sort { $0.position < $1.position }
        return taken.compactMap { t in entries[t.name].map { ($0.source, $0.state) } }
    }

    /// Records the outcome of a poll `takeDue` started with the config `polled`.
    public mutating func complete(_ report: SourceReport, polled: SourceConfig, now: Double) {
        let name = polled.name
        inFlight.remove(name)
        guard var e = entries[name] else {
            // Removed by a reload while it was being polled: keep the result for a re-add.
            if let st = report.state { removedStates[name] = st }
            return
        }
        if let st = report.state {
            failingCount += (Self.isFailing(st) ? 1 : 0) - (Self.isFailing(e.state) ? 1 : 0)
            e.state = st
        }
        let earliest = now + Self.minimumGap
        if !Self.sameConfig(e.source, polled) {
            // A reload changed the source while it was being polled.
            e.due = DueTime.afterConfigChange(state: e.state, old: polled, new: e.source, now: now)
        } else if report.state != nil {
            e.due = DueTime.due(state: e.state, source: e.source, now: now).map { max($0, earliest) }
        } else {
            // Nothing was committed (the commit failed, or the poll was abandoned): try again later
            // from the unchanged state, never sooner than the source's own interval allows.
            let retry = now + min(Self.uncommittedRetry, max(Self.minimumGap, e.source.settings.interval))
            e.due = DueTime.due(state: e.state, source: e.source, now: now).map { max($0, retry) }
        }
        entries[name] = e
        if let due = e.due { queue.push(due, name) }
    }

    /// Applies a reloaded config: added sources are scheduled (a source seen before resumes its
    /// schedule), removed ones dropped (a poll in flight finishes, its result is kept in the state),
    /// changed ones rescheduled by `DueTime.afterConfigChange` once idle.
    @discardableResult
    public mutating func reconfigure(_ sources: [SourceConfig], now: Double) -> Changes {
        var changes = Changes()
        let incoming = Set(sources.map(\.name))
        for name in names where !incoming.contains(name) {
            if let st = entries.removeValue(forKey: name)?.state { removedStates[name] = st }
            changes.removed.append(name)
        }
        for s in sources {
            if var e = entries[s.name] {
                if !Self.sameConfig(e.source, s) {
                    changes.changed.append(s.name)
                    let old = e.source
                    e.source = s
                    if !inFlight.contains(s.name) {
                        e.due = DueTime.afterConfigChange(state: e.state, old: old, new: s, now: now)
                    }
                } else {
                    e.source = s
                }
                entries[s.name] = e
            } else {
                let st = removedStates.removeValue(forKey: s.name)
                entries[s.name] = Entry(source: s, state: st, due: DueTime.dueOnStart(state: st, source: s, now: now))
                changes.added.append(s.name)
            }
        }
        names = sources.map(\.name)
        // Rebuilt from the entries: drops the removed sources' queued times with the stale ones.
        position = [:]
        queue.removeAll()
        for (i, name) in names.enumerated() {
            position[name] = i
            if let due = entries[name]?.due, !inFlight.contains(name) { queue.push(due, name) }
        }
        recountFailing()
        return changes
    }

    /// The earliest due time of an idle source, or nil when nothing is scheduled.
    public var nextDue: Double? {
        if let top = queue.top, isCurrent(top) { return top.due }
        // A stale time at the top (rare: a reload or a finished poll moved it): scan.
        return names.lazy.filter { !inFlight.contains($0) }.compactMap { entries[$0]?.due }.min()
    }

    /// Idle sources due at `now`.
    public func dueCount(now: Double) -> Int {
        names.filter { !inFlight.contains($0) && (entries[$0]?.due).map { $0 <= now } == true }.count
    }

    /// Every configured source with its latest state, in config order (for metrics and status).
    public var sourceStates: [(name: String, state: SourceState?)] {
        names.map { ($0, entries[$0]?.state) }
    }

    /// Equal apart from where in the file the source is written.
    static func sameConfig(_ a: SourceConfig, _ b: SourceConfig) -> Bool {
        var a = a, b = b
        a.line = 0; b.line = 0
        return a == b
    }
}
