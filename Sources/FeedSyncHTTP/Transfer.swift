import CCurl
import FeedSyncCore

/// Everything one fetch carries from `fetch()` to its completion.
///
/// Thread confinement (why `@unchecked Sendable` is sound): `fetch()` builds it and hands it to
/// the loop through the locked inbox; from then on only the loop thread reads or writes it,
/// including from libcurl's callbacks, which run inside `curl_multi_perform` on that thread. The
/// one exception, `cancelRequested`, is read and written only under the loop's lock.
final class Transfer: @unchecked Sendable {
    /// Unique per fetcher; identifies the transfer in the admission queue and for cancellation.
    let id: UInt64
    let request: FetchRequest
    /// Per-host key (see `AdmissionQueue.Entry.host`).
    let host: String
    /// The effective minimum gap between starts to `host`.
    let hostDelay: Double
    /// Largest header block accepted per response.
    let maxHeaderBytes: Int
    /// `ip:port` peers exempt from `denyPrivate` (tests only; empty in production).
    let allowedPeers: Set<String>

    /// Follow redirects hop by hop here rather than in libcurl, which sends configured headers to
    /// every host of a chain: set when the request has headers scoped to their origin.
    let followsRedirectsItself: Bool
    /// The URL of the hop in progress (`request.url` until a redirect is followed here).
    var currentURL: String
    /// Monotonic start of the first hop: later hops get what is left of `request.timeout`.
    var startedAt = 0.0

    /// Resumed exactly once, by the loop, with the outcome.
    var continuation: CheckedContinuation<FetchResult, Never>?
    /// Guarded by the loop's lock.
    var cancelRequested = false
    /// The easy handle while the transfer is in the multi handle.
    var easy: CurlEasy?

    // Filled by the callbacks.
    var body: [UInt8] = []
    var bodyLimitHit = false
    var headerLimitHit = false
    /// Headers of the response being received (reset at each status line).
    var headers: [(String, String)] = []
    var headerBytes = 0
    var status = 0
    /// Between a status line and the end of its header block.
    var inHeaderBlock = false
    var redirects: [RedirectHop] = []
    /// Set when the open-socket callback refused a private peer (`denyPrivate`).
    var refusedPeer: String?

    init(id: UInt64, request: FetchRequest, host: String, hostDelay: Double, maxHeaderBytes: Int,
         allowedPeers: Set<String>) {
        self.id = id
        self.request = request
        self.host = host
        self.hostDelay = hostDelay
        self.maxHeaderBytes = maxHeaderBytes
        self.allowedPeers = allowedPeers
        followsRedirectsItself = !request.headers.isEmpty && !request.headersOnRedirect && request.maxRedirects > 0
        currentURL = request.url
    }

    /// Hands the outcome to the awaiting task. Later calls are bugs and ignored.
    func resume(_ result: FetchResult) {
        guard let c = continuation else { return }
        continuation = nil
        c.resume(returning: result)
    }
}
