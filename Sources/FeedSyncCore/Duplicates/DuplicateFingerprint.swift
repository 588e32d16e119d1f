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

    private static func stem(_ word: String) -> String {
        word.unicodeScalars.count <= stemLength ? word : String(String.UnicodeScalarView(word.unicodeScalars.prefix(stemLength)))
    }

    /// The fingerprint of an item, or nil when it has too few words to be compared.
    public static func make(title: String?, text: String?) -> UInt64? {
        let textWords = TextNormalizer.words(text ?? "", limit: leadWords, stripDateline: true).map(stem)
        var hash = SimHash()
        if textWords.count >= shortTextWords {
            let hashes = textWords.map(FeatureHash.fnv1a)
            for i in 0...(hashes.count - shingleSize) {
                hash.add(hash: FeatureHash.combine(hashes[i..<(i + shingleSize)]),
                         weight: 1 / (1 + Double(i) / leadHalfLife))
            }
            return hash.fingerprint
        }
        let words = Set((TextNormalizer.words(title ?? "").map(stem) + textWords).filter { !stopwords.contains($0) })
        guard words.count >= minimumWords else { return nil }
        for word in words { hash.add(hash: FeatureHash.mix(FeatureHash.fnv1a(word)), weight: 1) }
        return hash.fingerprint
    }
}
