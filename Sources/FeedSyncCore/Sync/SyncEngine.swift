import Foundation
import Logging

/// The one sync pipeline (fetch -> parse -> diff -> spool -> commit) that `feedsync sync` and the
/// daemon both drive.
public final class SyncEngine: Sendable {
    public struct Options: Sendable {
        /// Poll sources in backoff, under Retry-After or disabled anyway.
        public var force = false
        /// Poll only sources whose next poll time has come.
        public var dueOnly = false
        public init(force: Bool = false, dueOnly: Bool = false) { self.force = force; self.dueOnly = dueOnly }
    }

    let fetcher: Fetcher
    let parser: FeedParsing
    public let deliverer: Deliverer
    let logger: Logger

    /// Polls in flight at once (fetching, parsing or waiting for delivery). A parsed document waits
    /// for the single delivery thread; without this bound a large sync would hold every document.
    let inFlight: AsyncLimiter

    /// - Parameter maxInFlight: polls in flight at once; twice the transfer concurrency keeps the
    ///   fetcher busy while bounding memory.
    public init(fetcher: Fetcher, parser: FeedParsing, deliverer: Deliverer, logger: Logger, maxInFlight: Int = 128) {
        self.fetcher = fetcher; self.parser = parser; self.deliverer = deliverer; self.logger = logger
        inFlight = AsyncLimiter(limit: maxInFlight)
    }

    /// Polls the given sources concurrently (the fetcher enforces the transfer caps) and returns one
    /// report per source, in the order given.
    ///
    /// Connection failures are held until the cycle ends: if every polled source failed to connect
    /// (DNS or connect errors), the network is down, and the failures are recorded without counting
    /// against the sources (no backoff). Everything else is delivered as soon as it is ready.
    public func sync(_ sources: [SourceConfig], states: [String: SourceState], options: Options) async -> [SourceReport] {
        enum Step: Sendable { case done(SourceReport), held(PollResult) }
        let steps: [Step] = await withTaskGroup(of: (Int, Step).self) { group in
            for (i, source) in sources.enumerated() {
                let state = states[source.name]
                group.addTask {
                    guard await self.inFlight.acquire() else {
                        return (i, .done(SourceReport(source: source.name, status: .skipped, message: "abandoned at shutdown")))
                    }
                    defer { self.inFlight.release() }
                    switch await self.fetchAndParse(source, state: state, options: options) {
                    case let .left(report):
                        return (i, .done(report))
                    case let .right(result):
                        if case let .fetchFailed(f) = result.outcome, f.kind == .connect || f.kind == .dns {
                            return (i, .held(result))
                        }
                        return (i, .done(await self.deliver(result)))
                    }
                }
            }
            var out = [Step?](repeating: nil, count: sources.count)
            for await (i, step) in group { out[i] = step }
            return out.map { $0! }
        }
        let polled = steps.filter { if case let .done(r) = $0 { return r.status != .skipped }; return true }
        let networkDown = polled.count >= 2 && polled.allSatisfy { if case .held = $0 { return true }; return false }
        if networkDown {
            logger.warning("every source failed to connect: the network looks down; not counting it against the sources",
                           metadata: ["sources": "\(polled.count)"])
        }
        var reports: [SourceReport] = []
        for step in steps {
            switch step {
            case let .done(r): reports.append(r)
            case var .held(result):
                result.networkDown = networkDown
                reports.append(await deliver(result))
            }
        }
        return reports
    }

    /// Polls one source once and delivers what is new.
    public func poll(_ source: SourceConfig, state: SourceState?, options: Options) async -> SourceReport {
        guard await inFlight.acquire() else {
            return SourceReport(source: source.name, status: .skipped, message: "abandoned at shutdown")
        }
        defer { inFlight.release() }
        switch await fetchAndParse(source, state: state, options: options) {
        case let .left(report): return report
        case let .right(result): return await deliver(result)
        }
    }

    private func deliver(_ result: PollResult) async -> SourceReport {
        let report = await deliverer.deliver(result)
        log(report, url: result.requestURL)
        return report
    }

