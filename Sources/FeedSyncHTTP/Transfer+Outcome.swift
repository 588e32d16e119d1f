import CCurl
import FeedSyncCore

extension Transfer {
    /// Turns libcurl's verdict and what the callbacks gathered into the caller's value.
    /// Call before the easy handle is freed: it reads CURLINFO_EFFECTIVE_URL and friends.
    func outcome(code: CURLcode) -> FetchResult {
        guard let easy else {
            return .failed(FetchFailure(kind: .other, message: "transfer has no handle"))
        }
        let effective = easy.string(CURLINFO_EFFECTIVE_URL) ?? request.url
        let shown = URLRedaction.redact(effective)

        // Our own aborts first: libcurl reports them only as a write or connect error.
        if headerLimitHit {
            return .failed(FetchFailure(kind: .tooLarge,
                                        message: "response headers exceed \(maxHeaderBytes) bytes (\(shown))"))
        }
        // libcurl refuses one header line over CURL_MAX_HTTP_HEADER (100 KB) with "Out of memory",
        // before our callback sees it: a response still in its header block says which it was.
        if code == CURLE_OUT_OF_MEMORY && inHeaderBlock {
            return .failed(FetchFailure(kind: .tooLarge,
                                        message: "a response header line exceeds libcurl's limit of 100 KB (\(shown))",
                                        status: status == 0 ? nil : status))
        }
        if bodyLimitHit {
            return .failed(FetchFailure(kind: .tooLarge,
                                        message: "body exceeds max_body of \(request.maxBody) bytes after decoding (\(shown))",
                                        status: status == 0 ? nil : status, headers: headers))
        }
        if let peer = refusedPeer, code != CURLE_OK {
            return .failed(FetchFailure(kind: .forbidden,
                                        message: "refused to connect to private address \(peer) (deny_private) (\(shown))"))
        }
        if code != CURLE_OK {
            var failure = easy.error(code).failure
            if code == CURLE_TOO_MANY_REDIRECTS {
                failure.message = (isLoop ? "redirect loop" : "more than \(request.maxRedirects) redirects")
                    + " (\(URLRedaction.redact(request.url)))"
            } else if code == CURLE_UNSUPPORTED_PROTOCOL, let hop = redirects.last {
                failure.message = "redirect to \(URLRedaction.redact(hop.to)) refused: only http and https (\(shown))"
            }
            return .failed(failure)
        }

        var code = easy.long(CURLINFO_RESPONSE_CODE) ?? 0
        if code == 0, (try? CurlURL(effective))?.scheme == "file" { code = 200 }
        let micros = followsRedirectsItself ? Int64((Monotonic.now() - startedAt) * 1e6) : easy.offset(CURLINFO_TOTAL_TIME_T) ?? 0
        let response = FetchResponse(status: code, effectiveURL: effective, headers: headers, body: body,
                                     redirects: redirects, duration: Double(micros) / 1e6)
        switch code {
        case 200...299:
            return .fetched(response)
        case 304:
            return .notModified(response)
        default:
            return .failed(FetchFailure(kind: .httpStatus, message: "HTTP \(code) (\(shown))", status: code,
                                        retryAfter: response.header("Retry-After"), headers: headers))
        }
    }

    /// True when a redirect led back to a URL already visited.
    var isLoop: Bool {
        var seen: Set<String> = [request.url]
        for hop in redirects {
            seen.insert(hop.from)
            if seen.contains(hop.to) { return true }
        }
        return false
    }
}
