import FeedSyncCore
import Testing

/// `[[filter]]` rules on each field, and what the Plan stage does with a filtered item.
@Suite struct ItemFilterTests {
    func entry(title: String = "Budget vote tonight", link: String = "https://news.example/budget") -> FeedEntry {
        var e = FeedEntry()
        e.id = link; e.title = title; e.link = link
        e.summary = "<p>The council <b>votes</b> on the budget.</p>"
        e.content = "<p>Long story about the budget.</p>"
        e.text = "The council votes on the budget."
        e.author = Person(name: "Ada Reporter", email: "ada@news.example")
        e.categories = [Category(term: "politics", label: "Local politics")]
        return e
    }

    @Test func blockMatchesEachFieldCaseInsensitivelyByDefault() {
        let cases: [(FilterRule.Field, String)] = [
            (.title, "BUDGET"), (.text, "council votes"), (.summary, "<b>votes</b>"), (.content, "long story"),
            (.author, "ada reporter"), (.category, "local politics"), (.link, "news\\.example/budget"), (.any, "POLITICS"),
        ]
        for (field, pattern) in cases {
            let filter = ItemFilter([FilterRule(action: .block, field: field, pattern: pattern)])
            #expect(filter.blockingRule(for: entry())?.field == field, "\(field)")
            let miss = ItemFilter([FilterRule(action: .block, field: field, pattern: "zebra")])
            #expect(miss.blockingRule(for: entry()) == nil, "\(field)")
        }
    }

    @Test func caseSensitiveRulesSayWhatTheyMean() {
        let filter = ItemFilter([FilterRule(action: .block, field: .title, pattern: "BUDGET", caseSensitive: true)])
        #expect(filter.blockingRule(for: entry()) == nil)
    }

    @Test func keepRulesLetOnlyMatchingItemsThrough() {
        let filter = ItemFilter([FilterRule(action: .keep, field: .title, pattern: "budget"),
                                 FilterRule(action: .keep, field: .title, pattern: "election")])
        #expect(filter.blockingRule(for: entry()) == nil)
        #expect(filter.blockingRule(for: entry(title: "Election day")) == nil)
        #expect(filter.blockingRule(for: entry(title: "Weather"))?.action == .keep)
    }

    @Test func blockWinsOverKeep() {
        let filter = ItemFilter([FilterRule(action: .keep, field: .title, pattern: "budget"),
                                 FilterRule(action: .block, field: .any, pattern: "sponsored")])
        #expect(filter.blockingRule(for: entry(title: "Sponsored: budget tips"))?.action == .block)
    }

    @Test func invalidPatternsAreReported() {
        #expect(FilterRule.problem(pattern: "a(b") != nil)
        #expect(FilterRule.problem(pattern: "a(b)") == nil)
    }

    @Test func aFilteredItemIsRecordedAsSeenNotDelivered() {
        var source = SourceConfig(name: "s", url: "https://news.example/feed")
        source.settings.filters = [FilterRule(action: .block, field: .title, pattern: "weather", origin: "f.toml:3")]
        var doc = FeedDocument(version: "rss20")
        doc.entries = [entry(), entry(title: "Weather warning", link: "https://news.example/weather")]
        let polled = PolledSource(source: source, requestURL: source.url,
                                  outcome: .document(ParsedDocument(document: doc, response: FetchResponse(status: 200, effectiveURL: source.url),
                                                                    source: source)),
                                  startedAt: Timestamp(seconds: 100), duration: 0)
        var view = DuplicateView(index: NearDuplicateIndex())
        let plan = Planner.plan(polled, previous: nil, inputs: PlanInputs(), duplicates: &view, now: Timestamp(seconds: 100))
        #expect(plan.deliveries.map(\.item.entry.title) == ["Budget vote tonight"])
        #expect(plan.recordOnly.count == 1)
        #expect(plan.report.filtered == 1 && plan.state.itemsFiltered == 1)
        #expect(plan.decisions.map(\.label) == ["deliver", "filtered (block title ~ \"weather\" (f.toml:3))"])
    }
}
