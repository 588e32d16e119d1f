@testable import FeedSyncParsing
import FeedSyncCore
import Foundation
import Testing

@Suite("HTML pages without selectors")
struct HTMLAutomaticExtractionTests {
    // MARK: Autodiscovery

    @Test func advertisedFeedsAreDiscoveredResolvedAndCommentsLast() throws {
        let doc = try HTMLTestSupport.parse("feed-link.html", url: "https://fieldnotes.example/blog/")
        #expect(doc.htmlExtraction == .autodiscovery)
        #expect(doc.entries.isEmpty)
        #expect(doc.discoveredFeeds.map(\.href) == ["https://fieldnotes.example/feed.xml",
                                                    "https://fieldnotes.example/blog/atom.xml",
                                                    "https://fieldnotes.example/feed.json",
                                                    "https://fieldnotes.example/comments/feed/"])
        #expect(doc.discoveredFeeds.map(\.type) == ["application/rss+xml", "application/atom+xml",
                                                    "application/feed+json", "application/rss+xml"])
        #expect(doc.discoveredFeeds.first?.title == "Field Notes")
    }

    @Test func discoveredFeedsAppearInTheParseJSON() throws {
        let doc = try HTMLTestSupport.parse("feed-link.html", url: "https://fieldnotes.example/blog/")
        let json = doc.jsonValue.serialized()
        #expect(json.contains("\"discovered_feeds\""))
        #expect(json.contains("\"html_extraction\":\"autodiscovery\""))
    }

    @Test func typeHTMLReportsFeedsButReadsThePageItself() throws {
        let doc = try HTMLTestSupport.parse("feed-link.html", url: "https://fieldnotes.example/", type: .html)
        #expect(doc.discoveredFeeds.count == 4)
        #expect(doc.htmlExtraction == .blocks)
        #expect(doc.entries.map(\.title) == ["The swifts are back over the old mill", "A heron nest in the reed bed by the lake",
                                             "What owl pellets tell us about the field voles"])
    }

    // MARK: Repeated blocks

    @Test func landingPageCardsBecomeEntriesInPageOrder() throws {
        let doc = try HTMLTestSupport.parse("landing-cards.html", url: "https://harbourtimes.example/world")
        #expect(doc.htmlExtraction == .blocks)
        #expect(doc.entries.map(\.title) == [
            "Dock workers end three-week strike after pay deal",
            "Council approves £40m flood defences for the old town",
            "Island ferry adds late sailings for the summer season",
            "Free school meals extended to all primary pupils",
            "Amber heat warning issued for the weekend",
            "Central library reopens after two-year refit",
        ])
        #expect(doc.entries.first?.link == "https://harbourtimes.example/news/world/port-strike-ends")
    }

    @Test func cardEntriesCarryTeaserAndByline() throws {
        let doc = try HTMLTestSupport.parse("landing-cards.html", url: "https://harbourtimes.example/world")
        let first = try #require(doc.entries.first)
        #expect(first.summary?.contains("Union members voted by a wide margin") == true)
        #expect(first.author?.name == "Maria Okafor")
    }

    @Test func landingPageEntriesCarryNoBoilerplate() throws {
        let doc = try HTMLTestSupport.parse("landing-cards.html", url: "https://harbourtimes.example/world")
        let text = HTMLTestSupport.allText(doc)
        for phrase in HTMLTestSupport.boilerplate { #expect(!text.contains(phrase), "\(phrase)") }
        #expect(!text.contains("Harbour bridge closed"), "the sidebar's most-read list is not the page's list")
    }

    @Test func plainHeadlineListIsDetected() throws {
        let doc = try HTMLTestSupport.parse("headline-list.html", url: "https://app.example/releases")
        #expect(doc.htmlExtraction == .blocks)
        #expect(doc.entries.map(\.link) == ["https://app.example/releases/4.2.0", "https://app.example/releases/4.1.3",
                                            "https://app.example/releases/4.1.2", "https://app.example/releases/4.1.1"])
        #expect(doc.entries.first?.title == "Version 4.2.0 adds incremental snapshots")
    }

    @Test func postsWhoseHeadlinesSitInTheirOwnHeaderAreDetected() throws {
        let doc = try HTMLTestSupport.parse("blog-index.html", url: "https://workshop.example/")
        #expect(doc.htmlExtraction == .blocks)
        #expect(doc.entries.map(\.title) == ["Restoring a rusty hand plane in one weekend",
                                             "Why I stopped using a honing guide for chisels",
                                             "Fitting a leg vise to the old workbench"])
        #expect(doc.entries.first?.published == Timestamp(year: 2025, month: 6, day: 14, hour: 9))
        #expect(doc.entries.first?.author?.name == "Ines Varga")
    }

    @Test func articlePageWithRelatedListIsWatchedWhenThePageIsAsked() throws {
        let doc = try HTMLTestSupport.parse("seed-article.html", url: "https://daily8.example/world/putin-trump", type: .html)
        #expect(doc.htmlExtraction == .page)
        #expect(doc.entries.count == 1)
    }

    @Test func autoReadsAnArticlePageWithRelatedStoriesAsTheArticleAndEachStory() throws {
        let url = "https://daily8.example/world/putin-trump"
        let doc = try HTMLTestSupport.parse("seed-article.html", url: url)
        #expect(doc.htmlExtraction == .blocks)
        let article = try #require(doc.entries.first)
        #expect(article.id == url && article.link == url)
        #expect(article.text?.contains("Kremlin aide Yuri Ushakov told reporters") == true)
        #expect(doc.entries.count > 1)
        for phrase in HTMLTestSupport.boilerplate { #expect(!HTMLTestSupport.allText(doc).contains(phrase), "\(phrase)") }
    }

    @Test func autoFindsRelatedStoriesInAGridOfDivCards() throws {
        let url = "https://newsloop.example/world/night-trains"
        let doc = try HTMLTestSupport.parse("article-related-cards.html", url: url)
        #expect(doc.htmlExtraction == .blocks)
        #expect(doc.entries.map(\.link) == [url,
                                            "https://newsloop.example/world/eu-rail-passes-expand-9f21",
                                            "https://newsloop.example/world/eu-free-rail-pass-young-c3a0",
                                            "https://newsloop.example/business/sleeper-car-maker-orders-77b1",
                                            "https://newsloop.example/world/airport-slots-cut-schiphol-5d4e"])
        #expect(doc.entries.first?.title == "Dutch parliament backs plan to reopen night trains to Vienna")
        #expect(doc.entries[1].title == "EU expands free rail passes for young travellers")
        #expect(doc.entries[1].text?.contains("double the number of free rail passes") == true)
        let all = HTMLTestSupport.allText(doc)
        for phrase in HTMLTestSupport.boilerplate + ["Comments", "Newsloop AI", "Sign in"] {
            #expect(!all.contains(phrase), "\(phrase)")
        }
    }

    // MARK: Page watch

    @Test func pageWatchEntryIsIdentifiedByTheURL() throws {
        let url = "https://museum.example/visit/hours"
        let doc = try HTMLTestSupport.parse("status-page.html", url: url)
        #expect(doc.htmlExtraction == .page)
        #expect(doc.entries.map(\.id) == [url])
        #expect(doc.entries.map(\.link) == [url])
        #expect(doc.entries.first?.title == "Opening hours")
    }

    @Test func pageWatchTextIsTheMainContentOnly() throws {
        let doc = try HTMLTestSupport.parse("status-page.html", url: "https://museum.example/visit/hours")
        let text = try #require(doc.entries.first?.text)
        #expect(text.contains("The museum is open from Tuesday to Sunday"))
        #expect(text.contains("by appointment"))
        #expect(!text.contains("Follow us"))
        #expect(!text.contains("Quay Street"))
        #expect(!text.contains("Contact"))
    }

    @Test func pageWatchOfTheSeedPageIsTheArticleWithoutBoilerplateOrRelatedStories() throws {
        let doc = try HTMLTestSupport.parse("seed-article.html", url: "https://daily8.example/world/putin-trump", type: .html)
        let entry = try #require(doc.entries.first)
        #expect(entry.title == "Putin told Trump will not ‘give up' aims in Ukraine: Kremlin")
        let text = try #require(entry.text)
        #expect(text.contains("Kremlin aide Yuri Ushakov told reporters"))
        #expect(!text.contains("prisoner swap"))
        for phrase in HTMLTestSupport.boilerplate { #expect(!HTMLTestSupport.allText(doc).contains(phrase), "\(phrase)") }
    }

    @Test func pageWatchIDIsStableWhenTheTextChanges() throws {
        let url = "https://museum.example/visit/hours"
        let before = try HTMLTestSupport.parse("status-page.html", url: url)
        var bytes = try HTMLTestSupport.fixture("status-page.html")
        bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "16:15", with: "16:30").utf8)
        let after = try HTMLSourceParser.parse(bytes, request: ParseRequest(url: url))
        #expect(before.entries.first?.id == after.entries.first?.id)
        #expect(before.entries.first?.text != after.entries.first?.text)
    }

    @Test func emptyPageIsAPageWatchWithoutText() throws {
        let doc = try HTMLSourceParser.parse([], request: ParseRequest(url: "https://x.example/"))
        #expect(doc.htmlExtraction == .page)
        #expect(doc.entries.first?.text == nil)
    }
}
