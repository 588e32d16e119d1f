import FeedSyncCore
import Foundation
@testable import FeedSyncParsing
import Testing

@Suite struct RSSParsingTests {
    @Test(arguments: [("0.91", "rss091u"), ("0.92", "rss092"), ("0.93", "rss093"), ("0.94", "rss094"),
                      ("2.0", "rss20"), ("2.0.1", "rss20")])
    func versionComesFromTheVersionAttribute(attribute: String, version: String) throws {
        let doc = try FeedTest.parse("<rss version=\"\(attribute)\"><channel><title>x</title></channel></rss>")
        #expect(doc.version == version)
    }

    @Test func rssWithoutVersionIsPlainRSS() throws {
        #expect(try FeedTest.parse("<rss><channel/></rss>").version == "rss")
    }

    @Test func netscapeDoctypeMakesRSS091N() throws {
        let xml = """
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>x</title></channel></rss>
            """
        #expect(try FeedTest.parse(xml).version == "rss091n")
    }

    @Test func channelFieldsMapToTheFeed() throws {
        let doc = try FeedTest.parse("""
            <rss version="2.0"><channel>
            <title>Example</title><link>http://example.org/</link><description>About</description>
            <language>en-us</language><copyright>(c) Me</copyright>
            <lastBuildDate>Sat, 01 Jun 2024 12:00:00 +0000</lastBuildDate>
            <pubDate>Fri, 31 May 2024 12:00:00 GMT</pubDate>
            <managingEditor>ed@example.org (Ed Itor)</managingEditor>
            </channel></rss>
            """)
        #expect(doc.feed.title == "Example")
        #expect(doc.feed.link == "http://example.org/")
        #expect(doc.feed.subtitle == "About")
        #expect(doc.feed.language == "en-us")
        #expect(doc.feed.rights == "(c) Me")
        #expect(doc.feed.updated?.rfc3339 == "2024-06-01T12:00:00Z")
        #expect(doc.feed.published?.rfc3339 == "2024-05-31T12:00:00Z")
        #expect(doc.feed.author == Person(name: "Ed Itor", email: "ed@example.org"))
    }

