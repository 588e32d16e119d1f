import Testing
import FeedSyncCore
@testable import FeedSyncParsing

@Suite("Page metadata")
struct PageMetadataTests {
    @Test("JSON-LD gives the title (over OpenGraph), the authors and the publication time in UTC")
    func jsonLDMetadata() throws {
        let page = try ExtractionFixtures.extract("jsonld-metadata")
        #expect(page.title == "Glassblowers revive a lost green")
        #expect(page.byline == "Ines Alvarez, Tom Berg")
        #expect(page.published?.rfc3339 == "2024-11-02T21:45:00Z")
        #expect(page.siteName == "The Craft Journal")
    }

    @Test("OpenGraph and article meta tags are used when there is no JSON-LD")
    func metaTagMetadata() throws {
        let page = try ExtractionFixtures.extract("aggregator-article")
        #expect(page.title == "Harbour city agrees new ferry timetable")
        #expect(page.byline == "Coastal Herald")
        #expect(page.published?.rfc3339 == "2025-03-14T06:30:00Z")
    }

    @Test("the <title> loses its site-name suffix when nothing better names the article")
    func titleSuffixRemoved() {
        let page = ExtractionFixtures.extract(html: "<html><head><title>Night trains return to the valley line | Rail Weekly</title>"
            + "</head><body><p>x</p></body></html>")
        #expect(page.title == "Night trains return to the valley line")
    }

    @Test("a short <title> keeps its suffix unless an h1 repeats one of its parts")
    func shortTitleUsesMatchingHeading() throws {
        let page = try ExtractionFixtures.extract("german-latin1")
        #expect(page.title == "Bäckerei-Genossenschaft rettet Dorfladen")
    }

    @Test("a date in <time datetime> is the published time when the metadata has none")
    func timeElementDate() {
        let page = ExtractionFixtures.extract(html: "<html><body><article><time datetime=\"2023-07-09T10:15:00+01:00\">"
            + "9 July</time><p>Text.</p></article></body></html>")
        #expect(page.published?.rfc3339 == "2023-07-09T09:15:00Z")
    }

    @Test("an absent date stays absent")
    func noDateNoPublished() {
        #expect(ExtractionFixtures.extract(html: "<html><body><p>No date here.</p></body></html>").published == nil)
    }

    @Test("ISO 8601 forms found in pages parse; other strings do not")
    func isoDates() {
        #expect(ISODate.parse("2019-11-19")?.rfc3339 == "2019-11-19T00:00:00Z")
        #expect(ISODate.parse("2019-11-19T10:00:00.123Z")?.rfc3339 == "2019-11-19T10:00:00Z")
        #expect(ISODate.parse("2019-11-19 10:00:00 +0530")?.rfc3339 == "2019-11-19T04:30:00Z")
        #expect(ISODate.parse("20191119T1000")?.rfc3339 == "2019-11-19T10:00:00Z")
        #expect(ISODate.parse("2019-02-30") == nil)
        #expect(ISODate.parse("Tuesday") == nil)
        #expect(ISODate.parse("2019-11-19T10:00 Tuesday") == nil)
    }

    @Test("byline and dateline labels are recognized; prose and prices are not")
    func dateLines() {
        #expect(DateLine.isDateLine("By Justine Coleman - 11/18/19 11:04 PM EST", author: nil))
        #expect(DateLine.isDateLine("First Published: Tuesday, November 19, 2019 08:38 AM", author: nil))
        #expect(DateLine.isDateLine("segunda-feira, 22 de janeiro de 2018 às 0:13", author: nil))
        #expect(DateLine.isDateLine("November 20, 2019 Emiliano Bellini", author: "emiliano bellini"))
        #expect(DateLine.isDateLine("20.11.2019", author: nil))
        #expect(!DateLine.isDateLine("$139.00", author: nil))
        #expect(!DateLine.isDateLine("The council met in March to discuss the budget.", author: nil))
        #expect(!DateLine.isDateLine("By then it was too late.", author: nil))
        #expect(DateLine.isDateLine("By JERUSALEM POST STAFF", author: nil))
    }
}
