import FeedSyncCore
import Testing
@testable import FeedSyncParsing

/// `parse --stats` splits the XML time into libxml2's part (a bare SAX parse of the same bytes)
/// and the model's; the bare parse must be outside every other figure.
@Suite struct ParseTimingsTests {
    static let feed = Array("""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>T</title>
        <item><title>One &amp; two</title><description>&lt;p&gt;x&lt;/p&gt;</description></item>
        </channel></rss>
        """.utf8)

    @Test func theBareParseIsTimedApartFromTheModel() throws {
        let timings = ParseTimings()
        let doc = try FeedParser().parse(Self.feed, request: ParseRequest(url: "https://example.org/feed"), timings: timings)
        #expect(doc.entries.count == 1)
        #expect(timings.libxml2Alone > 0)
        #expect(timings.xml > 0)
    }

    @Test func theBareParseCopesWithEmptyAndBrokenInput() {
        for input in [[UInt8](), Array("<rss><channel>".utf8), Array("not xml at all".utf8)] {
            _ = input.withUnsafeBufferPointer { FeedSAXReader.timeBareParse($0) }
        }
        let t = Self.feed.withUnsafeBufferPointer { FeedSAXReader.timeBareParse($0) }
        #expect(t > 0)
    }
}
