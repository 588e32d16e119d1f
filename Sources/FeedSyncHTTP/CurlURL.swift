import CCurl

/// Owns a `CURLU` handle: libcurl's own URL parser, used so that the host we count for
/// politeness and the redirect targets we record are exactly what libcurl itself will use.
final class CurlURL {
    private let handle: OpaquePointer

    /// Parses an absolute URL (any scheme; the transfer restricts schemes).
    init(_ url: String) throws(CurlError) {
        guard let h = curl_url() else {
            throw CurlError(easy: CURLE_OUT_OF_MEMORY, api: "curl_url", url: url)
        }
        handle = h
        let rc = curl_url_set(handle, CURLUPART_URL, url, 0)
        if rc != CURLUE_OK { throw CurlError(url: rc, api: "curl_url_set", url: url) }
    }

    deinit { curl_url_cleanup(handle) }

    /// One part of the URL, or nil when absent (e.g. no host in `file:///x`).
    func part(_ which: CURLUPart) -> String? {
        var out: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &out, 0) == CURLUE_OK, let text = out else { return nil }
        defer { curl_free(text) }
        return String(cString: text)
    }

    /// Lower-cased host name: the key for per-host limits. Empty for `file:` URLs.
    var host: String { part(CURLUPART_HOST)?.lowercased() ?? "" }

    /// Lower-cased scheme.
    var scheme: String { part(CURLUPART_SCHEME)?.lowercased() ?? "" }

    /// The port, the scheme's default when the URL names none.
    var port: String? {
        var out: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, CURLUPART_PORT, &out, UInt32(CURLU_DEFAULT_PORT)) == CURLUE_OK, let text = out else { return nil }
        defer { curl_free(text) }
        return String(cString: text)
    }

    /// Resolves a `Location` value against `base` the way RFC 3986 §5 (and libcurl) do.
    static func resolve(_ reference: String, against base: String) -> String? {
        guard let url = try? CurlURL(base) else { return nil }
        guard curl_url_set(url.handle, CURLUPART_URL, reference, 0) == CURLUE_OK else { return nil }
        return url.part(CURLUPART_URL)
    }
}
