import FeedSyncCore

/// libcurl multi on one owning thread, bridged to async.
public final class CurlFetcher: Fetcher, @unchecked Sendable {
    public init(concurrency: Int = 64, perHost: Int = 2, hostDelay: Double = 0) {}
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        .failed(FetchFailure(kind: .other, message: "not implemented"))
    }
}
