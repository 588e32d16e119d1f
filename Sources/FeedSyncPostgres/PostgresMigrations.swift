/// Versioned schema migrations of the shared PostgreSQL state, applied in order, each in its own
/// transaction under an advisory lock (several nodes may start at once); `schema_migrations` records
/// each one applied. Never edit a shipped migration: add a new one.
enum PostgresMigrations {
    /// `pg_advisory_xact_lock` key that serializes migrations across nodes ("feedsync" in ASCII).
    static let lockKey: Int64 = 0x6665_6564_7379_6E63

    static let all: [String] = [
        // 1: the SQLite schema 5, plus what several nodes need: work leases on sources, the
        // delivery arbiter, per-node publications and spool names, nodes' heartbeats, and the
        // cluster's per-host start times.
        """
        CREATE TABLE sources (
            name TEXT PRIMARY KEY,
            etag TEXT, last_modified TEXT, validators_url TEXT, moved_to TEXT, moved_from TEXT,
            last_attempt BIGINT, last_success BIGINT, last_status TEXT, last_error TEXT, last_http_status INTEGER,
            consecutive_failures INTEGER NOT NULL DEFAULT 0, next_due BIGINT, retry_after_until BIGINT,
            disabled_reason TEXT, disabled_fingerprint TEXT, items_delivered BIGINT NOT NULL DEFAULT 0,
            feed_length INTEGER NOT NULL DEFAULT 0, polls BIGINT NOT NULL DEFAULT 0,
            not_modified BIGINT NOT NULL DEFAULT 0, last_duration DOUBLE PRECISION, feed_title TEXT,
            feed_link TEXT, backoff_until BIGINT, disabled_at BIGINT, moved_reason TEXT,
            document_version TEXT, items_filtered BIGINT NOT NULL DEFAULT 0,
            leased_by TEXT, lease_until DOUBLE PRECISION
        );
        CREATE TABLE items (
            source TEXT NOT NULL, key TEXT NOT NULL, link_canonical TEXT, title_date TEXT,
            content_hash TEXT NOT NULL, first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, file TEXT,
            revision BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (source, key)
        );
        CREATE INDEX items_by_link ON items (source, link_canonical) WHERE link_canonical IS NOT NULL;
        CREATE INDEX items_by_title_date ON items (source, title_date) WHERE title_date IS NOT NULL;
        CREATE INDEX items_by_last_seen ON items (source, last_seen);
        CREATE TABLE deliveries (
            source TEXT NOT NULL, key TEXT NOT NULL, revision BIGINT NOT NULL,
            node TEXT NOT NULL, file TEXT NOT NULL, time BIGINT NOT NULL,
            PRIMARY KEY (source, key, revision)
        );
        CREATE TABLE fingerprints (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, fingerprint BIGINT NOT NULL, time BIGINT NOT NULL,
            node TEXT NOT NULL DEFAULT '', seq BIGSERIAL
        );
        CREATE INDEX fingerprints_by_time ON fingerprints (time);
        CREATE INDEX fingerprints_by_seq ON fingerprints (seq);
        CREATE TABLE page_texts (source TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (source, key));
        CREATE TABLE boilerplate_lines (
            source TEXT NOT NULL, hash TEXT NOT NULL, first_item TEXT NOT NULL,
            items INTEGER NOT NULL, occurrences INTEGER NOT NULL, last_seen BIGINT NOT NULL,
            PRIMARY KEY (source, hash)
        );
        CREATE TABLE publications (node TEXT NOT NULL, file TEXT NOT NULL, PRIMARY KEY (node, file));
        CREATE TABLE node_meta (node TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (node, key));
        CREATE TABLE nodes (
            id TEXT PRIMARY KEY, pid INTEGER NOT NULL, version TEXT NOT NULL,
            started DOUBLE PRECISION NOT NULL, heartbeat DOUBLE PRECISION NOT NULL
        );
        CREATE TABLE host_starts (host TEXT PRIMARY KEY, next_at DOUBLE PRECISION NOT NULL);
        """,
    ]
}
