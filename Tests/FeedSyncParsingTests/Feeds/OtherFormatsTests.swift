import FeedSyncCore
import FeedSyncParsing
import Testing

@Suite struct OtherFormatsTests {
    @Test func rss10IsReadWithItemsOutsideTheChannel() throws {
        let doc = try FeedTest.parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="http://example.org/"><title>R</title><link>http://example.org/</link></channel>
            <item rdf:about="http://example.org/1"><title>One</title><link>http://example.org/1</link></item>
            </rdf:RDF>
            """)
        #expect(doc.version == "rss10")
        #expect(doc.feed.title == "R")
        #expect(doc.entries.first?.id == "http://example.org/1")
        #expect(doc.entries.first?.title == "One")
    }

    @Test func rss090IsRecognisedByItsNamespace() throws {
        let doc = try FeedTest.parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
            <channel><title>Old</title></channel></rdf:RDF>
            """)
        #expect(doc.version == "rss090")
        #expect(doc.feed.title == "Old")
    }

    @Test func cdfChannelAndItemsAreRead() throws {
        let doc = try FeedTest.parse("""
            <CHANNEL HREF="http://example.org/" LASTMOD="2004-04-07T04:05:43"><TITLE>C</TITLE>
            <ITEM HREF="http://example.org/1"><TITLE>I</TITLE><ABSTRACT>A</ABSTRACT></ITEM></CHANNEL>
            """)
        #expect(doc.version == "cdf")
        #expect(doc.feed.link == "http://example.org/")
        #expect(doc.feed.updated?.rfc3339 == "2004-04-07T04:05:43Z")
        #expect(doc.entries.first?.link == "http://example.org/1")
        #expect(doc.entries.first?.summary == "A")
    }

    @Test func jsonFeed11IsRead() throws {
        let doc = try FeedTest.parse("""
            {"version": "https://jsonfeed.org/version/1.1", "title": "J", "home_page_url": "https://example.org/",
             "feed_url": "https://example.org/feed.json", "authors": [{"name": "Ann"}],
             "items": [{"id": 7, "url": "https://example.org/7", "title": "Seven",
                        "content_html": "<p>Hi<script>x()</script></p>", "date_published": "2024-06-01T00:00:00Z",
                        "tags": ["a"], "attachments": [{"url": "https://example.org/7.mp3", "mime_type": "audio/mpeg",
                        "size_in_bytes": 10}]}]}
            """)
        #expect(doc.version == "json11")
        #expect(doc.feed.title == "J")
        #expect(doc.feed.link == "https://example.org/")
        #expect(doc.feed.author?.name == "Ann")
        let e = try #require(doc.entries.first)
        #expect(e.id == "7")
        #expect(e.content == "<p>Hi</p>")
        #expect(e.text == "Hi")
        #expect(e.published?.rfc3339 == "2024-06-01T00:00:00Z")
        #expect(e.categories == [Category(term: "a")])
        #expect(e.enclosures == [Enclosure(url: "https://example.org/7.mp3", type: "audio/mpeg", length: 10)])
    }

    @Test func jsonFeed10IsRecognised() throws {
        let doc = try FeedTest.parse("{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"x\", \"items\": []}")
        #expect(doc.version == "json1")
    }

    @Test func brokenJSONIsAnError() {
        #expect(throws: ParseError.self) { try FeedTest.parse("{\"version\": ", contentType: "application/feed+json") }
    }
}
