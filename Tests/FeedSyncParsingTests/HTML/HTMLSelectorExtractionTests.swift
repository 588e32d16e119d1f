@testable import FeedSyncParsing
import FeedSyncCore
import Testing

@Suite("HTML sources with selectors")
struct HTMLSelectorExtractionTests {
    /// The selectors the benchmark's HTML pages are configured with.
    static let benchSpec = SelectorSpec(item: "li.item", title: "h2 a", link: "a.item-link@href",
                                        date: "time@datetime", summary: "div.summary")

    @Test func seedRelatedListYieldsOneEntryPerStory() throws {
        let spec = SelectorSpec(item: "h2 + div > div", title: "h3", link: "h3 a@href", summary: "p")
        let doc = try HTMLTestSupport.parse("seed-article.html", url: "https://daily8.example/world/putin-trump",
                                            type: .html, select: spec)
        #expect(doc.version == "html")
        #expect(doc.htmlExtraction == .selectors)
        #expect(doc.entries.map(\.title) == ["Russia, Ukraine announce fresh prisoner swap",
                                             "Russia, Ukraine announce fresh prisoner swap",
                                             "Sources to Asharq Al-Awsat: Hamas Likely to Accept Two-Month Gaza Truce Proposal"])
        #expect(doc.entries.map(\.link) == ["https://daily8.example/article/russia-ukraine-prisoner-swap-arab-news",
                                            "https://daily8.example/article/russia-ukraine-prisoner-swap-al-arabiya",
                                            "https://daily8.example/article/hamas-two-month-gaza-truce"])
        #expect(doc.entries[1].summary?.contains("Volodymyr Zelenskyy published photographs") == true)
    }

    @Test func seedSelectedItemsCarryNoBoilerplate() throws {
        let spec = SelectorSpec(item: "h2 + div > div", title: "h3", link: "h3 a@href", summary: "p")
        let doc = try HTMLTestSupport.parse("seed-article.html", url: "https://daily8.example/world/putin-trump",
                                            type: .html, select: spec)
        let text = HTMLTestSupport.allText(doc)
        for phrase in HTMLTestSupport.boilerplate { #expect(!text.contains(phrase), "\(phrase)") }
    }

    @Test func feedTitleComesFromTheTitleElement() throws {
        let doc = try HTMLTestSupport.parse("seed-article.html", type: .html, select: SelectorSpec(item: "h3"))
        #expect(doc.feed.title == "Putin told Trump will not ‘give up' aims in Ukraine: Kremlin - Daily8")
    }

    @Test func windows1251PageDeclaredByMetaDecodesToUTF8() throws {
        let doc = try HTMLTestSupport.parse("list-windows-1251.html", url: "https://site.example/news/",
                                            type: .html, select: Self.benchSpec)
        #expect(doc.encoding == "windows-1251")
        #expect(doc.feed.title == "Новости города")
        #expect(doc.entries.map(\.title) == ["Городской совет утвердил бюджет на следующий год",
                                             "Новая линия трамвая откроется осенью",
                                             "Учёные нашли новый вид лишайника"])
        #expect(doc.entries.first?.link == "https://site.example/posts/0-budget")
        #expect(doc.entries.first?.summary?.contains("расходы на транспорт") == true)
    }

    @Test func latin1PageDeclaredByMetaDecodesToUTF8() throws {
        let doc = try HTMLTestSupport.parse("list-iso-8859-1.html", url: "https://site.example/",
                                            type: .html, select: Self.benchSpec)
        #expect(doc.encoding == "windows-1252") // the WHATWG meaning of the iso-8859-1 label
        #expect(doc.entries.map(\.title) == ["Café in Zürich wins the Straße prize",
                                             "Müller named head of the Köln orchestra",
                                             "Naïve art show opens at the old garçon hall"])
        #expect(doc.entries.first?.summary?.contains("crème brûlée") == true)
    }

    @Test func httpCharsetDecodesAPageWithoutMeta() throws {
        let doc = try HTMLTestSupport.parse("list-no-meta-cp1251.html", contentType: "text/html; charset=windows-1251",
                                            type: .html, select: Self.benchSpec)
        #expect(doc.entries.first?.title == "Городской совет утвердил бюджет на следующий год")
    }

    @Test func pageWithoutAnyCharsetAndInvalidUTF8IsNotDecodedAsUTF8() throws {
        let doc = try HTMLTestSupport.parse("list-no-meta-cp1251.html", type: .html, select: Self.benchSpec)
        #expect(doc.encoding == "windows-1252")
        #expect(doc.entries.count == 3)
        #expect(doc.entries.first?.title != "Городской совет утвердил бюджет на следующий год")
    }

    @Test func defaultsTakeTheFirstHeadingAndFirstLinkResolvedAgainstBaseHref() throws {
        let doc = try HTMLTestSupport.parse("landing-cards.html", url: "https://harbourtimes.example/world?page=1",
                                            type: .html, select: SelectorSpec(item: "article.card"))
        #expect(doc.entries.count == 6)
        #expect(doc.entries.first?.title == "Dock workers end three-week strike after pay deal")
        #expect(doc.entries.first?.link == "https://harbourtimes.example/news/world/port-strike-ends")
    }

    @Test func selectedSummaryLeavesOutShareBars() throws {
        let spec = SelectorSpec(item: "article.card", summary: "div.card__body")
        let doc = try HTMLTestSupport.parse("landing-cards.html", type: .html, select: spec)
        let summary = try #require(doc.entries.first?.summary)
        #expect(summary.contains("Union members voted by a wide margin"))
        #expect(!summary.contains("Share on"))
    }

    @Test func itemWithoutSummarySelectorIsSummarizedByTheExtractor() throws {
        let doc = try HTMLTestSupport.parse("landing-cards.html", type: .html, select: SelectorSpec(item: "article.card"))
        let first = try #require(doc.entries.first)
        #expect(first.text == "Union members voted by a wide margin to accept a 9% raise over two years, reopening the container terminal to shipping on Monday.")
        #expect(first.summary?.contains("Union members voted") == true)
        for phrase in ["Share on", "Dock workers end", "Maria Okafor"] { #expect(first.summary?.contains(phrase) == false, "\(phrase)") }
    }

    @Test func headlineListItemsWithoutSummarySelectorHaveNoSummary() throws {
        let doc = try HTMLTestSupport.parse("headline-list.html", type: .html, select: SelectorSpec(item: "#releases li"))
        #expect(doc.entries.count == 4)
        #expect(doc.entries.allSatisfy { $0.summary == nil && $0.text == nil })
    }

    @Test func authorAndIDSelectors() throws {
        let spec = SelectorSpec(item: "article.card", author: ".byline", id: "h2 a@href")
        let doc = try HTMLTestSupport.parse("landing-cards.html", type: .html, select: spec)
        #expect(doc.entries.first?.author?.name == "Maria Okafor")
        #expect(doc.entries.first?.authors == [Person(name: "Maria Okafor")])
        #expect(doc.entries.first?.id == "world/port-strike-ends")
    }

    @Test func dateFormatParsesSiteSpecificDates() throws {
        let html = #"<ul><li><a href="/a">Council meets</a> <span class="d">03.07.2025 14:05</span></li></ul>"#
        let spec = SelectorSpec(item: "li", date: "span.d", dateFormat: "%d.%m.%Y %H:%M")
        let doc = try HTMLSourceParser.parse(Array(html.utf8), request: ParseRequest(type: .html, select: spec))
        #expect(doc.entries.first?.published == Timestamp(year: 2025, month: 7, day: 3, hour: 14, minute: 5))
    }

    @Test func unparseableDateIsAbsentNotInvented() throws {
        let html = #"<ul><li><a href="/a">Council meets</a> <span class="d">sometime soon</span></li></ul>"#
        let spec = SelectorSpec(item: "li", date: "span.d", dateFormat: "%d.%m.%Y")
        let doc = try HTMLSourceParser.parse(Array(html.utf8), request: ParseRequest(type: .html, select: spec))
        #expect(doc.entries.count == 1)
        #expect(doc.entries.first?.published == nil)
    }

    @Test func xpathItemSelector() throws {
        let spec = SelectorSpec(item: "xpath://li[@class='item']", title: "xpath:string(.//h2)")
        let doc = try HTMLTestSupport.parse("list-iso-8859-1.html", type: .html, select: spec)
        #expect(doc.entries.map(\.title).first == "Café in Zürich wins the Straße prize")
    }

    @Test func itemSelectorThatMatchesNothingGivesNoEntries() throws {
        let doc = try HTMLTestSupport.parse("landing-cards.html", type: .html, select: SelectorSpec(item: "li.nothing"))
        #expect(doc.entries.isEmpty)
    }

    @Test func itemSelectorMustSelectElements() {
        #expect(throws: ParseError.self) {
            try HTMLTestSupport.parse("landing-cards.html", type: .html, select: SelectorSpec(item: "xpath:count(//li)"))
        }
    }

    @Test func selectorsWinOverAutodiscovery() throws {
        let doc = try HTMLTestSupport.parse("feed-link.html", type: .html, select: SelectorSpec(item: "ul.posts > li"))
        #expect(doc.htmlExtraction == .selectors)
        #expect(doc.discoveredFeeds.isEmpty)
        #expect(doc.entries.count == 3)
    }
}
