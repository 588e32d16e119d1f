/// Publisher hints on how long a response stays fresh, used as a lower bound on the next poll
/// (config `respect_cache_hints`).
public enum CacheHints {
    /// Seconds the response stays fresh by RFC 9111 §4.2.1: `Cache-Control: max-age` (minus
    /// `Age`), else `Expires` minus `Date` (or minus `now` without a usable `Date`).
    ///
    /// Returns nil when the response gives no lifetime or says not to reuse it without asking
    /// (`no-store`, `no-cache`); an invalid `Expires` means "already expired" (§5.3) and gives 0.
    /// `s-maxage` is ignored: it addresses shared caches, and a feed reader is a private one.
    public static func httpFreshness(headers: [(String, String)], now: Timestamp) -> Int64? {
        func values(_ name: String) -> [String] {
            headers.filter { $0.0.lowercased() == name }.map(\.1)
        }
        var maxAge: Int64?
        for value in values("cache-control") {
            for directive in value.split(separator: ",") {
                let parts = directive.split(separator: "=", maxSplits: 1)
                let name = String(parts[0]).trimmingHTTPWhitespace.lowercased()
                if name == "no-store" || name == "no-cache" { return nil }
                if name == "max-age", parts.count == 2 {
                    var arg = String(parts[1]).trimmingHTTPWhitespace
                    if arg.hasPrefix("\""), arg.hasSuffix("\""), arg.count >= 2 { arg = String(arg.dropFirst().dropLast()) }
                    if let seconds = Int64(arg), seconds >= 0, maxAge == nil { maxAge = seconds }
                }
            }
        }
        let age = values("age").last.flatMap { Int64($0.trimmingHTTPWhitespace) }.map { max(0, $0) } ?? 0
        if let maxAge { return max(0, maxAge - age) }
        guard let expiresText = values("expires").last else { return nil }
        guard let expires = HTTPDate.parse(expiresText) else { return 0 }
        let date = values("date").last.flatMap(HTTPDate.parse) ?? now
        return max(0, expires.seconds - date.seconds)
    }

    /// The lower bound on the time to the next poll: the larger of the HTTP freshness and the
    /// feed's own `ttl` / `sy:updatePeriod` (`FeedDocument.ttlSeconds`); nil when neither says.
    public static func freshness(headers: [(String, String)], now: Timestamp, feedTTL: Int?) -> Int64? {
        let http = httpFreshness(headers: headers, now: now)
        let feed = feedTTL.map { Int64(max(0, $0)) }
        switch (http, feed) {
        case let (h?, f?): return max(h, f)
        case let (h?, nil): return h
        case let (nil, f?): return f
        case (nil, nil): return nil
        }
    }
}
