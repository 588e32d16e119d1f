/// Cross-source near-duplicates as one batch's plans see them: the index of items delivered within
/// `duplicate_window`, plus the new items planned earlier in the same batch (not yet committed).
public struct DuplicateView: Sendable {
    public private(set) var index: NearDuplicateIndex
    /// Fingerprints planned in the current batch, and (for a scan that reads only integers) their
    /// fingerprints alone.
    private var pending: [DuplicateRecord] = []
    private var pendingFingerprints: [UInt64] = []

    public init(index: NearDuplicateIndex) { self.index = index }

    /// The first delivered (or earlier planned) copy of the story from another source, if any;
    /// then remembers `record` as planned.
    public mutating func firstCopy(of record: DuplicateRecord, now: Timestamp) -> DuplicateRecord? {
        defer { pending.append(record); pendingFingerprints.append(record.fingerprint) }
        if let hit = index.firstCopy(of: record.fingerprint, excludingSource: record.source, now: now) { return hit.record }
        let fingerprint = record.fingerprint, maxDistance = index.maxDistance
        for (i, other) in pendingFingerprints.enumerated()
        where (other ^ fingerprint).nonzeroBitCount <= maxDistance && pending[i].source != record.source {
            return pending[i]
        }
        return nil
    }

    /// Records another process committed (a shared state): they join the index as delivered.
    public mutating func learn(_ records: [DuplicateRecord]) {
        for f in records { index.insert(f) }
    }

    /// The batch is over: its committed fingerprints join the index; planned ones are forgotten.
    /// Returns how many records expired from the index.
    public mutating func endBatch(committed: [DuplicateRecord], now: Timestamp) -> Int {
        pending.removeAll()
        pendingFingerprints.removeAll()
        for f in committed { index.insert(f) }
        return index.removeExpired(now: now)
    }
}
