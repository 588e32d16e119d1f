import Foundation

/// The Poll stage: fetch one source, follow the feed a page advertises, parse, and derive the
/// per-entry values. Runs concurrently for many sources (the fetcher enforces the transfer caps);
/// touches no state: the source's last committed state comes in as a value.
public struct Poller: Sendable {
    let fetcher: Fetcher
    let parser: FeedParsing
    /// Where parses run (ParseThreads says why); tests give a poller threads of its own.
    let parseThreads: ParseThreads

    public init(fetcher: Fetcher, parser: FeedParsing, parseThreads: ParseThreads = .shared) {
        self.fetcher = fetcher; self.parser = parser; self.parseThreads = parseThreads
    }

    /// Fetches and parses `source` once.
    public func poll(_ source: SourceConfig, state: SourceState?) async -> PolledSource {
        var request = Self.request(for: source, state: state)
        // A source that has served a feed is expected to go on serving one: an HTML page in its
        // place (a bot challenge, a login wall, a parked domain) is a failed poll, not a page.
        let expectsFeed = state?.documentVersion.map { !$0.isEmpty && $0 != "html" } ?? false
        let started = Date()
        var outcome = await fetchDocument(request, source: source, expectsFeed: expectsFeed)
        var discovered: String?
        if case let .document(page) = outcome, page.document.htmlExtraction == .autodiscovery,
           let feed = page.document.discoveredFeeds.first?.href {
            // The page advertises a feed: poll the feed instead (and from now on: the Plan stage
            // records it as where the source moved).
            request.url = feed
            request.etag = nil
            request.lastModified = nil
            outcome = await fetchDocument(request, source: SourceConfig(name: source.name, url: feed, settings: source.settings),
                                          expectsFeed: true)
            discovered = feed
        }
        var polled = PolledSource(source: source, requestURL: request.url, outcome: outcome,
                                  startedAt: Timestamp(seconds: Int64(started.timeIntervalSince1970)),
                                  duration: Date().timeIntervalSince(started))
        polled.discoveredFeed = discovered
        return polled
    }

    /// Fetches one URL and parses what came back.
    private func fetchDocument(_ request: FetchRequest, source: SourceConfig, expectsFeed: Bool) async -> PolledSource.Outcome {
        switch await fetcher.fetch(request) {
        case let .failed(failure):
            return .fetchFailed(failure)
        case let .notModified(response):
            return .notModified(response)
        case let .fetched(response):
            var light = response
            light.body = []
            var context = ParseRequest(response: response, source: source)
            context.expectsFeed = expectsFeed
            let parser = self.parser
            // On the parse threads, not the cooperative pool (ParseThreads says why).
            return await withTaskExecutorPreference(parseThreads) {
                Self.read(response.body, context: context, parser: parser, light: light, source: source)
            }
        }
    }

    /// Parses one body and derives its entries' values.
    private static func read(_ body: [UInt8], context: ParseRequest, parser: FeedParsing,
                             light: FetchResponse, source: SourceConfig) -> PolledSource.Outcome {
        do {
            var doc = try parser.parse(body, request: context)
            // A document of hundreds of thousands of entries (a flood, an attack) is read up
            // to 10 x max_items of them, in document order (feeds list the newest first), so
            // what follows the parse is bounded by items, not by the feed.
            let cap = entryCap(source.settings)
            let dropped = max(0, doc.entries.count - cap)
            if dropped > 0 { doc.entries.removeSubrange(cap...) }
            if doc.version.isEmpty {
                // Recovered into nothing recognizable (an error page, a login wall): not a feed.
                return .parseFailed(ParseError("not a feed (\(doc.bozoReason ?? "unrecognized document"))"), light)
            }
            var parsed = ParsedDocument(document: doc, response: light, source: source)
            parsed.entriesDropped = dropped
            return .document(parsed)
        } catch {
            return .parseFailed(error, light)
        }
    }

    /// The most entries of one document the pipeline reads past the parse.
    public static func entryCap(_ settings: SourceSettings) -> Int {
        max(10_000, settings.maxItems.multipliedReportingOverflow(by: 10).partialValue)
    }

    /// The request for a source: where a permanent redirect or feed autodiscovery led (while the
    /// config is unchanged), with the validators that belong to that URL.
    public static func request(for source: SourceConfig, state: SourceState?) -> FetchRequest {
        let s = source.settings
        var url = source.url
        if let moved = state?.movedTo, state?.movedFrom == source.url { url = moved }
        let sameURL = state?.validatorsURL == url
        return FetchRequest(
            source: source.name, url: url, headers: s.headers.map { ($0.name, $0.value) },
            etag: sameURL ? state?.etag : nil, lastModified: sameURL ? state?.lastModified : nil,
            userAgent: s.userAgent, timeout: s.timeout, connectTimeout: s.connectTimeout, maxBody: s.maxBody,
            maxRedirects: 5, username: s.username, password: s.password, proxy: s.proxy,
            tlsVerify: s.tlsVerify, caFile: s.caFile, denyPrivate: s.denyPrivate, cookieJar: source.cookieJar,
            headersOrigin: source.url, headersOnRedirect: s.headersOnRedirect)
    }
}
