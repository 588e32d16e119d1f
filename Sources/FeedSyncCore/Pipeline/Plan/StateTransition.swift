/// A source's state after one poll: status words, validators, where it moved, and the politeness
/// schedule (`SourceSchedule`, in Schedule/). Pure: the poll's outcome and `now` in, state out.
enum StateTransition {
    /// The fields every poll moves, whatever came of it.
    static func attempted(_ previous: SourceState, polled p: PolledSource) -> SourceState {
        var st = previous
        st.lastAttempt = p.startedAt
        st.polls += 1
        st.lastDuration = p.duration
        return st
    }

    /// A fetch that failed; `networkDown` when the cycle judged the network down (nothing counted).
    static func fetchFailed(_ st: inout SourceState, _ failure: FetchFailure, networkDown: Bool, source: SourceConfig, now: Timestamp) {
        st.lastStatus = "error"
        st.lastError = failure.message
        st.lastHTTPStatus = failure.status
        let outcome: PollOutcome = networkDown
            ? .networkDown : .failed(kind: failure.kind, status: failure.status, retryAfter: failure.retryAfter)
        st.schedule = st.schedule.after(outcome, now: now, policy: source.schedulePolicy)
    }

    /// A body the engine could not use (`status` is the HTTP status it came with).
    static func unusable(_ st: inout SourceState, message: String, status: Int, source: SourceConfig, now: Timestamp) {
        st.lastStatus = "error"
        st.lastError = message
        st.lastHTTPStatus = status
        st.schedule = st.schedule.after(.failed(kind: .other, status: status, retryAfter: nil), now: now,
                                        policy: source.schedulePolicy)
    }

    /// 304 Not Modified: the validators the server sent (if any) replace the old ones.
    static func notModified(_ st: inout SourceState, _ response: FetchResponse, requestURL: String, previous: SourceState,
                            source: SourceConfig, now: Timestamp) {
        st.lastStatus = "unchanged"
        st.lastError = nil
        st.lastHTTPStatus = 304
        st.notModified += 1
        if let e = response.header("ETag") { st.etag = e }
        if let lm = response.header("Last-Modified") { st.lastModified = lm }
        st.validatorsURL = requestURL
        succeeded(&st, response, ttl: nil, previous: previous, newItems: 0, source: source, now: now)
    }

    /// A document was read: its validators, what it says of the feed, and where the source moved.
    static func documentRead(_ st: inout SourceState, _ parsed: ParsedDocument, polled p: PolledSource,
                             previous: SourceState, newItems: Int, notices: inout [PlanNotice], now: Timestamp) {
        let response = parsed.response, doc = parsed.document
        st.lastStatus = "ok"
        st.lastError = nil
        st.lastHTTPStatus = response.status
        st.etag = response.header("ETag")
        st.lastModified = response.header("Last-Modified")
        st.validatorsURL = p.requestURL
        st.feedLength = doc.entries.count
        st.documentVersion = doc.version
        st.feedTitle = doc.feed.title ?? st.feedTitle
        st.feedLink = doc.feed.link ?? st.feedLink
        if let feed = p.discoveredFeed, feed != st.movedTo {
            notices.append(.autodiscovered(feed: feed))
            st.movedTo = feed
            st.movedFrom = p.source.url
            st.movedReason = "feed autodiscovery"
        } else if let target = response.permanentRedirectTarget, target != st.movedTo {
            notices.append(.movedPermanently(to: target))
            st.movedTo = target
            st.movedFrom = p.source.url
            st.movedReason = "permanent redirect"
        }
        succeeded(&st, response, ttl: doc.ttlSeconds, previous: previous, newItems: newItems, source: p.source, now: now)
    }

    /// The schedule after a successful poll: the interval (adapted with `interval = "auto"`), or the
    /// publisher's freshness hint when longer.
    private static func succeeded(_ st: inout SourceState, _ response: FetchResponse, ttl: Int?, previous: SourceState,
                                  newItems: Int, source: SourceConfig, now: Timestamp) {
        let scheduled = AdaptiveInterval.effectiveSource(source, previous: previous, newItems: newItems, now: now)
        let fresh = CacheHints.freshness(headers: response.headers, now: now, feedTTL: ttl)
        st.schedule = st.schedule.after(.succeeded(freshFor: fresh), now: now, policy: scheduled.schedulePolicy)
    }
}

extension SourceState {
    /// The scheduling fields as the state machine sees them.
    public var schedule: SourceSchedule {
        get {
            SourceSchedule(nextDue: nextDue, consecutiveFailures: consecutiveFailures, backoffUntil: backoffUntil,
                           retryAfterUntil: retryAfterUntil, disabledReason: disabledReason.flatMap(DisabledReason.init(rawValue:)),
                           disabledAt: disabledAt, configFingerprint: disabledFingerprint,
                           lastAttempt: lastAttempt, lastSuccess: lastSuccess)
        }
        set {
            nextDue = newValue.nextDue
            consecutiveFailures = newValue.consecutiveFailures
            backoffUntil = newValue.backoffUntil
            retryAfterUntil = newValue.retryAfterUntil
            disabledReason = newValue.disabledReason?.rawValue
            disabledAt = newValue.disabledAt
            disabledFingerprint = newValue.configFingerprint
            lastAttempt = newValue.lastAttempt
            lastSuccess = newValue.lastSuccess
        }
    }
}

extension SourceConfig {
    /// The schedule-shaping keys of this source.
    public var schedulePolicy: SchedulePolicy {
        let s = settings
        return SchedulePolicy(interval: Int64(s.interval.rounded()), maxInterval: Int64(s.maxInterval.rounded()),
                              maxRetryAfter: Int64(s.maxRetryAfter.rounded()), respectCacheHints: s.respectCacheHints,
                              configFingerprint: fingerprint)
    }
}
