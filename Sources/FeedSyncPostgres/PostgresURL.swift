import FeedSyncCore

/// Keeps database passwords out of logs and messages.
public enum PostgresURL {
    /// The URL without user-info (`URLRedaction`) and without a `password=` query parameter, which
    /// libpq's URLs also accept.
    public static func redact(_ url: String) -> String {
        let plain = URLRedaction.redact(url)
        guard let q = plain.firstIndex(of: "?") else { return plain }
        let params = plain[plain.index(after: q)...].split(separator: "&").map { p in
            p.lowercased().hasPrefix("password=") ? "password=REDACTED" : String(p)
        }
        return String(plain[..<q]) + "?" + params.joined(separator: "&")
    }
}
