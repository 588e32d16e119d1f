import FeedSyncCore
import FeedSyncParsing
import Testing

@Suite struct StreamingTests {
    private func bigFeed(items: Int) -> [UInt8] {
        var xml = "<rss version=\"2.0\"><channel><title>Big</title>"
        for i in 0..<items {
            xml += "<item><title>Item \(i)</title><guid>urn:\(i)</guid><description>"
                + String(repeating: "&lt;p&gt;Paragraph text &amp; more.&lt;/p&gt;", count: 20) + "</description></item>"
        }
        return Array((xml + "</channel></rss>").utf8)
    }

    @Test func documentLargerThanTenMegabytesParses() throws {
        let bytes = bigFeed(items: 13_000)
        #expect(bytes.count > 10 * 1024 * 1024)
        let doc = try FeedTest.parse(bytes)
        #expect(!doc.bozo)
        #expect(doc.entries.count == 13_000)
        #expect(doc.entries.last?.id == "urn:12999")
    }

    @Test func entriesAreHandedOutInOrderAndNotKept() throws {
        var ids: [String] = []
        let doc = try FeedParser().parse(bigFeed(items: 100), request: ParseRequest()) { entry in
            ids.append(entry.id ?? "")
        }
        #expect(ids == (0..<100).map { "urn:\($0)" })
        #expect(doc.entries.isEmpty)
        #expect(doc.feed.title == "Big")
    }

    @Test func streamedEntriesEqualCollectedOnes() throws {
        let bytes = bigFeed(items: 20)
        var streamed: [FeedEntry] = []
        _ = try FeedParser().parse(bytes, request: ParseRequest()) { streamed.append($0) }
        #expect(streamed == (try FeedTest.parse(bytes)).entries)
    }
}
