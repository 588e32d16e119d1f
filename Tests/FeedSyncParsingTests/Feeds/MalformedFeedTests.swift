import FeedSyncCore
import FeedSyncParsing
import Testing

/// Broken documents are recovered where a human could still read them, and flagged `bozo`.
@Suite struct MalformedFeedTests {
    @Test func htmlEntitiesInXMLAreDecoded() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<title>caf&eacute;&nbsp;&mdash; &copy;</title>"))
        #expect(doc.bozo)
        #expect(doc.entries.first?.title == "café\u{A0}— ©")
    }

    @Test func bareAmpersandIsText() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<title>AT&T</title><link>http://x/?a=1&b=2</link>"))
        #expect(doc.bozo)
        #expect(doc.entries.first?.title == "AT&T")
        #expect(doc.entries.first?.link == "http://x/?a=1&b=2")
    }

    @Test func entitiesInCDATAAreLeftAlone() throws {
        let doc = try FeedTest.parse(FeedTest.rssItem("<description><![CDATA[a&nbsp;b]]></description>"))
        #expect(!doc.bozo)
        #expect(doc.entries.first?.summary == "a&nbsp;b")
    }

    @Test func mismatchedTagsAreRecovered() throws {
        let doc = try FeedTest.parse("<rss version=\"2.0\"><channel><title>T</title><item><title>A</b></title></item>"
                                     + "<item><title>B</title></item></channel></rss>")
        #expect(doc.bozo)
        #expect(doc.entries.map(\.title) == ["A", "B"])
    }

    @Test func truncatedDocumentKeepsWhatWasRead() throws {
        let doc = try FeedTest.parse("<rss version=\"2.0\"><channel><title>T</title><item><title>A</title></item><item><ti")
        #expect(doc.bozo)
        #expect(doc.feed.title == "T")
        #expect(doc.entries.first?.title == "A")
    }

    @Test func undeclaredPrefixIsBozo() throws {
        let doc = try FeedTest.parse("<rss version=\"2.0\"><channel><foo:bar>x</foo:bar><title>T</title></channel></rss>")
        #expect(doc.bozo)
        #expect(doc.feed.title == "T")
    }

    @Test func wellFormedDocumentIsNotBozo() throws {
        #expect(try !FeedTest.parse(FeedTest.rssItem("<title>ok</title>")).bozo)
    }

    @Test func htmlPageIsHandedToTheHTMLSourceParser() throws {
        // The HTML source parser decides what to make of it; it is never read as a broken feed.
        let result = Result { try FeedTest.parse("<!DOCTYPE html><html><head><title>P</title></head><body></body></html>") }
        if case .success(let doc) = result { #expect(doc.version == "html") }
    }
}
