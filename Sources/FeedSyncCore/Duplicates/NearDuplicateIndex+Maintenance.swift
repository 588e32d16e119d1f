/// Expiry and persistence.
extension NearDuplicateIndex {
    /// Drops records older than the window at `now`, and returns how many. Memory is compacted only
    /// when at least a tenth of the records expired (lookups ignore expired records anyway), so calling
    /// this after every sync costs one pass over the times.
    @discardableResult
    public mutating func removeExpired(now: Timestamp) -> Int {
        let cutoff = now.seconds - windowSeconds
        let expired = times.reduce(0) { $0 + ($1 < cutoff ? 1 : 0) }
        guard expired > 0, expired * 10 >= times.count else { return 0 }
        let live = records().filter { $0.time.seconds >= cutoff }
        self = NearDuplicateIndex(records: live, maxDistance: maxDistance, windowSeconds: windowSeconds)
        return expired
    }

    /// Every record held, in insertion order (for persistence or inspection).
    public func records() -> [DuplicateRecord] { (0..<count).map(record(at:)) }

    /// Bytes the index's arrays hold (capacity, not just count), for status output and the benchmark.
    public var memoryBytes: Int {
        var total = fingerprints.capacity * 8 + times.capacity * 8 + sourceOfSlot.capacity * 4 + idEnds.capacity * 4
            + idBytes.capacity + probeMasks.capacity * 2
        for table in tables {
            total += table.offsets.capacity * 4 + table.fingerprints.capacity * 8 + table.slots.capacity * 4
        }
        return total + sourceNames.reduce(0) { $0 + $1.utf8.count + 32 } * 2
    }
}
