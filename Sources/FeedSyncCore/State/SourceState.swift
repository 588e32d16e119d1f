/// What the state remembers about one source between polls.
public struct SourceState: Sendable, Equatable {
    public var name: String
    /// Validators exactly as the server last sent them.
    public var etag: String?
    public var lastModified: String?
    /// The URL the validators belong to (a config change of `url` drops them).
    public var validatorsURL: String?
    /// Target of a permanent redirect (301/308): polled instead of the configured URL while the
    /// configured URL is unchanged.
    public var movedTo: String?
    /// The configured URL `movedTo` applies to.
    public var movedFrom: String?
    public var lastAttempt: Timestamp?
    public var lastSuccess: Timestamp?
    /// One word: `ok`, `unchanged`, `error`, `skipped`, `disabled`.
    public var lastStatus: String?
    public var lastError: String?
    public var lastHTTPStatus: Int?
    public var consecutiveFailures: Int = 0
    public var nextDue: Timestamp?
    /// Not polled before this time (Retry-After).
    public var retryAfterUntil: Timestamp?
    /// Failure backoff holds until this time.
    public var backoffUntil: Timestamp?
    /// Set by 410 Gone (`DisabledReason.rawValue`): the source stays off until its config changes.
    public var disabledReason: String?
    public var disabledAt: Timestamp?
    /// `SourceConfig.fingerprint` of the configuration the schedule was computed under; a
    /// different one lifts a 410 disable, backoff and Retry-After.
    public var disabledFingerprint: String?
    public var itemsDelivered: Int64 = 0
    /// Entries in the last successfully parsed document.
    public var feedLength: Int = 0
    public var polls: Int64 = 0
    public var notModified: Int64 = 0
    /// Seconds the last fetch took.
    public var lastDuration: Double?
    /// Why `movedTo` is polled instead of the configured URL: `permanent redirect` or `feed autodiscovery`.
    public var movedReason: String?
    /// The feed's own title, for spool items and `status`.
    public var feedTitle: String?
    public var feedLink: String?

    public init(name: String) { self.name = name }
}

/// What the state remembers about one item of a source (also after it left the feed: a tombstone).
public struct KnownItem: Sendable, Equatable {
    public var key: String
    public var linkCanonical: String?
    public var titleDate: String?
    public var contentHash: String
    public var firstSeen: Timestamp
    public var lastSeen: Timestamp
    /// Spool file name it was delivered as (nil when recorded without delivery).
    public var file: String?

    public init(key: String, linkCanonical: String?, titleDate: String?, contentHash: String,
                firstSeen: Timestamp, lastSeen: Timestamp, file: String?) {
        self.key = key; self.linkCanonical = linkCanonical; self.titleDate = titleDate
        self.contentHash = contentHash; self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.file = file
    }
}

/// A delivery recorded durably before its file is renamed into `new/`, so recovery after a crash
/// knows which spool files belong to an unfinished commit, and what to record for each.
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
    /// Intents fulfilled by this commit.
    public var intents: [String] = []
    public var fingerprints: [DuplicateRecord] = []
    /// Latest main text of watched pages, by (source, key): the base of the next change's diff.
    public var pageTexts: [(source: String, key: String, text: String)] = []
    /// HTML sources' learned-boilerplate counters after this poll: each replaces the source's
    /// stored set (`StateStore.boilerplateLines`).
    public var boilerplate: [(source: String, lines: [BoilerplateLine])] = []
    public var now: Timestamp

    public init(now: Timestamp) { self.now = now }
}

/// Persistent state: implemented over SQLite by `FeedSyncStore`. Used from one thread at a time.
public protocol StateStore: AnyObject {
    func sourceStates() throws -> [String: SourceState]
    func knownItems(source: String, keys: [String]) throws -> [String: KnownItem]
    func item(source: String, linkCanonical: String) throws -> KnownItem?
    func item(source: String, titleDate: String) throws -> KnownItem?
    /// Durably records intents (survives power loss) before their files are published.
    func recordIntents(_ intents: [DeliveryIntent]) throws
    func pendingIntents() throws -> [DeliveryIntent]
    func discardIntents(_ files: [String]) throws
    func commit(_ batch: CommitBatch) throws
    /// Drops tombstones older than `before`, keeping at least `keep` most recent items of the source.
    func pruneItems(source: String, before: Timestamp, keep: Int) throws
    func recentFingerprints(since: Timestamp) throws -> [DuplicateRecord]
    func pageText(source: String, key: String) throws -> String?
    func pruneFingerprints(before: Timestamp) throws
    /// The learned-boilerplate counters of an HTML source (written by `commit`).
    func boilerplateLines(source: String) throws -> [BoilerplateLine]
}

extension StateStore {
    /// An item already recorded for this source that `id` matches by canonical link or by
    /// normalized title + date: the same item under a new key (README "Item identity").
    public func previousItem(source: String, matching id: ItemIdentity) -> KnownItem? {
        if let l = id.linkCanonical, let hit = try? item(source: source, linkCanonical: l) { return hit }
        if let t = id.titleDate, let hit = try? item(source: source, titleDate: t) { return hit }
        return nil
    }
}
