import FeedSyncCore

/// Parses the date formats feeds use (RFC 822/1123 and variants, RFC 3339/W3CDTF, ...).
public enum DateParser {
    /// Returns nil for anything unparseable: a missing date is absent, never "now".
    public static func parse(_ string: String) -> Timestamp? { nil }
}