    @Test func itemFieldsMapToTheEntry() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("""
            <title>First</title><link>http://example.org/1</link>
            <guid isPermaLink="false">urn:1</guid><description>Hello</description>
            <pubDate>Sat, 01 Jun 2024 12:00:00 +0200</pubDate>
            """))
        let e = try #require(doc.entries.first)
        #expect(e.title == "First")
        #expect(e.link == "http://example.org/1")
        #expect(e.id == "urn:1")
        #expect(e.summary == "Hello")
        #expect(e.published?.rfc3339 == "2024-06-01T10:00:00Z")
        #expect(e.text == "Hello")
    }

    @Test func permalinkGuidStandsInForAMissingLink() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<guid>http://example.org/p/1</guid>"))
        #expect(doc.entries.first?.link == "http://example.org/p/1")
    }

    @Test func permalinkGuidThatIsNoWebAddressIsNoLink() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<guid>tag:example.org,2024:1</guid>"))
        #expect(doc.entries.first?.link == nil)
        #expect(doc.entries.first?.id == "tag:example.org,2024:1")
    }

    @Test func guidThatIsNotAPermalinkIsNoLink() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<guid isPermaLink=\"false\">http://example.org/p/1</guid>"))
        #expect(doc.entries.first?.link == nil)
        #expect(doc.entries.first?.id == "http://example.org/p/1")
    }

    @Test func contentEncodedIsContentAndDescriptionStaysSummary() throws {
        let doc = try FeedTest.parse("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>
            <description>Short</description><content:encoded><![CDATA[<p>Long <b>body</b></p>]]></content:encoded>
            </item></channel></rss>
            """)
        let e = try #require(doc.entries.first)
        #expect(e.summary == "Short")
        #expect(e.content == "<p>Long <b>body</b></p>")
        #expect(e.text == "Long body")
    }

    @Test func contentWithoutDescriptionAlsoFillsTheSummary() throws {
        let doc = try FeedTest.parse("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>
            <content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded></item></channel></rss>
            """)
        #expect(doc.entries.first?.summary == "<p>Body</p>")
    }

    @Test func enclosureBecomesEnclosureAndLink() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem(
            "<enclosure url=\"http://example.org/a.mp3\" length=\"1234\" type=\"audio/mpeg\"/>"))
        let e = try #require(doc.entries.first)
        #expect(e.enclosures == [Enclosure(url: "http://example.org/a.mp3", type: "audio/mpeg", length: 1234)])
        #expect(e.links.first?.rel == "enclosure")
    }

    @Test func mediaContentIsAnEnclosureAfterTheRSSOne() throws {
        let doc = try FeedTest.parse("""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item>
            <media:content url="/img/a.jpg" type="image/jpeg" fileSize="99"/>
            <enclosure url="http://example.org/a.mp3" type="audio/mpeg" length="1"/>
            <media:content url="http://example.org/a.mp3"/></item></channel></rss>
            """, url: "http://example.org/feed")
        #expect(doc.entries.first?.enclosures == [
            Enclosure(url: "http://example.org/a.mp3", type: "audio/mpeg", length: 1),
            Enclosure(url: "http://example.org/img/a.jpg", type: "image/jpeg", length: 99),
        ])
    }

    @Test func categoriesKeepTheirDomainAsScheme() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem(
            "<category domain=\"http://example.org/tags\">swift</category><category>linux</category>"))
        #expect(doc.entries.first?.categories == [Category(term: "swift", scheme: "http://example.org/tags"),
                                                  Category(term: "linux")])
    }

    static let authorStrings: [(String, String?, String?)] = [
        ("ed@example.org (Ed Itor)", "Ed Itor", "ed@example.org"),
        ("Ed Itor <ed@example.org>", "Ed Itor", "ed@example.org"),
        ("ed@example.org", nil, "ed@example.org"),
        ("Ed Itor", "Ed Itor", nil),
    ]

    @Test(arguments: authorStrings)
    func authorStringsSplitIntoNameAndEmail(raw: String, name: String?, email: String?) throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<author>\(raw.replacingOccurrences(of: "<", with: "&lt;"))</author>"))
        #expect(doc.entries.first?.author == Person(name: name, email: email))
    }

    /// The rule on its own: every copy of the address goes, then empty brackets, then one bracket
    /// each side, whole characters only.
    @Test func authorStringRule() {
        let cases: [(String, String, String?)] = [
            ("  ed@example.org  ( Ed Itor )  ", "Ed Itor", "ed@example.org"),
            ("ed@example.org ed@example.org", "", "ed@example.org"),       // every copy removed
            ("a@b.org (x@y.org)", "x@y.org", "a@b.org"),  // only the first address goes
            ("Ed &lt;ed@example.org&gt;", "Ed", "ed@example.org"),
            ("(<ed@example.org>)", "", "ed@example.org"),
            ("(Zoë) ed@example.org", "Zoë", "ed@example.org"),
            ("(\u{301}x) ed@example.org", "(\u{301}x", "ed@example.org"),  // "(" + mark is one character
            ("(x\u{600}) ed@example.org", "x\u{600})", "ed@example.org"),  // a prepended mark joins ")"
            ("ed@[10.0.0.1] Ed", "Ed", "ed@[10.0.0.1]"),
            ("mailto ed@example.org?subject=hi Ed", "mailto  Ed", "ed@example.org?subject=hi"),
            ("no address (really)", "no address (really)", nil),           // untouched without one
        ]
        for (raw, name, email) in cases {
            let split = FeedBuilder.splitAuthor(raw)
            #expect(split.name == name, "\(raw)")
            #expect(split.email == email, "\(raw)")
        }
    }

    @Test func dublinCoreFieldsAreRead() throws {
        let doc = try FeedTest.parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item>
            <dc:creator>Jane</dc:creator><dc:date>2024-06-01T08:00:00Z</dc:date><dc:subject>news</dc:subject>
            </item></channel></rss>
            """)
        let e = try #require(doc.entries.first)
        #expect(e.author?.name == "Jane")
        #expect(e.updated?.rfc3339 == "2024-06-01T08:00:00Z")
        #expect(e.categories.first?.term == "news")
    }

    @Test func ttlIsThePollHintInSeconds() throws {
        #expect(try FeedTest.parse(FeedTest.rssItem("", channel: "<ttl>30</ttl>")).ttlSeconds == 1800)
    }

    @Test func syndicationModuleIsThePollHintWithoutTTL() throws {
        let doc = try FeedTest.parse("""
            <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel>
            <sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel></rss>
            """)
        #expect(doc.ttlSeconds == 21_600)
    }

    @Test func titleThatLooksLikeHTMLIsSanitized() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; more</title>"))
        #expect(doc.entries.first?.title == "<b>Bold</b> &amp; more")
    }

    @Test func plainTitleKeepsItsCharacters() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<title>Q&amp;A: 5 &lt; 6</title>"))
        #expect(doc.entries.first?.title == "Q&A: 5 < 6")
    }

    @Test func itunesAndMediaExtensionsAreRead() throws {
        let doc = try FeedTest.parse("""
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
                 xmlns:media="http://search.yahoo.com/mrss/"><channel>
            <itunes:category text="Technology"/><item><itunes:summary>Episode</itunes:summary>
            <media:category scheme="urn:x">cat</media:category></item></channel></rss>
            """)
        #expect(doc.feed.categories.first?.term == "Technology")
        #expect(doc.entries.first?.summary == "Episode")
        #expect(doc.entries.first?.categories.first == Category(term: "cat", scheme: "urn:x"))
    }
}
