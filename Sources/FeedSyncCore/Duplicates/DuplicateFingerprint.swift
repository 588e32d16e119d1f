/// The near-duplicate fingerprint of an item: a 64-bit SimHash of its words, designed on the labelled
/// pair set in `Tests/Data/dedup-pairs` (its README has the measurements behind each choice).
///
/// - Items with text: word pairs (2-shingles) of the first `leadWords` words of the text, the i-th pair
///   weighted `1 / (1 + i / leadHalfLife)`, words cut to their first `stemLength` letters. Outlets
///   republishing one story keep its lead and cut or extend the end; cutting words absorbs inflection
///   and some house spelling (`announced`/`announces`, `organisation`/`organization`). Headlines differ
///   between outlets more than leads do, so the title is left out.
/// - Short items (text under `shortTextWords` words, e.g. title-only items from HTML lists): the set of
///   content words of title and text together, without stopwords and the labels outlets put on
///   headlines (`UPDATE:`, `LIVE`, `- report`). Word pairs would make one changed word cost too much
///   in a six-word headline (`Russia, Ukraine ...` against `Russia and Ukraine ...`).
/// - Items with fewer than `minimumWords` content words get no fingerprint: too little to tell
///   stories apart.
public enum DuplicateFingerprint {
    /// How many words of the text are read.
    public static let leadWords = 80
    /// The shingle at word i weighs 1 / (1 + i / leadHalfLife).
    public static let leadHalfLife = 40.0
    /// Words per shingle for items with text.
    public static let shingleSize = 2
    /// Words are cut to this many letters.
    public static let stemLength = 6
    /// Texts shorter than this are short items (content words of title and text).
    public static let shortTextWords = 20
    /// Short items with fewer content words than this get no fingerprint.
    public static let minimumWords = 3

    /// Very common English words and headline labels that carry no story (short items only).
    static let stopwords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is",
        "was", "were", "be", "been", "are", "that", "this", "it", "its", "he", "she", "they", "his", "her",
        "their", "said", "says", "will", "would", "has", "have", "had", "not", "but", "who", "which", "than",
        "update", "updated", "breaki", "live", "watch", "video", "exclus", "report", "analys", "opinio",
        "photos", "news",
    ]

    /// Stopwords packed as `packed` packs a word, for the byte path.
    private static let packedStopwords: Set<UInt64> = Set(stopwords.compactMap { word in
        Array(word.utf8).withUnsafeBufferPointer { packed($0[...]) }
    })

    /// An ASCII word of at most 7 bytes as one integer (bytes and length), or nil.
    @inline(__always)
    private static func packed(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard word.count <= 7 else { return nil }
        var v = UInt64(word.count)
        for b in word {
            guard b < 0x80 else { return nil }
            v = v << 8 | UInt64(b)
        }
        return v
    }

    /// The first `stemLength` scalars of a word's bytes.
    @inline(__always)
    private static func stem(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var scalars = 0
        var i = word.startIndex
        while i < word.endIndex {
            if word.base[i] & 0xC0 != 0x80 {
                if scalars == stemLength { return word.base[word.startIndex..<i] }
                scalars += 1
            }
            i += 1
        }
        return word
    }

    @inline(__always)
    private static func fnv1a(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
        var h = FeatureHash.offsetBasis
        for b in bytes { h = (h ^ UInt64(b)) &* FeatureHash.prime }
        return h
    }

    /// The fingerprint of an item, or nil when it has too few words to be compared.
    public static func make(title: String?, text: String?) -> UInt64? {
        var textWords = WordBuffer()
        TextNormalizer.scan(text ?? "", limit: leadWords, stripDateline: true, into: &textWords)
        var hash = SimHash()
        if textWords.count >= shortTextWords {
            textWords.bytes.withUnsafeBufferPointer { p in
                var previous = fnv1a(stem(p[textWords.range(0)]))
                for i in 1..<textWords.count {
                    let current = fnv1a(stem(p[textWords.range(i)]))
                    hash.add(hash: FeatureHash.combine(previous, current), weight: 1 / (1 + Double(i - 1) / leadHalfLife))
                    previous = current
                }
            }
            return hash.fingerprint
        }
        var titleWords = WordBuffer()
        TextNormalizer.scan(title ?? "", into: &titleWords)
        // Distinct content words. ASCII stems (at most 6 bytes) are compared packed; a non-ASCII
        // one is compared as a `String`, whose equality is canonical equivalence (a Hangul
        // syllable equals its jamo), as it always was.
        var packedWords = Set<UInt64>()
        var otherWords = Set<String>()
        var features: [UInt64] = []
        for buffer in [titleWords, textWords] {
            buffer.bytes.withUnsafeBufferPointer { p in
                for i in 0..<buffer.count {
                    let word = stem(p[buffer.range(i)])
                    if let key = packed(word) {
                        if !packedStopwords.contains(key), packedWords.insert(key).inserted { features.append(fnv1a(word)) }
                    } else {
                        let s = String(decoding: word, as: UTF8.self)
                        if !stopwords.contains(s), otherWords.insert(s).inserted { features.append(fnv1a(word)) }
                    }
                }
            }
        }
        guard features.count >= minimumWords else { return nil }
        for feature in features { hash.add(hash: FeatureHash.mix(feature), weight: 1) }
        return hash.fingerprint
    }
}
