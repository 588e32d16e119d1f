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
    /// New items `[[filter]]` rules kept out.
    public var itemsFiltered: Int64 = 0
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
    /// The version of the last document the source served (`rss20`, `atom10`, `html`, ...): a
    /// source that has served a feed is expected to go on serving one.
    public var documentVersion: String?

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
