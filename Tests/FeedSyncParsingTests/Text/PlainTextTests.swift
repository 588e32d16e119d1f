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
}