    /// Fetches and parses one source: a skip report, or a result for the Deliverer.
    func fetchAndParse(_ source: SourceConfig, state: SourceState?, options: Options) async -> Either<SourceReport, PollResult> {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        if let reason = SyncEngine.skipReason(state: state, source: source, now: now, options: options) {
            let r = SourceReport(source: source.name, status: .skipped, message: reason)
            log(r, url: source.url)
            return .left(r)
        }
        var request = SyncEngine.request(for: source, state: state)
        let started = Date()
        var outcome = await fetchDocument(request, source: source)
        var discovered: String?
        if case let .document(page, _) = outcome, page.htmlExtraction == .autodiscovery,
           let feed = page.discoveredFeeds.first?.href {
            // The page advertises a feed: poll the feed instead (and from now on; see Deliverer).
            request.url = feed
            request.etag = nil
            request.lastModified = nil
            outcome = await fetchDocument(request, source: SourceConfig(name: source.name, url: feed, settings: source.settings))
            discovered = feed
        }
        let duration = Date().timeIntervalSince(started)
        if Task.isCancelled {
            // Shutdown abandons a poll before its commit: the state keeps the source as it was
            // (a cancelled transfer is not the source's failure), and nothing half-done reaches the spool.
            // One line per poll would flood the log of a large daemon at every stop: the
            // scheduler's warning says how many it abandons.
            let r = SourceReport(source: source.name, status: .skipped, message: "abandoned at shutdown")
            logger.debug("abandoned at shutdown", metadata: ["source": "\(source.name)"])
            return .left(r)
        }
        let startedAt = Timestamp(seconds: Int64(started.timeIntervalSince1970))
        var result = PollResult(source: source, requestURL: request.url, outcome: outcome, startedAt: startedAt, duration: duration)
        result.discoveredFeed = discovered
        if case let .document(doc, _) = outcome, doc.htmlExtraction != .page {
            let ids = ItemIdentity.identities(for: doc.entries, source: source.name, rules: source.settings.identity)
            result.identities = ids
            if source.settings.duplicates != .off {
                for (entry, id) in zip(doc.entries, ids) {
                    if let fp = DuplicateFingerprint.make(title: entry.title.map(InlineText.plain), text: entry.text) {
                        result.fingerprints[id.key] = fp
                    }
                }
            }
        }
        return .right(result)
    }

    /// Fetches one URL and parses what came back.
    private func fetchDocument(_ request: FetchRequest, source: SourceConfig) async -> PollResult.Outcome {
        switch await fetcher.fetch(request) {
        case let .failed(failure):
            return .fetchFailed(failure)
        case let .notModified(response):
            return .notModified(response)
        case let .fetched(response):
            let parseRequest = ParseRequest(response: response, source: source)
            var light = response
            light.body = []
            do {
                let doc = try parser.parse(response.body, request: parseRequest)
                if doc.version.isEmpty {
                    // Recovered into nothing recognizable (an error page, a login wall): not a feed.
                    return .parseFailed(ParseError("not a feed (\(doc.bozoReason ?? "unrecognized document"))"), light)
                }
                return .document(doc, light)
            } catch {
                return .parseFailed(error, light)
            }
        }
    }

    /// Why a source is not polled now, or nil to poll it: disabled (410), under Retry-After, in
    /// backoff, or (with `dueOnly`) not due. `force` polls regardless.
    public static func skipReason(state: SourceState?, source: SourceConfig, now: Timestamp, options: Options) -> String? {
        guard let state, !options.force else { return nil }
        let schedule = state.schedule.reconciled(with: source.schedulePolicy)
        if case let .skip(reason) = schedule.decision(now: now, honourInterval: options.dueOnly) {
            return "\(reason)" + (reason.isLiftedByForce ? " (--force polls it anyway)" : "")
        }
        return nil
    }

    /// The request for a source: where a permanent redirect led (while the config is unchanged),
    /// with the validators that belong to that URL.
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

    private func log(_ r: SourceReport, url: String) {
        var meta: Logger.Metadata = ["source": "\(r.source)", "status": "\(r.status.rawValue)",
                                     "duration_ms": "\(Int(r.duration * 1000))"]
        if let s = r.httpStatus { meta["http.status"] = "\(s)" }
        switch r.status {
        case .ok:
            meta["items.new"] = "\(r.newItems)"
            if r.updatedItems > 0 { meta["items.updated"] = "\(r.updatedItems)" }
            logger.info("polled", metadata: meta)
        case .unchanged:
            logger.info("polled", metadata: meta)
        case .skipped:
            meta["reason"] = "\(r.message ?? "")"
            logger.info("skipped", metadata: meta)
        case .failed:
            meta["url"] = "\(url)"
            meta["error"] = "\(r.message ?? "unknown")"
            logger.error("poll failed", metadata: meta)
        }
    }
}

/// One of two values.
public enum Either<Left: Sendable, Right: Sendable>: Sendable {
    case left(Left)
    case right(Right)
}
