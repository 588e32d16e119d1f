/// A delivery intent left by a feedsync from before the redo protocol (state schema 4): recorded
/// before its file was renamed into `new/`. Recovery settles these once after an upgrade.
public struct DeliveryIntent: Sendable, Equatable {
    public var file: String
    public var source: String
    /// The item as the commit would have recorded it.
    public var item: KnownItem
    public init(file: String, source: String, item: KnownItem) {
        self.file = file; self.source = source; self.item = item
    }
}

/// Everything one batch commits in one transaction.
public struct CommitBatch: Sendable {
    /// Items to insert or update (new, identity-moved, updated, or seen again).
    public var items: [(source: String, item: KnownItem)] = []
    /// Items still in the feed whose `last_seen` moves forward.
    public var touched: [(source: String, key: String)] = []
    public var sources: [SourceState] = []
    /// Spool files this commit delivers, to be renamed from `tmp/` into `new/` after it: recorded
    /// as pending publications, which recovery redoes.
    public var publications: [String] = []
    /// Publications of an earlier batch that are done: their records are removed.
    public var clearedPublications: [String] = []
    /// The last spool name issued, so names keep sorting in delivery order across clock steps.
    public var lastSpoolName: String?
    /// Legacy intents settled by this commit.
    public var intents: [String] = []
    public var fingerprints: [DuplicateRecord] = []
    /// Latest main text of watched pages, by (source, key): the base of the next change's diff.
    public var pageTexts: [(source: String, key: String, text: String)] = []
    /// HTML sources' learned-boilerplate counters after this poll: each replaces the source's
    /// stored set.
    public var boilerplate: [(source: String, lines: [BoilerplateLine])] = []
    public var now: Timestamp

    public init(now: Timestamp) { self.now = now }
}

/// Persistent state: the port the pipeline drives, implemented over SQLite by `FeedSyncStore`.
/// Used from one thread at a time (the `DeliveryThread`).
public protocol StateStore: AnyObject {
    func sourceStates() throws -> [String: SourceState]
    /// The Plan stage's inputs for a batch of polled sources, in one read, in the order asked.
    func planInputs(_ queries: [PlanQuery]) throws -> [PlanInputs]
    /// One transaction: the Commit stage's commit point.
    func commit(_ batch: CommitBatch) throws
    /// Spool files committed as delivered whose publication may not have happened yet.
    func pendingPublications() throws -> [String]
    /// The last spool name issued (nil: none yet).
    func lastSpoolName() throws -> String?
    /// Intents left by a feedsync from before the redo protocol.
    func pendingIntents() throws -> [DeliveryIntent]
    /// Drops tombstones older than `before`, keeping at least `keep` most recent items of the source.
    func pruneItems(source: String, before: Timestamp, keep: Int) throws
    func recentFingerprints(since: Timestamp) throws -> [DuplicateRecord]
    func pruneFingerprints(before: Timestamp) throws
    /// Before a batch is planned: what other processes sharing the state committed since (a
    /// shared store also serializes batches until `endBatch`). Nothing for a store of one process.
    func beginBatch(sources: [String]) throws -> BatchRefresh
    func endBatch()
}
