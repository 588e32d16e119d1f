import FeedSyncCore
import Foundation
import Testing

@Suite("SimHash fingerprints")
struct DuplicateFingerprintTests {
    static let story = """
    The Korva rail tunnel reopened on Sunday after a two-year repair that cost 420 million euros, restoring the \
    fastest link between the capital and the northern coast. The tunnel was closed after a landslide damaged its \
    southern entrance and cracked the lining in several places.
    """

    @Test func fnv1aMatchesTheReferenceVectors() {
        #expect(FeatureHash.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(FeatureHash.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FeatureHash.fnv1a("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func fingerprintIsStableAcrossRuns() {
        // Persisted fingerprints must never change with the process: pin one.
        #expect(DuplicateFingerprint.make(title: nil, text: Self.story) == 0x9b88_a928_340a_dbde)
    }

    @Test func identicalStoriesHaveIdenticalFingerprints() {
        #expect(DuplicateFingerprint.make(title: "A", text: Self.story) == DuplicateFingerprint.make(title: "B", text: Self.story))
    }

    @Test func datelineAndHouseStyleDoNotMatterMuch() throws {
        let a = try #require(DuplicateFingerprint.make(title: nil, text: Self.story))
        let rewritten = "KORVA (Reuters) - " + Self.story.replacingOccurrences(of: "420 million euros", with: "420 million euros ($450 million)")
        let b = try #require(DuplicateFingerprint.make(title: nil, text: rewritten))
        #expect(SimHash.distance(a, b) <= NearDuplicateIndex.defaultMaxDistance)
    }

    @Test func differentStoriesAreFarApart() throws {
        let other = """
        Forecasters issued a red warning on Thursday for the western coast as Storm Ida approached, with gusts of \
        up to 140 km/h expected overnight. The national weather service said the storm posed a danger to life.
        """
        let a = try #require(DuplicateFingerprint.make(title: nil, text: Self.story))
        let b = try #require(DuplicateFingerprint.make(title: nil, text: other))
        #expect(SimHash.distance(a, b) > NearDuplicateIndex.defaultMaxDistance)
    }

    @Test func titleOnlyItemsWithCosmeticDifferencesMatch() throws {
        let a = try #require(DuplicateFingerprint.make(title: "Russia, Ukraine announce fresh prisoner swap", text: nil))
        let b = try #require(DuplicateFingerprint.make(title: "RUSSIA, UKRAINE ANNOUNCE FRESH PRISONER SWAP", text: ""))
        #expect(a == b)
    }

    @Test func itemsWithTooFewWordsHaveNoFingerprint() {
        #expect(DuplicateFingerprint.make(title: "Update", text: nil) == nil)
        #expect(DuplicateFingerprint.make(title: "Live: day 3", text: "") == nil)
        #expect(DuplicateFingerprint.make(title: nil, text: nil) == nil)
    }

    @Test func simHashDistanceCountsDifferingBits() {
        #expect(SimHash.distance(0, 0) == 0)
        #expect(SimHash.distance(0b1011, 0b0001) == 2)
        #expect(SimHash.distance(0, .max) == 64)
    }
}
