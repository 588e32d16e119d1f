import FeedSyncCore

/// libcurl multi on one owning thread, bridged to async.
public final class CurlFetcher: Fetcher, @unchecked Sendable {
    public init() {}
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        .failed(FetchFailure(kind: .other, message: "not implemented"))
    }
}
