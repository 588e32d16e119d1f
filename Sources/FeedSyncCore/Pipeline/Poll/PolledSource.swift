/// What the Poll stage produced for one source: the fetch and parse outcome, with every per-entry
/// value the later stages need (identities, near-duplicate fingerprints) computed once, here, in
/// the parallel stage, so the single writer thread only decides and writes.
public struct PolledSource: Sendable {
    public enum Outcome: Sendable {
        /// A document was fetched and parsed.
        case document(ParsedDocument)
        /// 304 Not Modified.
        case notModified(FetchResponse)
        case fetchFailed(FetchFailure)
        case parseFailed(ParseError, FetchResponse)
    }

    public var source: SourceConfig
    /// The URL that was requested (the configured one, where a permanent redirect led, or the feed
    /// the page advertised).
    public var requestURL: String
    public var outcome: Outcome
    public var startedAt: Timestamp
    public var duration: Double
    /// The page at the source's URL advertised this feed, which was polled instead.
    public var discoveredFeed: String?
    /// Set by the cycle's verdict (`NetworkVerdict`): every network source of the cycle failed to
    /// connect, so this failure does not count against the source.
    public var networkDown = false

    public init(source: SourceConfig, requestURL: String, outcome: Outcome, startedAt: Timestamp, duration: Double) {
        self.source = source; self.requestURL = requestURL; self.outcome = outcome
        self.startedAt = startedAt; self.duration = duration
    }

    /// Whether this poll failed before any server could answer (the network-down rule's input).
    public var isConnectionFailure: Bool {
        if case let .fetchFailed(f) = outcome { return NetworkVerdict.isConnectionFailure(f.kind) }
        return false
    }

    /// Whether the source is reached over the network (`file:` sources say nothing about it).
    public var usesNetwork: Bool { !requestURL.hasPrefix("file:") }
}

/// A parsed document with its derived per-entry values, one per entry, in document order.
public struct ParsedDocument: Sendable {
    public var document: FeedDocument
    /// The response without its body (the document holds what was in it).
    public var response: FetchResponse
    /// The identity of each entry. A watched page's one entry is keyed by its URL and hashed by
    /// its main text (`ItemIdentity.pageWatch`).
    public var identities: [ItemIdentity]
    /// The near-duplicate fingerprint of each entry; nil where the entry has too little text, and
    /// all nil when the source has `duplicates = "off"`.
    public var fingerprints: [UInt64?]

    /// Derives the per-entry values of `document` for `source`.
    public init(document: FeedDocument, response: FetchResponse, source: SourceConfig) {
        self.document = document
        self.response = response
        if document.htmlExtraction == .page {
            identities = document.entries.prefix(1).map { ItemIdentity.pageWatch($0, source: source.name) }
            fingerprints = identities.map { _ in nil }
        } else {
            identities = ItemIdentity.identities(for: document.entries, source: source.name, rules: source.settings.identity)
            fingerprints = source.settings.duplicates == .off
                ? document.entries.map { _ in nil }
                : document.entries.map { DuplicateFingerprint.make(title: $0.title.map(InlineText.plain), text: $0.text) }
        }
    }
}

extension ItemIdentity {
    /// A watched page is one item keyed by its URL (guid, link); a change of its main text (never
    /// of its markup) is what makes it `changed`.
    public static func pageWatch(_ entry: FeedEntry, source: String) -> ItemIdentity {
        var id = identities(for: [entry], source: source, rules: [.guid, .link, .content])[0]
        id.contentHash = String(SHA256.hex(InlineText.collapse(entry.text ?? "")).prefix(16))
        return id
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
