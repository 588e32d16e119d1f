import FeedSyncCore
import FeedSyncParsing
import Testing

@Suite struct PlainTextTests {
    @Test func tagsAreDroppedAndReferencesDecoded() {
        #expect(PlainText.render(html: "<b>Tom</b> &amp; <i>Jerry</i> &#8212; &eacute;") == "Tom & Jerry — é")
    }

    @Test func paragraphsAreSeparatedByABlankLine() {
        #expect(PlainText.render(html: "<p>One</p><p>Two<br>Three</p>") == "One\n\nTwo\nThree")
    }

    @Test func whitespaceCollapsesOutsidePre() {
        #expect(PlainText.render(html: "a \n\t b<pre>x  y</pre>") == "a b\n\nx  y")
    }

    @Test func scriptAndStyleContentIsNotText() {
        #expect(PlainText.render(html: "a<script>x()</script><style>p{}</style>b") == "ab")
    }

    @Test func listItemsAreLines() {
        #expect(PlainText.render(html: "<ul><li>one</li><li>two</li></ul>") == "one\ntwo")
    }

    /// Whitespace collapsing is done eight bytes at a time where it can be: random text with
    /// every kind of run (lone and repeated spaces, tabs, newlines, control bytes, multi-byte
    /// characters, runs split across tags) must come out as the plain rule says.
    @Test func wordAtATimeCollapsingMatchesTheRule() {
        var rng = SeededRandom(state: 0x5EED)
        let pieces = ["a", "bc", "déjà", "東京", "😀", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{0C}", "\u{01}",
                      "word", "longerwords", "x"]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<rng.below(40) { text += pieces[rng.below(pieces.count)] }
            let expected = text.split(whereSeparator: { " \t\n\r\u{0C}".unicodeScalars.contains($0.unicodeScalars.first!) })
                .joined(separator: " ")
            #expect(PlainText.render(html: text) == expected, "input \(text.debugDescription)")
            // The same text split by an inline tag at a random point collapses the same way.
            let cut = text.index(text.startIndex, offsetBy: rng.below(text.count))
            let tagged = String(text[..<cut]) + "<b></b>" + String(text[cut...])
            #expect(PlainText.render(html: tagged) == expected, "input \(tagged.debugDescription)")
        }
    }
}
