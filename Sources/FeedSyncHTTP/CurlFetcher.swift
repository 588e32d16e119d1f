import CCurl
import FeedSyncCore
import Logging

/// `Fetcher` over libcurl multi: one dedicated thread runs every transfer; `fetch` suspends
/// until that thread hands back the outcome.
///
/// Politeness is enforced here, across every source: at most `concurrency` transfers in flight,
/// at most `perHost` per host name, and at least `hostDelay` seconds between two starts to one
/// host. Requests beyond the caps wait in FIFO order per host.
///
/// Cancelling the task that awaits `fetch` stops its transfer (or drops it from the queue) and
/// returns `.failed` with kind `.cancelled`.
public final class CurlFetcher: Fetcher, Sendable {
    private let loop: CurlLoop?
    private let setupFailure: FetchFailure?
    private let defaultHostDelay: Double
    private let maxHeaderBytes: Int
    private let allowedPeers: Set<String>

    /// - Parameters:
    ///   - concurrency: transfers in flight overall (config `concurrency`).
    ///   - perHost: transfers in flight per host name (config `per_host`).
    ///   - hostDelay: minimum seconds between request starts to one host (config `host_delay`);
    ///     a request's own `hostDelay` may ask for more.
    ///   - maxHeaderBytes: largest header block accepted per response.
    ///   - logger: receives one debug line per finished transfer; never credentials.
    public convenience init(concurrency: Int = 64, perHost: Int = 2, hostDelay: Double = 0,
                            maxHeaderBytes: Int = 256 << 10, logger: Logger = Logger(label: "feedsync.http")) {
        self.init(concurrency: concurrency, perHost: perHost, hostDelay: hostDelay,
                  maxHeaderBytes: maxHeaderBytes, logger: logger, allowedPeers: [])
    }

    /// `allowedPeers` (`ip:port`) are exempt from `denyPrivate`: only tests use it, to let a
    /// first hop reach the loopback test server while proving the redirect target is refused.
    init(concurrency: Int, perHost: Int, hostDelay: Double, maxHeaderBytes: Int, logger: Logger,
         allowedPeers: Set<String>) {
        defaultHostDelay = max(0, hostDelay)
        self.maxHeaderBytes = maxHeaderBytes
        self.allowedPeers = allowedPeers
        do {
            let multi = try CurlMulti()
            let loop = CurlLoop(multi: multi, strictPool: try CurlShare(), concurrency: concurrency, perHost: perHost,
                                logger: logger)
            loop.start()
            self.loop = loop
            setupFailure = nil
        } catch {
            // Only out-of-memory or a broken libcurl gets here; every fetch reports it.
            logger.error("libcurl initialisation failed", metadata: ["error": "\(error)"])
            loop = nil
            setupFailure = FetchFailure(kind: .other, message: "libcurl initialisation failed: \(error.message)")
        }
    }

    deinit { loop?.stop() }

    /// Fetches `request.url` once, waiting in the politeness queue first if the caps say so.
    /// Never throws: every outcome, cancellation included, is a `FetchResult`.
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        guard let loop else {
            return .failed(setupFailure ?? FetchFailure(kind: .other, message: "no fetch loop"))
        }
        let host: String
        do {
            let url = try CurlURL(request.url)
            guard ["http", "https", "file"].contains(url.scheme) else {
                return .failed(FetchFailure(kind: .forbidden,
                                            message: "scheme \(url.scheme) refused: only http, https and file (\(URLRedaction.redact(request.url)))"))
            }
            host = url.host
        } catch {
            return .failed(FetchFailure(kind: error.kind, message: "invalid URL: \(error.message) (\(error.url))"))
        }
        let transfer = Transfer(id: loop.nextID(), request: request, host: host,
                                hostDelay: max(defaultHostDelay, request.hostDelay ?? 0),
                                maxHeaderBytes: maxHeaderBytes, allowedPeers: allowedPeers)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
    }
}
