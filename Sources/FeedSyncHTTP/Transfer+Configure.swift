import CCurl
import FeedSyncCore

extension Transfer {
    /// The `Accept` header sent when the request brings none: feeds first, pages after.
    static let defaultAccept = "application/rss+xml, application/atom+xml, application/feed+json, "
        + "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, "
        + "text/html;q=0.7, */*;q=0.5"

    /// Creates and configures the easy handle for this transfer. Every option is checked; a
    /// failure (say, an unreadable CA file option) fails this fetch only.
    /// `strictPool` holds the connections of `deny_private` transfers: they never reuse one that a
    /// transfer without the check opened.
    func makeEasy(strictPool: CurlShare) throws(CurlError) -> CurlEasy {
        let r = request
        let easy = try CurlEasy(url: currentURL)
        let me = Unmanaged.passUnretained(self).toOpaque()

        try easy.set(CURLOPT_URL, currentURL)
        // Signals are process-wide; a threaded resolver needs none (libcurl-thread(3)).
        try easy.set(CURLOPT_NOSIGNAL, true)
        // The first URL may be a local file; a redirect may only lead to the web.
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https,file")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, r.maxRedirects > 0 && !followsRedirectsItself)
        try easy.set(CURLOPT_MAXREDIRS, max(0, r.maxRedirects))
        // "" = every encoding this libcurl was built with (gzip, deflate, br, zstd here).
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(r.connectTimeout))
        // A hop followed here gets what is left of the whole transfer's time.
        let elapsed = startedAt > 0 ? Monotonic.now() - startedAt : 0
        try easy.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(r.timeout > 0 ? max(0.001, r.timeout - elapsed) : 0))
        if r.lowSpeedLimit > 0 && r.lowSpeedTime > 0 {
            try easy.set(CURLOPT_LOW_SPEED_LIMIT, r.lowSpeedLimit)
            try easy.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(r.lowSpeedTime.rounded(.up))))
        }
        // With a proxy tunnel the CONNECT response would otherwise look like a first response.
        try easy.set(CURLOPT_SUPPRESS_CONNECT_HEADERS, true)
        // No CURLOPT_PIPEWAIT: on plain http a waiting transfer only learns that the first
        // connection cannot multiplex when that connection's response arrives, which serialised
        // every slow host behind its first request (measured: 500 URLs delayed 2 s took 4.2 s).

        try easy.setWriteFunction(transferWrite, data: me)
        try easy.setHeaderFunction(transferHeader, data: me)
        if r.denyPrivate {
            try easy.setOpenSocketFunction(transferOpenSocket, data: me)
            try easy.use(strictPool)
        }

        try easy.set(CURLOPT_USERAGENT, r.userAgent)
        try easy.set(CURLOPT_HTTPHEADER, list: CurlSlist(headerLines()))

        // Hops followed here get credentials on the first URL's origin only, as libcurl's own
        // following does (CURLOPT_UNRESTRICTED_AUTH unset).
        if let user = r.username, !followsRedirectsItself || Self.sameOrigin(currentURL, r.url) {
            try easy.set(CURLOPT_USERNAME, user)
            try easy.set(CURLOPT_PASSWORD, r.password ?? "")
            try easy.set(CURLOPT_HTTPAUTH, CCurl_auth_basic())
            // libcurl sends credentials only to the first host unless UNRESTRICTED_AUTH is set;
            // leave it unset so a redirect elsewhere never receives them.
        }
        if let proxy = r.proxy {
            try easy.set(CURLOPT_PROXY, proxy)  // otherwise libcurl honours *_proxy / no_proxy
        }
        if !r.tlsVerify {
            try easy.set(CURLOPT_SSL_VERIFYPEER, false)
            try easy.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let ca = r.caFile {
            try easy.set(CURLOPT_CAINFO, ca)
        }
        if let jar = r.cookieJar {
            try easy.set(CURLOPT_COOKIEFILE, jar)  // read at start
            try easy.set(CURLOPT_COOKIEJAR, jar)   // written by curl_easy_cleanup
        }
        return easy
    }

    /// Request header lines: configured headers in order, then the validators exactly as the
    /// server gave them (RFC 9110 §13.1.1, §13.1.3), then a default Accept. A line holding CR,
    /// LF or NUL is dropped: a hostile ETag must not inject headers into the next request.
    func headerLines() -> [String] {
        var lines: [String] = []
        func add(_ name: String, _ value: String) {
            // Bytes, not Characters: "\r\n" is one Character and would slip past a test for "\r".
            let bad: (UInt8) -> Bool = { $0 == 13 || $0 == 10 || $0 == 0 }
            guard !name.isEmpty, !name.utf8.contains(where: bad), !value.utf8.contains(where: bad) else { return }
            // "Name:" alone would make libcurl remove the header; "Name;" sends it empty.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        let configured = sendsConfiguredHeaders ? request.headers : []
        for (name, value) in configured { add(name, value) }
        if let etag = request.etag { add("If-None-Match", etag) }
        if let date = request.lastModified { add("If-Modified-Since", date) }
        if !configured.contains(where: { $0.0.lowercased() == "accept" }) {
            add("Accept", Self.defaultAccept)
        }
        return lines
    }

    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }  // 0 = libcurl's default
        return max(1, Int((seconds * 1000).rounded()))
    }
}
