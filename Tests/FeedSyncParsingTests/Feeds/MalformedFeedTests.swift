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

    /// A document without a DOCTYPE is parsed as it is first and repaired only when libxml2
    /// refuses it; the result must be the repaired parse's, whatever comes before the defect
    /// (entries already read are read again, not kept twice).
    @Test func repairAfterARefusedParseGivesTheRepairedResult() throws {
        let items = (1...3).map { "<item><title>t\($0)</title></item>" }.joined()
        let doc = try FeedTest.parse("<?xml version=\"1.0\"?><!-- a comment --><rss version=\"2.0\"><channel>"
                                     + items + "<item><title>caf&eacute; AT&T</title></item></channel></rss>")
        #expect(doc.bozo)
        #expect(doc.bozoReason?.contains("repaired") == true)
        #expect(doc.entries.map(\.title) == ["t1", "t2", "t3", "café AT&T"])
    }

    /// Under a DOCTYPE, an entity libxml2 does not know might be the DTD's, and XML makes that a
    /// validity problem, not a well-formedness one (libxml2 2.9 still reports it as an error;
    /// the parser does not count on that): such a document is repaired before it is parsed.
    @Test func undefinedEntityUnderADoctypeIsRepairedFirst() throws {
        let doc = try FeedTest.parse("<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://example.org/rss.dtd\">"
                                     + "<rss version=\"2.0\"><channel><item><title>caf&eacute;</title></item></channel></rss>")
        #expect(doc.bozo)
        #expect(doc.entries.first?.title == "café")
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
