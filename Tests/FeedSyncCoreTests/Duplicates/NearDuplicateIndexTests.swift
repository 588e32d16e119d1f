import FeedSyncCore
import Testing

@Suite("Near-duplicate index")
struct NearDuplicateIndexTests {
    static let now = Timestamp(seconds: 1_751_600_000)

    func record(_ id: String, _ fp: UInt64, source: String = "s", age: Int64 = 0) -> DuplicateRecord {
        DuplicateRecord(id: id, source: source, fingerprint: fp, time: Timestamp(seconds: Self.now.seconds - age))
    }

    /// A fingerprint `bits` bits away from `fp`, flipping bits spread over all four 16-bit tables.
    func flip(_ fp: UInt64, bits: Int, seed: Int = 0) -> UInt64 {
        var out = fp
        for i in 0..<bits { out ^= 1 << UInt64((i * 17 + seed * 5) % 64) }
        return out
    }

    @Test(arguments: [3, NearDuplicateIndex.defaultMaxDistance, 15])
    func findsExactlyTheFingerprintsWithinTheThreshold(k: Int) {
        var generator = SeededRandom(state: 42)
        var index = NearDuplicateIndex(maxDistance: k)
        var stored: [UInt64] = []
        for i in 0..<20_000 {
            let fp = generator.next()
            stored.append(fp)
            index.insert(record("r\(i)", fp))
        }
        // Queries near stored fingerprints (distances 0...20) and random ones.
        for q in 0..<300 {
            let query = q % 3 == 0 ? generator.next() : flip(stored[q * 37 % stored.count], bits: q % (k + 6), seed: q)
            let expected = Set(stored.indices.filter { SimHash.distance(stored[$0], query) <= k }.map { "r\($0)" })
            let found = index.matches(for: query, now: Self.now).map(\.record.id)
            #expect(Set(found) == expected, "k \(k) query \(q)")
            #expect(found.count == Set(found).count, "no record reported twice")
        }
    }

    @Test func smallThresholdUsesExactBands() {
        var index = NearDuplicateIndex(maxDistance: 3)
        index.insert(record("a", 0xFFFF_0000_FFFF_0000))
        #expect(index.matches(for: flip(0xFFFF_0000_FFFF_0000, bits: 3), now: Self.now).count == 1)
        #expect(index.matches(for: flip(0xFFFF_0000_FFFF_0000, bits: 4), now: Self.now).isEmpty)
    }

    @Test func firstCopyIsTheEarliestFromAnotherSource() {
        var index = NearDuplicateIndex()
        index.insert(record("late", 0xABCD, source: "b", age: 100))
        index.insert(record("early", 0xABCF, source: "a", age: 5000))
        index.insert(record("mine", 0xABCD, source: "c", age: 9000))
        let first = index.firstCopy(of: 0xABCD, excludingSource: "c", now: Self.now)
        #expect(first?.record.id == "early")
        #expect(first?.record.source == "a")
        #expect(first?.distance == 1)
        #expect(index.firstCopy(of: 0xABCD, now: Self.now)?.record.id == "mine")
    }

    @Test func matchesAreEarliestFirst() {
        var index = NearDuplicateIndex()
        index.insert(record("new", 7, age: 10))
        index.insert(record("old", 7, age: 20))
        #expect(index.matches(for: 7, now: Self.now).map(\.record.id) == ["old", "new"])
    }

    @Test func recordsOutsideTheWindowAreNotMatched() {
        var index = NearDuplicateIndex(windowSeconds: 3 * 86_400)
        index.insert(record("stale", 99, age: 3 * 86_400 + 1))
        index.insert(record("fresh", 99, age: 3 * 86_400))
        #expect(index.matches(for: 99, now: Self.now).map(\.record.id) == ["fresh"])
    }

    @Test func removeExpiredDropsOldRecordsAndKeepsTheRestFindable() {
        var index = NearDuplicateIndex(windowSeconds: 1000)
        for i in 0..<10 { index.insert(record("old\(i)", UInt64(i) << 40, age: 2000)) }
        index.insert(record("kept", 0x1234_5678, source: "x", age: 10))
        #expect(index.removeExpired(now: Self.now) == 10)
        #expect(index.count == 1)
        #expect(index.firstCopy(of: 0x1234_5678, now: Self.now)?.record ==
                DuplicateRecord(id: "kept", source: "x", fingerprint: 0x1234_5678, time: Timestamp(seconds: Self.now.seconds - 10)))
    }

    @Test func recordsRoundTripThroughPlainValues() {
        var index = NearDuplicateIndex()
        let records = [record("é-1", 0x8000_0000_0000_0001, source: "one", age: 3),
                       record("2", 42, source: "two", age: 2)]
        for r in records { index.insert(r) }
        #expect(index.records() == records)
        let stored = records.map { ($0.id, $0.source, $0.storedFingerprint, $0.time) }
        #expect(stored[0].2 < 0, "the high bit survives as a negative SQLite INTEGER")
        let restored = NearDuplicateIndex(records: stored.map {
            DuplicateRecord(id: $0.0, source: $0.1, storedFingerprint: $0.2, time: $0.3)
        })
        #expect(restored.records() == records)
        #expect(restored.firstCopy(of: 0x8000_0000_0000_0001, now: Self.now)?.record.id == "é-1")
    }
}
