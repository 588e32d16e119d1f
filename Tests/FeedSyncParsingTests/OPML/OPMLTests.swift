import FeedSyncCore
import FeedSyncParsing
import Foundation
import Testing

@Suite struct OPMLTests {
    func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return Array(try Data(contentsOf: url.appendingPathComponent("opml").appendingPathComponent(name)))
    }

    @Test func readsFeedsFromNestedFoldersInDocumentOrder() throws {
        let doc = try OPMLReader.read(try fixture("reader-export.opml"))
        #expect(doc.title == "Subscriptions of Jo & Sam")
        #expect(!doc.repaired)
        #expect(doc.feeds.count == 11)
        #expect(doc.feeds[0].folders == ["News", "World"])
        #expect(doc.feeds[3].folders == ["News", "Tech & Science"])
        #expect(doc.feeds.last?.folders == [])
        #expect(!doc.feeds.contains { $0.xmlURL.contains("page.html") })
    }

    @Test func decodesEntitiesInTitlesAndURLs() throws {
        let feeds = try OPMLReader.read(try fixture("reader-export.opml")).feeds
        #expect(feeds[0].title == "Arab News \u{2013} World")
        #expect(feeds[2].title == "Le Monde.fr \u{2013} Actualités")
        #expect(feeds[4].title == "AT&T Developer Blog")
        #expect(feeds[4].xmlURL == "https://developer.att.com/blog/feed?format=rss&lang=en")
        #expect(feeds[5].title == "Hacker News <front page>")
        #expect(feeds[9].title == "Julia Evans")
    }

    @Test func prefersTitleOverTextAndReadsLowerCaseAttributes() throws {
        let feeds = try OPMLReader.read(try fixture("reader-export.opml")).feeds
        #expect(feeds[3].title == "Ars Technica: All content")
        #expect(feeds[5].xmlURL == "https://news.ycombinator.com/rss")
    }

    @Test func repairsABareAmpersandInAURL() throws {
        let text = """
            <opml version="1.0"><body><outline text="Q" xmlUrl="https://example.org/feed?a=1&b=2&amp;c=3"/></body></opml>
            """
        let doc = try OPMLReader.read(Array(text.utf8))
        #expect(doc.repaired)
        #expect(doc.feeds.map(\.xmlURL) == ["https://example.org/feed?a=1&b=2&c=3"])
    }

    @Test func rejectsWhatIsNotOPML() {
        #expect(throws: ParseError.self) { try OPMLReader.read(Array("<rss><channel/></rss>".utf8)) }
        #expect(throws: ParseError.self) { try OPMLReader.read(Array("not xml at all".utf8)) }
    }

    @Test func derivedNamesAreValidAndUnique() throws {
        let feeds = try OPMLReader.read(try fixture("reader-export.opml")).feeds
        let outcome = OPMLImport.entries(for: feeds, takenNames: ["ars-technica-all-content"])
        let names = outcome.entries.map(\.name)
        #expect(Set(names).count == names.count)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        for n in names {
            #expect(n.allSatisfy { allowed.contains($0) }, "\(n)")
            #expect(n.first.map { $0.isLetter || $0.isNumber } == true, "\(n)")
            #expect(n.count <= SourceNaming.maxLength)
        }
        #expect(names.contains("arab-news-world"))
        #expect(names.contains("le-monde.fr-actualites"))
        #expect(names.contains("ars-technica-all-content-2"))
        // A title without Latin letters falls back to the host.
        #expect(names.contains("ertnews.gr"))
    }

    @Test func duplicateURLsAndKnownURLsAreSkipped() throws {
        let feeds = try OPMLReader.read(try fixture("reader-export.opml")).feeds
        let outcome = OPMLImport.entries(for: feeds, knownURLs: ["https://jvns.ca/atom.xml"])
        #expect(outcome.duplicates.count == 2)
        #expect(outcome.entries.count == 9)
        #expect(outcome.entries.contains { $0.url == "http://daringfireball.net/feeds/main" })
    }

    @Test func importedTOMLIsAValidConfig() throws {
        let feeds = try OPMLReader.read(try fixture("reader-export.opml")).feeds
        let entries = OPMLImport.entries(for: feeds).entries
        let config = try ConfigLoader().load(text: OPMLImport.toml(entries), path: "imported.toml")
        #expect(config.sources.map(\.name) == entries.map(\.name))
        #expect(config.sources.map(\.url) == entries.map(\.url))
    }

    @Test func importThenExportKeepsEveryFeedURL() throws {
        let original = try OPMLReader.read(try fixture("reader-export.opml"))
        let entries = OPMLImport.entries(for: original.feeds).entries
        let config = try ConfigLoader().load(text: OPMLImport.toml(entries), path: "imported.toml")
        let exported = OPMLWriter.render(title: "feedsync", feeds: config.sources.map { OPMLFeed(title: $0.name, xmlURL: $0.url) })
        let reread = try OPMLReader.read(Array(exported.utf8))
        let expected = Set(original.feeds.compactMap { OPMLImport.entries(for: [$0]).entries.first?.url })
        #expect(Set(reread.feeds.map(\.xmlURL)) == expected)
        #expect(reread.feeds.count == expected.count)
    }

    @Test func writerKeepsFoldersAndEscapesAttributes() throws {
        let feeds = [OPMLFeed(title: "A \"quoted\" <title> & more", xmlURL: "https://e.org/f?a=1&b=2", folders: ["X", "Y"]),
                     OPMLFeed(title: "B", xmlURL: "https://e.org/b", folders: ["X"]),
                     OPMLFeed(title: "C", xmlURL: "https://e.org/c")]
        let doc = try OPMLReader.read(Array(OPMLWriter.render(title: "t & t", feeds: feeds).utf8))
        #expect(doc.title == "t & t")
        #expect(doc.feeds == feeds)
    }

    @Test func namesTypesAndCategoriesSurviveWriteThenRead() throws {
        let feeds = [OPMLFeed(title: "A", xmlURL: "https://e.org/a", categories: ["News/World", "tech"],
                              name: "alpha.news", type: "atom"),
                     OPMLFeed(title: "B", xmlURL: "https://e.org/b")]
        let doc = try OPMLReader.read(Array(OPMLWriter.render(title: "t", feeds: feeds).utf8))
        #expect(doc.feeds == feeds)
    }

    @Test func importKeepsAnExportedNameAndTypeButNotAnInvalidOne() {
        let feeds = [OPMLFeed(title: "A", xmlURL: "https://e.org/a", name: "alpha.news", type: "atom"),
                     OPMLFeed(title: "Bee Feed", xmlURL: "https://e.org/b", name: "Not Valid!", type: "bogus")]
        let entries = OPMLImport.entries(for: feeds).entries
        #expect(entries.map(\.name) == ["alpha.news", "bee-feed"])
        #expect(entries.map(\.type) == ["atom", nil])
    }

    @Test func categoryPathsLoseTheirLeadingSlash() {
        #expect(OPMLReader.categories(" /News/World, tech,,/tech") == ["News/World", "tech"])
    }

    @Test func tomlStringsEscapeQuotesBackslashesAndControls() {
        #expect(OPMLImport.quote("a\"b\\c\u{1}") == "\"a\\\"b\\\\c\\u0001\"")
    }
}
