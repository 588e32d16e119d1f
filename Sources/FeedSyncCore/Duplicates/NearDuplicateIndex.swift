/// Remembers the fingerprints of delivered items for a time window and finds those within Hamming
/// distance `maxDistance` of a new item's fingerprint, fast at a million items.
///
/// Multi-index hashing (Norouzi, Punjani and Fleet, "Fast search in Hamming space with multi-index
/// hashing", CVPR 2012): the 64 bits are split into m substrings of 64/m bits, each indexing its own
/// table. If two fingerprints differ in at most `k` bits, one of the m substrings differs in at most
/// `k / m` bits (pigeonhole), so a lookup probes, in each table, every bucket within that radius of the
/// query's substring and checks the full distance of what it finds there. With `k <= 3` and m = 4 this
/// is the classic "k + 1 bands, one must match". m (4...8) is chosen from `k` by a cost model measured
/// at a million records: a probe costs a few cache misses, a candidate a sequential read. For the
/// default k = 9: 5 tables of 13/12 bits, radius 1, 70 probes and about 8,500 candidates per lookup.
///
/// Layout: each table is frozen in compressed form (bucket offsets plus fingerprints and slots sorted by
/// bucket, so a probe reads one contiguous run); records added since the last freeze are checked by a
/// linear scan and frozen in once they exceed `max(2048, count / 64)`, which keeps both the scan and
/// the amortized rebuild cost small.
///
/// A value type: keep one in the actor that writes state. Expired records are skipped by lookups at
/// once and dropped from memory by `removeExpired(now:)`.
public struct NearDuplicateIndex: Sendable {
    /// The threshold, chosen from two measurements (Tests/Data/dedup-pairs/README.md). On the labelled
    /// pair set, 9 bits keep 0.95 of the rewritten copies (every one is within 12) while the nearest
    /// different story is 19 bits away. And unrelated 64-bit fingerprints fall within k bits of each
    /// other with probability sum(C(64, i), i <= k) / 2^64: for k = 9 that is 1.8e-9, i.e. 0.0018 chance
    /// matches per lookup at a million records (0.00018 at 100,000); k = 12 would give 0.23.
    public static let defaultMaxDistance = 9
    /// `duplicate_window` default: 3 days.
    public static let defaultWindowSeconds: Int64 = 3 * 86_400


    /// Fingerprints at most this far apart are duplicates.
    public let maxDistance: Int
    /// How long a record takes part in lookups after its time.
    public let windowSeconds: Int64

    // Records by slot (insertion order).
    var fingerprints: [UInt64] = []
    var times: [Int64] = []
    var sourceOfSlot: [UInt32] = []
    var idEnds: [UInt32] = []
    var idBytes: [UInt8] = []
    var sourceNames: [String] = []
    var sourceNumbers: [String: UInt32] = [:]

    /// Which bits each table indexes.
    let layout: [SubstringLayout]
    /// Per table, every key mask with at most `radius` bits set: the buckets a lookup probes.
    let probeMasks: [[UInt16]]
    /// `maxDistance / layout.count`.
    let radius: Int
    /// The frozen tables; slots `0..<frozenCount` are in them, later slots are scanned linearly.
    var tables: [FrozenTable] = []
    var frozenCount = 0

    /// An empty index. `maxDistance` 0...32 (the table layout is chosen from it); `windowSeconds` is
    /// `duplicate_window`.
    public init(maxDistance: Int = defaultMaxDistance, windowSeconds: Int64 = defaultWindowSeconds) {
        precondition((0...32).contains(maxDistance), "maxDistance must be 0...32")
        self.maxDistance = maxDistance
        self.windowSeconds = windowSeconds
        let layout = SubstringLayout.split(into: SubstringLayout.bestTableCount(maxDistance: maxDistance))
        let radius = maxDistance / layout.count
        self.layout = layout
        self.radius = radius
        probeMasks = layout.map { sub in
            (0..<(UInt32(1) << UInt32(sub.bits))).filter { $0.nonzeroBitCount <= radius }.map { UInt16($0) }
        }
    }

    /// An index holding `records` (e.g. read back from the state store at start-up).
    public init(records: some Sequence<DuplicateRecord>, maxDistance: Int = defaultMaxDistance,
                windowSeconds: Int64 = defaultWindowSeconds) {
        self.init(maxDistance: maxDistance, windowSeconds: windowSeconds)
        for r in records { append(r) }
        freeze()
    }

    /// Records held (expired ones included until `removeExpired` drops them).
    public var count: Int { fingerprints.count }

    /// Remembers one delivered item.
    public mutating func insert(_ record: DuplicateRecord) {
        append(record)
        if count - frozenCount > max(2048, count / 64) { freeze() }
    }

    /// Every record within `maxDistance` of `fingerprint` and inside the window at `now`, earliest first
    /// (ties: closest first, then insertion order).
    public func matches(for fingerprint: UInt64, now: Timestamp) -> [DuplicateMatch] {
        var found: [(slot: UInt32, distance: Int)] = []
        forEachMatch(fingerprint, now: now) { found.append(($0, $1)) }
        found.sort { a, b in
            let ta = times[Int(a.slot)], tb = times[Int(b.slot)]
            if ta != tb { return ta < tb }
            if a.distance != b.distance { return a.distance < b.distance }
            return a.slot < b.slot
        }
        return found.map { DuplicateMatch(record: record(at: Int($0.slot)), distance: $0.distance) }
    }

