/// Everything one polled source changes, as decided by the Plan stage: the items to deliver, what
/// to record without delivering, and the source's state after the poll. The Commit stage carries
/// it out; `test` and `--dry-run` print it.
public struct SourcePlan: Sendable {
    public var source: SourceConfig
    /// The state before this poll (what stays when the commit cannot deliver).
    public var previousState: SourceState
    /// The state after this poll.
    public var state: SourceState
    /// Items to deliver, in delivery order.
    public var deliveries: [PlannedDelivery] = []
    /// Items to record without delivering (initial = none/latest, re-keyed, dropped duplicates,
    /// ignored updates).
    public var recordOnly: [KnownItem] = []
    /// Known keys still in the document: their `last_seen` moves forward.
    public var touched: [String] = []
    /// Near-duplicate fingerprints of this source's new items.
    public var fingerprints: [DuplicateRecord] = []
    /// A watched page's new text, by key.
    public var pageTexts: [(key: String, text: String)] = []
    /// An HTML source's learned-boilerplate counters after this poll.
    public var boilerplate: [BoilerplateLine]?
    /// One decision per entry of the document, in document order (for `test` and `--dry-run`).
    public var decisions: [EntryDecision] = []
    /// The document as planned (learned boilerplate stripped), for `test` to show.
    public var document: FeedDocument?
    /// The URL polled: the configured one, where it moved, or the feed its page advertises.
    public var polledURL: String
    /// The page at the source's URL advertised this feed, which was polled instead.
    public var discoveredFeed: String?
    /// What the log should say about this plan beyond its report.
    public var notices: [PlanNotice] = []
    public var report: SourceReport

    public init(source: SourceConfig, polledURL: String, previousState: SourceState, state: SourceState, report: SourceReport) {
        self.source = source; self.polledURL = polledURL; self.previousState = previousState; self.state = state
        self.report = report
    }
}

/// One item to deliver: the spool item and what the state records for it once delivered.
public struct PlannedDelivery: Sendable {
    public var item: SpoolItem
    public var known: KnownItem
}

/// What the Plan stage decided for one entry.
public struct EntryDecision: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// Delivered as a new item.
        case deliver
        /// Delivered as new, marked `duplicate_of` an item another source delivered.
        case duplicate(of: String, source: String)
        /// Not delivered: a near-duplicate of another source's item (`duplicates = "drop"`).
        case dropped(duplicateOf: String, source: String)
        /// Already delivered, unchanged.
        case known
        /// Already delivered, changed upstream: delivered again (`on_update = "emit"`).
        case updated
        /// Already delivered, changed upstream: only recorded (`on_update = "ignore"`).
        case updateIgnored
        /// The same item under a new key (re-keyed upstream): recorded, not delivered.
        case moved(from: String)
        /// New, but left out by `initial` on the source's first sync.
        case initialSkipped
        /// New, but older than the newest `max_items` of this poll: recorded as seen.
        case overLimit
        /// New, but a `[[filter]]` rule keeps it out: recorded as seen.
        case filtered(rule: String)
        /// Another entry of the document has the same key.
        case repeated
        /// A watched page whose text changed: delivered as `changed`.
        case changed
        /// Not delivered: the poll did not commit (dry run aside, a failure).
        case notPlanned
    }

    public var key: String
    public var rule: IdentityRule
    public var verdict: Verdict
    /// The entry's whole text was learned boilerplate (it is delivered without text).
    public var boilerplateOnly = false

    /// The decision as `feedsync test` prints it: `deliver`, `known`, `duplicate of SOURCE/ID`, ...
    public var label: String {
        switch verdict {
        case .deliver: return "deliver"
        case let .duplicate(id, source): return "deliver (duplicate of \(source)/\(id))"
        case let .dropped(id, source): return "dropped (duplicate of \(source)/\(id))"
        case .known: return "known"
        case .updated: return "updated"
        case .updateIgnored: return "known (changed upstream; on_update = \"ignore\")"
        case let .moved(from): return "moved (re-keyed from \(from))"
        case .initialSkipped: return "skipped (initial)"
        case .overLimit: return "skipped (over max_items)"
        case let .filtered(rule): return "filtered (\(rule))"
        case .repeated: return "repeated in the document"
        case .changed: return "changed"
        case .notPlanned: return "not planned"
        }
    }
}

/// A fact about a plan worth a log line of its own.
public enum PlanNotice: Sendable, Equatable {
    /// Entries recognised as items delivered before under another key.
    case rekeyed(items: Int)
    /// New items beyond `max_items`: recorded as seen, not delivered.
    case overLimit(items: Int, limit: Int)
    /// The page advertises a feed: the feed is polled from now on.
    case autodiscovered(feed: String)
    /// The source answered with a permanent redirect: the new URL is polled from now on.
    case movedPermanently(to: String)
}
