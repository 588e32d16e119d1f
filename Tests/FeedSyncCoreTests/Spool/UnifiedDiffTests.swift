import FeedSyncCore
import Testing

@Suite struct UnifiedDiffTests {
    @Test func identicalTextsHaveNoDiff() {
        #expect(UnifiedDiff.diff(old: "a\nb", new: "a\nb") == "")
    }

    @Test func changedLineShowsAsRemovalAndAddition() {
        let d = UnifiedDiff.diff(old: "one\ntwo\nthree", new: "one\n2\nthree")
        #expect(d == "--- before\n+++ after\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n")
    }

    @Test func distantChangesMakeSeparateHunks() {
        let old = (1...20).map(String.init).joined(separator: "\n")
        let new = old.replacingOccurrences(of: "\n2\n", with: "\nB\n").replacingOccurrences(of: "\n19\n", with: "\nS\n")
        let d = UnifiedDiff.diff(old: old, new: new, context: 1)
        #expect(d.components(separatedBy: "@@ -").count - 1 == 2)
        #expect(d.contains("-2\n+B\n") && d.contains("-19\n+S\n"))
    }

    @Test func appendedParagraphIsAnAddition() {
        let d = UnifiedDiff.diff(old: "a", new: "a\nnew paragraph")
        #expect(d.contains("+new paragraph"))
        #expect(!d.contains("-a"))
    }
}

@Suite struct InlineTextTests {
    @Test func decodesEscapedMarkupAndDropsTags() {
        #expect(InlineText.plain("Why we log &lt;everything&gt;") == "Why we log <everything>")
        #expect(InlineText.plain("<b>Bold</b>  &amp;\n more &#233;&#x2014;") == "Bold & more é—")
        #expect(InlineText.plain("plain") == "plain")
        #expect(InlineText.plain("a & b; c") == "a & b; c")
    }
}