    /// The first copy of a story: the earliest record within `maxDistance` and the window, from a
    /// source other than `excludingSource` (nil considers every source). This is `duplicate_of`.
    public func firstCopy(of fingerprint: UInt64, excludingSource: String? = nil, now: Timestamp) -> DuplicateMatch? {
        let excluded = excludingSource.flatMap { sourceNumbers[$0] }
        var best: (slot: UInt32, distance: Int)?
        forEachMatch(fingerprint, now: now) { slot, distance in
            if let excluded, sourceOfSlot[Int(slot)] == excluded { return }
            guard let b = best else { best = (slot, distance); return }
            let t = times[Int(slot)], tb = times[Int(b.slot)]
            if t < tb || (t == tb && (distance < b.distance || (distance == b.distance && slot < b.slot))) {
                best = (slot, distance)
            }
        }
        return best.map { DuplicateMatch(record: record(at: Int($0.slot)), distance: $0.distance) }
    }

    /// Calls `body` once per live slot within `maxDistance`.
    private func forEachMatch(_ fingerprint: UInt64, now: Timestamp, _ body: (UInt32, Int) -> Void) {
        let cutoff = now.seconds - windowSeconds
        let radius = radius
        let k = maxDistance
        times.withUnsafeBufferPointer { ts in
            for t in 0..<tables.count {
                let key = layout[t].key(fingerprint)
                tables[t].offsets.withUnsafeBufferPointer { offsets in
                    tables[t].fingerprints.withUnsafeBufferPointer { fps in
                        tables[t].slots.withUnsafeBufferPointer { slots in
                            for mask in probeMasks[t] {
                                let bucket = Int(key ^ mask)
                                for i in Int(offsets[bucket])..<Int(offsets[bucket + 1]) {
                                    let candidate = fps[i]
                                    let distance = (candidate ^ fingerprint).nonzeroBitCount
                                    guard distance <= k, ts[Int(slots[i])] >= cutoff else { continue }
                                    // Report a record from the first table that can see it, so never twice.
                                    var seenEarlier = false
                                    for earlier in 0..<t where (layout[earlier].key(candidate)
                                        ^ layout[earlier].key(fingerprint)).nonzeroBitCount <= radius {
                                        seenEarlier = true
                                        break
                                    }
                                    if !seenEarlier { body(slots[i], distance) }
                                }
                            }
                        }
                    }
                }
            }
            fingerprints.withUnsafeBufferPointer { fps in
                for slot in frozenCount..<fps.count {
                    let distance = (fps[slot] ^ fingerprint).nonzeroBitCount
                    if distance <= k, ts[slot] >= cutoff { body(UInt32(slot), distance) }
                }
            }
        }
    }

    private mutating func append(_ record: DuplicateRecord) {
        fingerprints.append(record.fingerprint)
        times.append(record.time.seconds)
        sourceOfSlot.append(sourceNumber(record.source))
        idBytes.append(contentsOf: record.id.utf8)
        idEnds.append(UInt32(idBytes.count))
    }

    /// Rebuilds the frozen tables over every slot (a counting sort by bucket per table), reusing their
    /// storage: fresh arrays on every freeze would leave the allocator holding the old ones.
    mutating func freeze() {
        if tables.count != layout.count { tables = layout.map { _ in FrozenTable() } }
        for t in 0..<layout.count { tables[t].rebuild(from: fingerprints, layout: layout[t]) }
        frozenCount = fingerprints.count
    }

    func record(at slot: Int) -> DuplicateRecord {
        let start = slot == 0 ? 0 : Int(idEnds[slot - 1])
        let id = String(decoding: idBytes[start..<Int(idEnds[slot])], as: UTF8.self)
        return DuplicateRecord(id: id, source: sourceNames[Int(sourceOfSlot[slot])], fingerprint: fingerprints[slot],
                               time: Timestamp(seconds: times[slot]))
    }

    private mutating func sourceNumber(_ name: String) -> UInt32 {
        if let n = sourceNumbers[name] { return n }
        let n = UInt32(sourceNames.count)
        sourceNames.append(name)
        sourceNumbers[name] = n
        return n
    }
}

/// One table of the index in compressed form: `offsets[b]..<offsets[b + 1]` are bucket b's records.
struct FrozenTable: Sendable {
    var offsets: [UInt32] = []
    var fingerprints: [UInt64] = []
    var slots: [UInt32] = []

    /// Refills the table with every fingerprint, in place.
    mutating func rebuild(from all: [UInt64], layout: SubstringLayout) {
        let bucketCount = 1 << layout.bits
        offsets.removeAll(keepingCapacity: true)
        offsets.append(contentsOf: repeatElement(0, count: bucketCount + 1))
        for fp in all { offsets[Int(layout.key(fp)) + 1] += 1 }
        for b in 0..<bucketCount { offsets[b + 1] += offsets[b] }
        var next = Array(offsets.dropLast())
        if fingerprints.count < all.count {
            fingerprints.append(contentsOf: repeatElement(0, count: all.count - fingerprints.count))
            slots.append(contentsOf: repeatElement(0, count: all.count - slots.count))
        } else {
            fingerprints.removeLast(fingerprints.count - all.count)
            slots.removeLast(slots.count - all.count)
        }
        fingerprints.withUnsafeMutableBufferPointer { fps in
            slots.withUnsafeMutableBufferPointer { sl in
                for (slot, fp) in all.enumerated() {
                    let b = Int(layout.key(fp))
                    let i = Int(next[b])
                    fps[i] = fp
                    sl[i] = UInt32(slot)
                    next[b] += 1
                }
            }
        }
    }
}
