/// What one poll of a source came to, as far as scheduling cares.
public enum PollOutcome: Sendable, Equatable {
    /// A 2xx (and a document the engine accepted) or a 304. `freshFor` is the publisher's
    /// freshness hint in seconds (`CacheHints.freshness`), nil when it gave none.
    case succeeded(freshFor: Int64?)
    /// The poll failed: fetch failure, or a body the engine could not use (pass `.other`).
    /// `status` and `retryAfter` come from `FetchFailure`.
    case failed(kind: FetchFailure.Kind, status: Int?, retryAfter: String?)
    /// The poll failed at the connection level in a cycle judged network-down
    /// (`NetworkVerdict`): it does not count against the source.
    case networkDown
}

/// Why a source is not polled disabled until its configuration changes.
public enum DisabledReason: String, Sendable, Equatable {
    /// The server answered 410 Gone: the feed was removed on purpose.
    case gone
}
