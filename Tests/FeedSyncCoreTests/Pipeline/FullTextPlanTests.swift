import FeedSyncCore
import Testing

/// The pure half of the Enrich stage: which items want their article, and how it replaces the
/// feed's content.
@Suite struct FullTextPlanTests {
    func entry(_ n: Int, text: String = "A short teaser.") -> FeedEntry {
        var e = FeedEntry()
        e.id = "tag:news,2026:\(n)"; e.title = "Story \(n)"; e.link = "https://news.example/\(n)"
        e.summary = "<p>\(text)</p>"
        e.text = text
        return e
    }

    func plan(_ entries: [FeedEntry], mode: FullTextMode, previous: SourcePlan? = nil) -> SourcePlan {
        var source = SourceConfig(name: "s", url: "https://news.example/feed")
        source.settings.fullText = mode
        var doc = FeedDocument(version: "rss20")
        doc.entries = entries
        let polled = PolledSource(source: source, requestURL: source.url,
                                  outcome: .document(ParsedDocument(document: doc, response: FetchResponse(status: 200, effectiveURL: source.url),
                                                                    source: source)),
                                  startedAt: Timestamp(seconds: 100), duration: 0)
        var view = DuplicateView(index: NearDuplicateIndex())
        return Planner.plan(polled, previous: nil, inputs: PlanInputs(), duplicates: &view, now: Timestamp(seconds: 100))
    }

    @Test func autoWantsOnlyShortText() {
        #expect(FullTextMode.auto.wants(text: "A teaser."))
        #expect(FullTextMode.auto.wants(text: nil))
        #expect(!FullTextMode.auto.wants(text: String(repeating: "word ", count: 200)))
        // Runs of whitespace count once: 499 letters spread over many blank lines is still short.
        #expect(FullTextMode.auto.wants(text: String(repeating: "a\n\n\n", count: 249) + "a"))
        #expect(!FullTextMode.auto.wants(text: String(repeating: "a", count: 500)))
        #expect(FullTextMode.always.wants(text: String(repeating: "a", count: 5000)))
        #expect(!FullTextMode.off.wants(text: "A teaser."))
    }

    @Test func onlyNewDeliveriesAreWanted() {
        let long = String(repeating: "Whole story here. ", count: 40)
        let p = plan([entry(1), entry(2, text: long)], mode: .auto)
        #expect(FullTextPlan.wanted(p).map(\.link) == ["https://news.example/1"])
        #expect(FullTextPlan.wanted(plan([entry(1), entry(2, text: long)], mode: .always)).count == 2)
        #expect(FullTextPlan.wanted(plan([entry(1)], mode: .off)).isEmpty)
    }

    @Test func anArticleReplacesContentAndKeepsTheSummary() {
        var p = plan([entry(1)], mode: .always)
        let key = p.deliveries[0].item.id
        FullTextPlan.apply([key: .article(ExtractedArticle(html: "<p>The whole story.</p>", text: "The whole story."))], to: &p)
        let item = p.deliveries[0].item
        #expect(item.entry.content == "<p>The whole story.</p>")
        #expect(item.entry.text == "The whole story.")
        #expect(item.entry.summary == "<p>A short teaser.</p>")
        #expect(item.fullTextError == nil)
        #expect(item.jsonValue.serialized().contains("\"summary\":\"<p>A short teaser.</p>\""))
    }

    @Test func aFailureKeepsTheFeedContentAndSaysWhy() {
        var p = plan([entry(1), entry(2)], mode: .always)
        let first = p.deliveries[0].item.id
        FullTextPlan.apply([first: .failed("HTTP 404")], to: &p)
        #expect(p.deliveries[0].item.fullTextError == "HTTP 404")
        #expect(p.deliveries[0].item.entry.text == "A short teaser.")
        #expect(p.deliveries[0].item.jsonValue.serialized().contains("\"full_text_error\":\"HTTP 404\""))
        // Planned, but not among the fetched: delivered all the same, with the reason.
        #expect(p.deliveries[1].item.fullTextError?.hasPrefix("article not fetched") == true)
    }

    @Test func sourcesWithoutFullTextAreLeftAlone() {
        var p = plan([entry(1)], mode: .off)
        FullTextPlan.apply([p.deliveries[0].item.id: .failed("x")], to: &p)
        #expect(p.deliveries[0].item.fullTextError == nil)
    }
}
