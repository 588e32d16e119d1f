import FeedSyncCore
import FeedSyncParsing
import Testing

@Suite struct AtomParsingTests {
    @Test func atom10IsRecognisedByItsNamespace() throws {
        #expect(try FeedTest.parse(FeedTest.atomEntry("")).version == "atom10")
    }

    @Test func atom03IsRecognisedByItsVersionAttribute() throws {
        let doc = try FeedTest.parse("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>x</title></feed>")
        #expect(doc.version == "atom03")
    }

    @Test func feedAndEntryFieldsMap() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry("""
            <title>E</title><id>urn:e</id><link rel="alternate" type="text/html" href="http://example.org/e"/>
            <published>2024-06-01T10:00:00+02:00</published><updated>2024-06-02T00:00:00Z</updated>
            <author><name>Ann</name><email>ann@example.org</email><uri>http://example.org/ann</uri></author>
            <category term="t" scheme="http://example.org/s" label="Tee"/>
            <summary>Sum</summary><content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
            """, feed: "<id>urn:f</id><subtitle>Sub</subtitle><rights>R</rights><updated>2024-06-03T00:00:00Z</updated>"))
        #expect(doc.feed.id == "urn:f")
        #expect(doc.feed.subtitle == "Sub")
        #expect(doc.feed.rights == "R")
        #expect(doc.feed.updated?.rfc3339 == "2024-06-03T00:00:00Z")
        let e = try #require(doc.entries.first)
        #expect(e.title == "E")
        #expect(e.id == "urn:e")
        #expect(e.link == "http://example.org/e")
        #expect(e.published?.rfc3339 == "2024-06-01T08:00:00Z")
        #expect(e.updated?.rfc3339 == "2024-06-02T00:00:00Z")
        #expect(e.author == Person(name: "Ann", email: "ann@example.org", uri: "http://example.org/ann"))
        #expect(e.categories == [Category(term: "t", scheme: "http://example.org/s", label: "Tee")])
        #expect(e.summary == "Sum")
        #expect(e.content == "<p>Body</p>")
    }

    @Test func textConstructOfTypeTextIsNotMarkup() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry("<title type=\"text\">a &lt;b&gt; c</title>"))
        #expect(doc.entries.first?.title == "a <b> c")
    }

    @Test func textConstructOfTypeHTMLIsSanitized() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry(
            "<summary type=\"html\">&lt;b onclick=\"x()\"&gt;hi&lt;/b&gt;&lt;script&gt;bad()&lt;/script&gt;</summary>"))
        #expect(doc.entries.first?.summary == "<b>hi</b>")
    }

    @Test func xhtmlContentLosesItsWrapperDiv() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry("""
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; <em>two</em></p></div></content>
            """))
        #expect(doc.entries.first?.content == "<p>One &amp; <em>two</em></p>")
    }

    @Test func xmlBaseResolvesLinksAndURIsInsideContent() throws {
        let doc = try FeedTest.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/"><entry>
            <link href="post/1"/>
            <content type="html" xml:base="/img/">&lt;img src="a.png"&gt;&lt;a href="../x"&gt;x&lt;/a&gt;</content>
            </entry></feed>
            """)
        let e = try #require(doc.entries.first)
        #expect(e.link == "http://example.org/blog/post/1")
        #expect(e.content == "<img src=\"http://example.org/img/a.png\" /><a href=\"http://example.org/x\">x</a>")
    }

    @Test func documentURLIsTheBaseWithoutXMLBase() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry("<link href=\"/e/1\"/>"), url: "https://example.org/feed.xml")
        #expect(doc.entries.first?.link == "https://example.org/e/1")
    }

    @Test func selfLinkDoesNotBecomeTheFeedLink() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry("", feed: """
            <link rel="self" href="http://example.org/feed"/><link href="http://example.org/"/>
            """))
        #expect(doc.feed.link == "http://example.org/")
        #expect(doc.feed.links.map(\.rel) == ["self", "alternate"])
        #expect(doc.feed.links.first?.type == "application/atom+xml")
    }

    @Test func shallowerIdWinsOverANestedOne() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry("<source><id>urn:source</id></source><id>urn:entry</id>"))
        #expect(doc.entries.first?.id == "urn:entry")
    }

    @Test func tagURIIdIsNotTheLink() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry("<id>tag:example.org,2024:7</id>"))
        #expect(doc.entries.first?.link == nil)
    }

    @Test func firstNonEmptyTitleWins() throws {
        let doc = try FeedTest.parse(FeedTest.atomEntry("<title>One</title><title>Two</title>"))
        #expect(doc.entries.first?.title == "One")
    }

    @Test func contentWithBase64ModeIsDecoded() throws {
        let doc = try FeedTest.parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>
            <content type="application/octet-stream" mode="base64">aGVsbG8gd29ybGQ=</content></entry></feed>
            """)
        #expect(doc.entries.first?.content == "hello world")
    }

    @Test func languageComesFromXMLLang() throws {
        let doc = try FeedTest.parse("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en_GB\"><title>x</title></feed>")
        #expect(doc.feed.language == "en-GB")
    }

    @Test func contentLanguageHeaderIsTheDefaultLanguage() throws {
        let doc = try FeedTest.parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", contentLanguage: "fr")
        #expect(doc.feed.language == "fr")
    }
}
