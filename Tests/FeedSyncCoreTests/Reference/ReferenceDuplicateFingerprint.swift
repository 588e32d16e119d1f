@testable import FeedSyncCore

// Reference implementation for the differential tests (DifferentialTests.swift): the production code as
// it was before the core moved to UTF-8 bytes (Character and Unicode-scalar based), kept verbatim but
// for its name. The byte implementation must give byte-for-byte the same output on every input.
/// The near-duplicate fingerprint on `String` words (see `DuplicateFingerprint` for the rules).
enum ReferenceDuplicateFingerprint {
    // The tuning constants and stopwords are production's (unchanged by the byte rewrite).
    static let leadWords = DuplicateFingerprint.leadWords, leadHalfLife = DuplicateFingerprint.leadHalfLife
    static let shingleSize = DuplicateFingerprint.shingleSize, stemLength = DuplicateFingerprint.stemLength
    static let shortTextWords = DuplicateFingerprint.shortTextWords, minimumWords = DuplicateFingerprint.minimumWords
    static let stopwords = DuplicateFingerprint.stopwords

    private static func stem(_ word: String) -> String {
        word.unicodeScalars.count <= stemLength ? word : String(String.UnicodeScalarView(word.unicodeScalars.prefix(stemLength)))
    }

    /// The fingerprint of an item, or nil when it has too few words to be compared.
    static func make(title: String?, text: String?) -> UInt64? {
        let textWords = ReferenceTextNormalizer.words(text ?? "", limit: leadWords, stripDateline: true).map(stem)
        var hash = ReferenceSimHash()
        if textWords.count >= shortTextWords {
            let hashes = textWords.map(FeatureHash.fnv1a)
            for i in 0...(hashes.count - shingleSize) {
                hash.add(hash: FeatureHash.combine(hashes[i..<(i + shingleSize)]),
                         weight: 1 / (1 + Double(i) / leadHalfLife))
            }
            return hash.fingerprint
        }
        let words = Set((ReferenceTextNormalizer.words(title ?? "").map(stem) + textWords).filter { !stopwords.contains($0) })
        guard words.count >= minimumWords else { return nil }
        for word in words { hash.add(hash: FeatureHash.mix(FeatureHash.fnv1a(word)), weight: 1) }
        return hash.fingerprint
    }
}
