import FeedSyncCore
import Testing

/// The seed page's stories delivered by several sources, the way the sync engine uses the API:
/// fingerprint, ask for a first copy from another source, then remember the delivered item.
@Suite("Near-duplicates across sources")
struct DuplicateDeliveryTests {
    struct Delivery {
        var id: String
        var source: String
        var item: LabelledPair.Item
    }

    /// Delivers in order and returns `duplicate_of` (id, source) per delivery.
    func deliver(_ deliveries: [Delivery]) -> [String?] {
        var index = NearDuplicateIndex()
        var now = Timestamp(seconds: 1_751_600_000)
        return deliveries.map { d in
            now.seconds += 60
            guard let fp = DuplicateFingerprint.make(title: d.item.title, text: d.item.text) else { return nil }
            let first = index.firstCopy(of: fp, excludingSource: d.source, now: now)
            index.insert(DuplicateRecord(id: d.id, source: d.source, fingerprint: fp, time: now))
            return first.map { "\($0.record.id)@\($0.record.source)" }
        }
    }

    func seed() throws -> (swapArabNews: LabelledPair.Item, swapAlArabiya: LabelledPair.Item,
                           hamas: LabelledPair.Item, putin: LabelledPair.Item) {
        let pairs = try LabelledPair.load()
        let swap = try #require(pairs.first { $0.id == "seed-001" })
        let other = try #require(pairs.first { $0.id == "seed-003" })
        return (swap.a, swap.b, other.a, other.b)
    }

    @Test func secondOutletsCopyOfTheSwapStoryPointsAtTheFirst() throws {
        let s = try seed()
        let marks = deliver([Delivery(id: "an-1", source: "arabnews", item: s.swapArabNews),
                             Delivery(id: "aa-1", source: "alarabiya", item: s.swapAlArabiya)])
        #expect(marks == [nil, "an-1@arabnews"])
    }

    @Test func otherStoriesOfTheSeedPageAreNotMarked() throws {
        let s = try seed()
        let marks = deliver([Delivery(id: "an-1", source: "arabnews", item: s.swapArabNews),
                             Delivery(id: "aw-1", source: "asharq", item: s.hamas),
                             Delivery(id: "an-2", source: "arabnews-world", item: s.putin)])
        #expect(marks == [nil, nil, nil])
    }

    @Test func aSourceRepeatingItsOwnStoryIsNotACrossSourceDuplicate() throws {
        let s = try seed()
        let marks = deliver([Delivery(id: "an-1", source: "arabnews", item: s.swapArabNews),
                             Delivery(id: "an-9", source: "arabnews", item: s.swapAlArabiya)])
        #expect(marks == [nil, nil])
    }
}
