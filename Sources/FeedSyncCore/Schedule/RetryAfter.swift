/// `Retry-After` (RFC 9110 §10.2.3): how long a server asked us to stay away after a 429 or 503.
public enum RetryAfter {
    /// The time before which the source must not be polled, or nil when the value is absent,
    /// unparseable or already in the past.
    ///
    /// - Parameters:
    ///   - value: the raw header value: delay-seconds (`120`) or an HTTP-date.
    ///   - now: the time the response was received.
    ///   - cap: the longest wait honoured, in seconds (config `max_retry_after`, default 2 days):
    ///     a server asking for a month gets `cap`.
    public static func until(_ value: String?, now: Timestamp, cap: Int64 = 2 * 86_400) -> Timestamp? {
        guard let raw = value?.trimmingHTTPWhitespace, !raw.isEmpty else { return nil }
        let limit = Timestamp(seconds: now.seconds + max(0, cap))
        if raw.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            // Digits only. Absurdly long numbers overflow Int64: they exceed any cap anyway.
            guard let seconds = Int64(raw) else { return limit }
            guard seconds > 0 else { return nil }
            return min(Timestamp(seconds: now.seconds + min(seconds, cap)), limit)
        }
        guard let date = HTTPDate.parse(raw), date > now else { return nil }
        return min(date, limit)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (RFC 9110 §5.6.3 optional whitespace), as
    /// header values are compared.
    public var trimmingHTTPWhitespace: String {
        guard let start = firstIndex(where: { $0 != " " && $0 != "\t" }),
              let end = lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(self[start...end])
    }
}
