extension SourceState {
    /// The state's columns in the stores' `sources` table (SQLite and PostgreSQL), in the order
    /// both read and write them.
    public static let storedColumns = """
        name, etag, last_modified, validators_url, moved_to, moved_from, last_attempt, last_success,
        last_status, last_error, last_http_status, consecutive_failures, next_due, retry_after_until,
        disabled_reason, disabled_fingerprint, items_delivered, feed_length, polls, not_modified,
        last_duration, feed_title, feed_link, backoff_until, disabled_at, moved_reason, document_version,
        items_filtered
        """
}
