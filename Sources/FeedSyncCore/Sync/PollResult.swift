/// What the fetch and parse stages produced for one source, handed to the `Deliverer`.
public struct PollResult: Sendable {
    public enum Outcome: Sendable {
        /// A document was fetched and parsed.
        case document(FeedDocument, FetchResponse)
        /// 304 Not Modified.
        case notModified(FetchResponse)
        case fetchFailed(FetchFailure)
        case parseFailed(ParseError, FetchResponse)
    }

    public var source: SourceConfig
    /// The URL that was requested (the configured one, or where a permanent redirect led).
    public var requestURL: String
    public var outcome: Outcome
    public var startedAt: Timestamp
    public var duration: Double
    /// Every source of the cycle failed to connect: record the failure without backoff.
    public var networkDown = false
    /// The page at the source's URL advertised this feed, which was polled instead.
    public var discoveredFeed: String?
    /// Per-entry work done in the parallel stage so the single delivery thread only decides and
    /// writes: the identity of each entry, and its near-duplicate fingerprint by item key.
    public var identities: [ItemIdentity]?
    public var fingerprints: [String: UInt64] = [:]

    public init(source: SourceConfig, requestURL: String, outcome: Outcome, startedAt: Timestamp, duration: Double) {
        self.source = source; self.requestURL = requestURL; self.outcome = outcome
        self.startedAt = startedAt; self.duration = duration
    }
}

/// The outcome of one source in one sync, for logs, exit codes and `sync` output.
public struct SourceReport: Sendable {
    public enum Status: String, Sendable {
        /// Fetched and parsed; `newItems` may be zero.
        case ok
        /// 304 Not Modified.
        case unchanged
        case failed
        /// Not polled: in backoff, under Retry-After, disabled, or not due.
        case skipped
    }

    public var source: String
    public var status: Status
    public var newItems = 0
    public var updatedItems = 0
    public var identityMoves = 0
    public var duplicates = 0
    /// Why it failed or was skipped.
    public var message: String?
    public var httpStatus: Int?
    public var duration: Double = 0
    /// With `--dry-run`: the items that would have been delivered.
    public var wouldDeliver: [SpoolItem] = []
    /// The source's state as this report's commit recorded it; nil when nothing was committed
    /// (skipped, abandoned, dry run, failed commit). The daemon schedules from it.
    public var state: SourceState?

    public init(source: String, status: Status, message: String? = nil) {
        self.source = source; self.status = status; self.message = message
    }
}

extension ParseRequest {
    /// The parse context of a fetched body: its final URL (base for relative links), the response's
    /// Content-Type, Content-Location and Content-Language, and the source's declared type and selectors.
    public init(response: FetchResponse, source: SourceConfig) {
        self.init(url: response.effectiveURL, contentType: response.header("Content-Type"),
                  contentLocation: response.header("Content-Location"), type: source.type, select: source.select,
                  contentLanguage: response.header("Content-Language"))
    }
}
