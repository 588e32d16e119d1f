/// Versioned schema migrations, applied in order inside one transaction each; `PRAGMA user_version`
/// records the last one applied. Never edit a shipped migration: add a new one.
enum Migrations {
    static let all: [String] = [
        // 1: sources, items (with tombstones), delivery intents, near-duplicate fingerprints.
        """
        CREATE TABLE sources (
            name TEXT PRIMARY KEY,
            etag TEXT, last_modified TEXT, validators_url TEXT,
            moved_to TEXT, moved_from TEXT,
            last_attempt INTEGER, last_success INTEGER, last_status TEXT, last_error TEXT, last_http_status INTEGER,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_due INTEGER, retry_after_until INTEGER,
            disabled_reason TEXT, disabled_fingerprint TEXT,
            items_delivered INTEGER NOT NULL DEFAULT 0,
            feed_length INTEGER NOT NULL DEFAULT 0,
            polls INTEGER NOT NULL DEFAULT 0, not_modified INTEGER NOT NULL DEFAULT 0,
            last_duration REAL, feed_title TEXT, feed_link TEXT
        );
        CREATE TABLE items (
            source TEXT NOT NULL, key TEXT NOT NULL,
            link_canonical TEXT, title_date TEXT, content_hash TEXT NOT NULL,
            first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, file TEXT,
            PRIMARY KEY (source, key)
        ) WITHOUT ROWID;
        CREATE INDEX items_by_link ON items (source, link_canonical) WHERE link_canonical IS NOT NULL;
        CREATE INDEX items_by_title_date ON items (source, title_date) WHERE title_date IS NOT NULL;
        CREATE INDEX items_by_last_seen ON items (source, last_seen);
        CREATE TABLE intents (
            file TEXT PRIMARY KEY, source TEXT NOT NULL, key TEXT NOT NULL,
            link_canonical TEXT, title_date TEXT, content_hash TEXT NOT NULL, first_seen INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE fingerprints (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, fingerprint INTEGER NOT NULL, time INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX fingerprints_by_time ON fingerprints (time);
        """,
        // 2: the politeness schedule's backoff deadline and the time a source was disabled.
        """
        ALTER TABLE sources ADD COLUMN backoff_until INTEGER;
        ALTER TABLE sources ADD COLUMN disabled_at INTEGER;
        """,
        // 3: watched pages' last text (for change diffs) and why a source polls another URL.
        """
        CREATE TABLE page_texts (
            source TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (source, key)
        ) WITHOUT ROWID;
        ALTER TABLE sources ADD COLUMN moved_reason TEXT;
        """,
        // 4: HTML sources' learned-boilerplate counters (hashes of short lines, never the text).
        """
        CREATE TABLE boilerplate_lines (
            source TEXT NOT NULL, hash TEXT NOT NULL, first_item TEXT NOT NULL,
            items INTEGER NOT NULL, occurrences INTEGER NOT NULL, last_seen INTEGER NOT NULL,
            PRIMARY KEY (source, hash)
        ) WITHOUT ROWID;
        """,
        // 5: the redo protocol's pending publications (files committed as delivered, renamed into
        // new/ after the commit), small named values (the last spool name issued), and the
        // version of the last document a source served (a feed that turns into an HTML page fails).
        """
        CREATE TABLE publications (file TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        ALTER TABLE sources ADD COLUMN document_version TEXT;
        ALTER TABLE sources ADD COLUMN items_filtered INTEGER NOT NULL DEFAULT 0;
        """,
    ]
}
