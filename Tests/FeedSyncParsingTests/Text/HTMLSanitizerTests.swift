import FeedSyncParsing
import Testing

@Suite struct HTMLSanitizerTests {
    private func clean(_ html: String, base: String? = nil) -> String { HTMLSanitizer.sanitize(html, baseURL: base) }

    @Test func scriptsAndStylesGoWithTheirContent() {
        #expect(clean("a<script>alert(1)</script>b<style>p{}</style>c") == "abc")
    }

    @Test func eventHandlersAreRemoved() {
        #expect(clean("<p onclick=\"x()\" class=\"k\">t</p>") == "<p class=\"k\">t</p>")
    }

    @Test func unknownElementsLoseTheirTagsButKeepText() {
        #expect(clean("<blink>hi</blink><iframe src=\"http://x\"></iframe>") == "hi")
    }

    @Test(arguments: ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                      "&#106;avascript:alert(1)", "vbscript:x", "data:text/html,<script>"])
    func scriptURIsAreEmptied(uri: String) {
        let out = clean("<a href=\"\(uri)\">x</a><img src=\"\(uri)\">")
        #expect(out == "<a href=\"\">x</a><img src=\"\" />")
    }

    @Test func safeURIsAreKept() {
        #expect(clean("<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>")
                == "<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>")
        #expect(clean("<a href=\"mailto:me@example.org\">m</a>") == "<a href=\"mailto:me@example.org\">m</a>")
    }

    @Test func relativeURIsAreResolvedAgainstTheBase() {
        #expect(clean("<img src=\"/i.png\"><a href=\"p\">p</a>", base: "http://example.org/blog/")
                == "<img src=\"http://example.org/i.png\" /><a href=\"http://example.org/blog/p\">p</a>")
    }

    @Test func attributesAreSortedQuotedAndEscaped() {
        #expect(clean("<img width=640 alt='a \"b\" <c>' src=x.png>") == "<img alt=\"a &quot;b&quot; &lt;c&gt;\" src=\"x.png\" width=\"640\" />")
    }

    @Test func styleKeepsOnlySafeDeclarations() {
        #expect(clean("<span style=\"color: red; position: absolute\">t</span>") == "<span style=\"color: red;\">t</span>")
        #expect(clean("<span style=\"background: url(http://evil/x.png)\">t</span>") == "<span>t</span>")
    }

    @Test func commentsSurviveButUnterminatedOnesDoNotHideMarkup() {
        #expect(clean("a<!-- note -->b") == "a<!-- note -->b")
        #expect(clean("a<!-- <script>alert(1)</script>") == "a")
    }

    @Test func windows1252CharacterReferencesAreCorrected() {
        #expect(clean("&#147;q&#148;") == "&#x201c;q&#x201d;")
    }

    @Test func undefinedEntityBecomesText() {
        #expect(clean("a &bogus; b") == "a &amp;bogus b")
    }

    @Test func svgKeepsItsVocabularyAndCase() {
        #expect(clean("<svg viewBox=\"0 0 1 1\"><lineargradient id=\"g\"></lineargradient><circle r=\"1\" onload=\"x\"></circle></svg>")
                == "<svg viewBox=\"0 0 1 1\" xmlns=\"http://www.w3.org/2000/svg\"><linearGradient id=\"g\"></linearGradient><circle r=\"1\"></circle></svg>")
    }

    @Test func plainTextIsReturnedTrimmed() {
        #expect(clean("  just text \r\n") == "just text")
    }
}
