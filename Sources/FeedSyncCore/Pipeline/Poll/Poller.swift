import Foundation

/// The Poll stage: fetch one source, follow the feed a page advertises, parse, and derive the
/// per-entry values. Runs concurrently for many sources (the fetcher enforces the transfer caps);
/// touches no state: the source's last committed state comes in as a value.
public struct Poller: Sendable {
    let fetcher: Fetcher
    let parser: FeedParsing

    public init(fetcher: Fetcher, parser: FeedParsing) {
        self.fetcher = fetcher; self.parser = parser
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
            do {
                var context = ParseRequest(response: response, source: source)
                context.expectsFeed = expectsFeed
                let doc = try parser.parse(response.body, request: context)
                if doc.version.isEmpty {
                    // Recovered into nothing recognizable (an error page, a login wall): not a feed.
                    return .parseFailed(ParseError("not a feed (\(doc.bozoReason ?? "unrecognized document"))"), light)
                }
                return .document(ParsedDocument(document: doc, response: light, source: source))
            } catch {
                return .parseFailed(error, light)
            }
        }
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
            tlsVerify: s.tlsVerify, caFile: s.caFile, denyPrivate: s.denyPrivate, cookieJar: source.cookieJar)
    }
}
