import FeedSyncCore
import Foundation
import Testing

/// One labelled pair of `Tests/Data/dedup-pairs/pairs.jsonl`.
struct LabelledPair: Decodable {
    struct Item: Decodable { var title: String; var text: String }
    var id: String
    var kind: String
    var label: String
    var a: Item
    var b: Item

    var isDuplicate: Bool { label == "duplicate" }

    /// Hamming distance of the two fingerprints, nil when either item has none.
    var distance: Int? {
        guard let fa = DuplicateFingerprint.make(title: a.title, text: a.text),
              let fb = DuplicateFingerprint.make(title: b.title, text: b.text) else { return nil }
        return SimHash.distance(fa, fb)
    }

    static func load() throws -> [LabelledPair] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data/dedup-pairs/pairs.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(LabelledPair.self, from: Data($0.utf8)) }
    }
}

@Suite("Near-duplicates on the labelled pair set")
struct DuplicatePairSetTests {
    let pairs: [LabelledPair]

    init() throws { pairs = try LabelledPair.load() }

    @Test func theSetHasAtLeast200PairsOfBothLabels() {
        #expect(pairs.count >= 200)
        #expect(pairs.filter(\.isDuplicate).count >= 100)
        #expect(pairs.filter { !$0.isDuplicate }.count >= 100)
    }

    @Test func precisionAndRecallAtTheDefaultThresholdMeetTheTargets() {
        let k = NearDuplicateIndex.defaultMaxDistance
        var tp = 0, fp = 0, fn = 0, tn = 0
        for pair in pairs {
            let predicted = pair.distance.map { $0 <= k } ?? false
            switch (predicted, pair.isDuplicate) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, true): fn += 1
            case (false, false): tn += 1
            }
        }
        let precision = Double(tp) / Double(max(1, tp + fp))
        let recall = Double(tp) / Double(max(1, tp + fn))
        print("dedup pair set: \(pairs.count) pairs, threshold \(k) bits: precision \(precision), recall \(recall) (tp \(tp) fp \(fp) fn \(fn) tn \(tn))")
        for kind in Set(pairs.map(\.kind)).sorted() {
            for label in ["duplicate", "distinct"] {
                let d = pairs.filter { $0.kind == kind && $0.label == label }.compactMap(\.distance).sorted()
                guard let lo = d.first, let hi = d.last else { continue }
                print("  \(kind) \(label): n=\(d.count) min=\(lo) median=\(d[d.count / 2]) max=\(hi)")
            }
        }
        for t in 0...20 {
            let pos = pairs.filter(\.isDuplicate).compactMap(\.distance)
            let neg = pairs.filter { !$0.isDuplicate }.compactMap(\.distance)
            print("  k=\(t): recall \(Double(pos.filter { $0 <= t }.count) / Double(pos.count)) false positives \(neg.filter { $0 <= t }.count)")
        }
        print("  missed: \(pairs.filter { $0.isDuplicate && !($0.distance.map { $0 <= k } ?? false) }.map { "\($0.id)=\($0.distance ?? -1)" })")
        #expect(precision >= 0.95)
        #expect(recall >= 0.9)
    }

    @Test func everyPairGetsAFingerprint() {
        #expect(pairs.filter { $0.distance == nil }.map(\.id) == [])
    }

    @Test func seedPrisonerSwapCopiesAreDuplicates() throws {
        let seed = pairs.filter { $0.kind == "seed" && $0.isDuplicate }
        #expect(seed.count == 2)
        for pair in seed {
            let d = try #require(pair.distance)
            #expect(d <= NearDuplicateIndex.defaultMaxDistance, "\(pair.id): \(d) bits")
        }
    }

    @Test func seedHamasAndPutinStoriesAreNotDuplicates() throws {
        let seed = pairs.filter { $0.kind == "seed" && !$0.isDuplicate }
        #expect(seed.count == 4)
        for pair in seed {
            let d = try #require(pair.distance)
            #expect(d > NearDuplicateIndex.defaultMaxDistance, "\(pair.id): \(d) bits")
        }
    }
}
