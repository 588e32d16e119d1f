import FeedSyncCore
import FeedSyncParsing
import Foundation
import Testing

/// Whole documents against recorded results (`NAME.expected.json` beside `NAME`). After a
/// deliberate change, re-record with `FEEDSYNC_RECORD_FIXTURES=1 swift test --filter GoldenFixtureTests`
/// and review the diff.
@Suite struct GoldenFixtureTests {
    static let fixtures = ["rss20-podcast.xml", "atom10-blog.xml", "rss10-rdf.xml", "rss20-windows-1251.xml",
                           "rss20-broken.xml", "jsonfeed11.json"]

    @Test(arguments: fixtures)
    func documentMatchesItsRecordedModel(name: String) throws {
        let doc = try FeedTest.parse(try FeedTest.fixture(name))
        let actual = doc.jsonValue.serialized()
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let expectedURL = dir.appendingPathComponent(name + ".expected.json")
        if ProcessInfo.processInfo.environment["FEEDSYNC_RECORD_FIXTURES"] == "1" {
            // Record into the source tree, not the build products.
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures").appendingPathComponent(name + ".expected.json")
            try (actual + "\n").write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(actual == expected)
    }
}
