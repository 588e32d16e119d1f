@testable import FeedSyncCore
import Testing

@Suite("Text normalization for near-duplicates")
struct TextNormalizerTests {
    @Test func caseIsFoldedAndPunctuationRemoved() {
        #expect(TextNormalizer.words("Russia, Ukraine ANNOUNCE fresh (prisoner) swap!") ==
                ["russia", "ukraine", "announce", "fresh", "prisoner", "swap"])
    }

    @Test func diacriticsAreRemoved() {
        #expect(TextNormalizer.words("Café Zürich naïve São Ελλάδα ёлка Straße Łódź") ==
                ["cafe", "zurich", "naive", "sao", "ελλαδα", "елка", "strasse", "lodz"])
    }

    @Test func alreadyDecomposedAccentsAreRemovedToo() {
        #expect(TextNormalizer.words("Cafe\u{0301}") == ["cafe"])
    }

    @Test func apostrophesInsideWordsJoinThem() {
        #expect(TextNormalizer.words("Russia's Russia’s 'quoted'") == ["russias", "russias", "quoted"])
    }

    @Test func percentSpellingsAreOneWord() {
        #expect(TextNormalizer.words("3.5% 3.5 percent 3.5 per cent") ==
                ["3", "5", "percent", "3", "5", "percent", "3", "5", "percent"])
    }

    @Test func digitsStayWords() {
        #expect(TextNormalizer.words("Under 25-year-old troops in 2022") == ["under", "25", "year", "old", "troops", "in", "2022"])
    }

    @Test(arguments: [
        "KYIV: Russia and Ukraine", "Kyiv (Reuters) - Russia and Ukraine", "KYIV, July 4 (AP) — Russia and Ukraine",
        "NEW YORK -- Russia and Ukraine", "Russia and Ukraine",
    ])
    func datelinesAreDropped(text: String) {
        #expect(TextNormalizer.words(text, stripDateline: true) == ["russia", "and", "ukraine"])
    }

    @Test func ordinarySentenceWithAColonIsNotADateline() {
        #expect(TextNormalizer.words("Officials said: talks resumed", stripDateline: true).first == "officials")
    }

    @Test func limitStopsEarly() {
        #expect(TextNormalizer.words("one two three four", limit: 2) == ["one", "two"])
    }
}
