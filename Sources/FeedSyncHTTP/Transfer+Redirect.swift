import CCurl
import FeedSyncCore

/// Redirects followed hop by hop (`followsRedirectsItself`): configured headers are scoped to the
/// origin (scheme, host, port; RFC 6454 §4) of the configured URL, and libcurl, when it follows,
/// sends CURLOPT_HTTPHEADER to every host of the chain (only Authorization and Cookie are dropped).
extension Transfer {
    /// What to do once a hop's response is complete.
    enum NextHop {
        /// Not a redirect to follow here: the outcome is this response.
        case done
        case follow(String)
        case fail(FetchFailure)
    }

    /// Whether the configured headers go to the hop in progress.
    var sendsConfiguredHeaders: Bool {
        request.headersOnRedirect || Self.sameOrigin(currentURL, request.headersOrigin ?? request.url)
    }

    /// Decides after a completed hop (libcurl reported CURLE_OK).
    func nextHop() -> NextHop {
        guard followsRedirectsItself, let easy, [301, 302, 303, 307, 308].contains(easy.long(CURLINFO_RESPONSE_CODE) ?? 0),
              headers.contains(where: { $0.0.lowercased() == "location" }), let hop = redirects.last else { return .done }
        let shown = URLRedaction.redact(request.url)
        if redirects.count > request.maxRedirects {
            return .fail(FetchFailure(kind: .tooManyRedirects,
                                      message: (isLoop ? "redirect loop" : "more than \(request.maxRedirects) redirects") + " (\(shown))"))
        }
        guard let scheme = try? CurlURL(hop.to).scheme, scheme == "http" || scheme == "https" else {
            return .fail(FetchFailure(kind: .forbidden,
                                      message: "redirect to \(URLRedaction.redact(hop.to)) refused: only http and https (\(shown))"))
        }
        if request.timeout > 0 && Monotonic.now() - startedAt >= request.timeout {
            return .fail(FetchFailure(kind: .timeout, message: "timed out after \(request.timeout) s following redirects (\(shown))"))
        }
        return .follow(hop.to)
    }

    /// Clears what the callbacks gathered about the previous hop; the recorded hops stay.
    func prepareHop(to url: String) {
        currentURL = url
        body = []
        bodyLimitHit = false
        headerLimitHit = false
        headers = []
        headerBytes = 0
        status = 0
        inHeaderBlock = false
        refusedPeer = nil
    }

    /// True when both URLs have the same scheme, host and port (default ports made explicit).
    static func sameOrigin(_ a: String, _ b: String) -> Bool {
        guard let x = try? CurlURL(a), let y = try? CurlURL(b) else { return false }
        return x.scheme == y.scheme && x.host == y.host && x.port == y.port
    }
}
