/// One delivered item as near-duplicate detection remembers it: plain values, so the state store can
/// keep them in a table (`id TEXT, source TEXT, fingerprint INTEGER, time INTEGER`) and hand them back
/// to `NearDuplicateIndex(records:)` at start-up.
public struct DuplicateRecord: Sendable, Hashable {
    /// The item key (the spool's `id`).
    public var id: String
    /// The source name.
    public var source: String
    /// `DuplicateFingerprint.make(title:text:)` of the item.
    public var fingerprint: UInt64
    /// When the item was delivered; the record expires `window` after it.
    public var time: Timestamp

    /// A record of an item delivered at `time`.
    public init(id: String, source: String, fingerprint: UInt64, time: Timestamp) {
        self.id = id; self.source = source; self.fingerprint = fingerprint; self.time = time
    }

    /// The fingerprint as SQLite's signed 64-bit INTEGER stores it (same bits).
    public var storedFingerprint: Int64 { Int64(bitPattern: fingerprint) }

    /// A record read back from SQLite's signed INTEGER column.
    public init(id: String, source: String, storedFingerprint: Int64, time: Timestamp) {
        self.init(id: id, source: source, fingerprint: UInt64(bitPattern: storedFingerprint), time: time)
    }
}

/// A remembered item within `maxDistance` of a looked-up fingerprint.
public struct DuplicateMatch: Sendable, Hashable {
    /// The remembered item.
    public var record: DuplicateRecord
    /// Hamming distance between the two fingerprints.
    public var distance: Int

    /// A match at `distance` bits.
    public init(record: DuplicateRecord, distance: Int) {
        self.record = record; self.distance = distance
    }
}
