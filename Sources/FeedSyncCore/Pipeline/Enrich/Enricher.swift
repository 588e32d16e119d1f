import Foundation
import Logging

/// The Enrich stage, between Plan and Commit, for sources with `full_text`: it asks the delivery
/// thread what a poll would deliver (a plan against the committed state, not committed), fetches
/// the articles of the new items through the same `Fetcher` as the polls (so `concurrency`,
/// `per_host`, `host_delay`, `deny_private`, `max_body` and the timeouts hold for them too),
/// extracts their main content, and hands the results to the delivery, which plans again and
/// commits them with the items.
///
/// Nothing is recorded between the fetch and the commit: a crash there leaves the items unknown,
/// so the next poll plans (and fetches) them again, and exactly once holds. Known items are never
/// planned for delivery, so their articles are never fetched again.
public struct Enricher: Sendable {
    let fetcher: Fetcher
    let extractor: ArticleExtracting
    let logger: Logger
    /// Article fetches of one source in flight at once; the fetcher's caps apply on top.
    let perSource: Int

    public init(fetcher: Fetcher, extractor: ArticleExtracting, logger: Logger, perSource: Int = 8) {
        self.fetcher = fetcher; self.extractor = extractor; self.logger = logger
        self.perSource = max(1, perSource)
    }

    /// The articles of what `polled` would deliver, by item key; nil when the source does not want
    /// full text or the poll brought no document. `preview` plans without committing.
    public func enrich(_ polled: PolledSource,
                       preview: (PolledSource) async -> SourcePlan?) async -> [String: FullText]? {
        guard polled.source.settings.fullText != .off, case .document = polled.outcome else { return nil }
        guard let plan = await preview(polled) else { return nil }
        let wanted = FullTextPlan.wanted(plan)
        guard !wanted.isEmpty else { return [:] }
        var found: [String: FullText] = [:]
        await withTaskGroup(of: (String, FullText).self) { group in
            var next = 0
            func startNext() {
                guard next < wanted.count else { return }
                let w = wanted[next]
                next += 1
                group.addTask { (w.key, await self.article(w.link, source: polled.source)) }
            }
            for _ in 0..<min(perSource, wanted.count) { startNext() }
            for await (key, result) in group {
                found[key] = result
                if Task.isCancelled { group.cancelAll(); continue }
                startNext()
            }
        }
        let failed = found.values.filter { if case .failed = $0 { return true } else { return false } }.count
        if failed > 0 {
            logger.warning("some articles could not be fetched: those items are delivered with the feed's content",
                           metadata: ["source": "\(polled.source.name)", "articles": "\(wanted.count)", "failed": "\(failed)"])
        }
        return found
    }

    /// Fetches and extracts one article.
    func article(_ link: String?, source: SourceConfig) async -> FullText {
        guard let link, let request = Self.request(link: link, source: source) else {
            return .failed("the item has no http(s) link")
        }
        switch await fetcher.fetch(request) {
        case let .failed(failure):
            logger.info("article fetch failed", metadata: ["source": "\(source.name)", "url": "\(URLRedaction.redact(link))",
                                                             "error": "\(failure.message)"])
            return .failed(failure.message)
        case .notModified:
            return .failed("HTTP 304 without a conditional request")
        case let .fetched(response):
            let type = response.header("Content-Type")
            if let type, !Self.isHTML(type) {
                return .failed("the article is not HTML (Content-Type: \(type))")
            }
            // Extraction is a parse: on the parse threads, like the polls' (ParseThreads).
            let extractor = self.extractor
            let extracted = await withTaskExecutorPreference(ParseThreads.shared) {
                Result { () throws(ParseError) in
                    try extractor.extractArticle(response.body, url: response.effectiveURL, contentType: type)
                }
            }
            let article: ExtractedArticle
            switch extracted {
            case let .success(found): article = found
            case let .failure(error): return .failed("the article was refused: \(error.message)")
            }
            guard article.text.contains(where: { !$0.isWhitespace }) else {
                return .failed("no main content found in the article")
            }
            return .article(article)
        }
    }

    /// The request for an article: the source's politeness and transport settings, without
    /// validators (each article is fetched once). Credentials go only to the source's own origin,
    /// headers only as `headers_on_redirect` allows; nil for a link that is not http(s) (a feed
    /// must not make feedsync read `file:` URLs).
    static func request(link: String, source: SourceConfig) -> FetchRequest? {
        guard let target = Origin(link), target.scheme == "http" || target.scheme == "https" else { return nil }
        let s = source.settings
        let sameOrigin = Origin(source.url) == target
        return FetchRequest(
            source: source.name, url: link, headers: s.headers.map { ($0.name, $0.value) },
            userAgent: s.userAgent, timeout: s.timeout, connectTimeout: s.connectTimeout, maxBody: s.maxBody,
            maxRedirects: 5, username: sameOrigin ? s.username : nil, password: sameOrigin ? s.password : nil,
            proxy: s.proxy, tlsVerify: s.tlsVerify, caFile: s.caFile, denyPrivate: s.denyPrivate,
            cookieJar: source.cookieJar, headersOrigin: source.url, headersOnRedirect: s.headersOnRedirect)
    }

    static func isHTML(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media.isEmpty || media == "text/html" || media == "application/xhtml+xml"
    }
}
