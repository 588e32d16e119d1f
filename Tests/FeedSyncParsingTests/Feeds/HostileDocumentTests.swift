import FeedSyncCore
import FeedSyncParsing
import Foundation
import Testing

/// Documents built to hurt a parser end in a clear error or a bounded result, quickly, and never
/// read local files or fetch anything.
@Suite struct HostileDocumentTests {
    /// The bound is one second for the optimized build; debug builds (what `swift test` runs) are
    /// several times slower, so they get more room. `scripts/check-hostile.sh` checks the release
    /// binary against one second.
    #if DEBUG
    static let limit = 5.0 * FeedTest.timeScale
    #else
    static let limit = 1.0 * FeedTest.timeScale
    #endif

    /// A file whose content must never show up in a parse result.
    private func secretFile() throws -> String {
        let path = NSTemporaryDirectory() + "feedsync-secret-\(getpid()).txt"
        try "TOP-SECRET-CONTENT".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.timeLimit(.minutes(1))) func externalEntityIsNotRead() throws {
        let path = try secretFile()
        let xml = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(path)">]>
            <rss version="2.0"><channel><title>a &xxe; b</title></channel></rss>
            """
        var doc = FeedDocument()
        let elapsed = try FeedTest.seconds { doc = try FeedTest.parse(xml) }
        #expect(!(doc.feed.title ?? "").contains("TOP-SECRET"))
        #expect(elapsed < Self.limit)
    }

    @Test func externalParameterEntityIsNotRead() throws {
        let path = try secretFile()
        let xml = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file://\(path)"> %p;]>
            <rss version="2.0"><channel><title>t</title></channel></rss>
            """
        let doc = try FeedTest.parse(xml)
        #expect(doc.feed.title == "t")
    }

    @Test func externalDTDIsNotLoaded() throws {
        let dtd = NSTemporaryDirectory() + "feedsync-evil-\(getpid()).dtd"
        try "<!ENTITY secret \"LEAKED\">".write(toFile: dtd, atomically: true, encoding: .utf8)
        let xml = """
            <?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://\(dtd)">
            <rss version="2.0"><channel><title>x&secret;y</title></channel></rss>
            """
        let doc = try FeedTest.parse(xml)
        #expect(!(doc.feed.title ?? "").contains("LEAKED"))
    }

    @Test func billionLaughsIsRejectedQuickly() throws {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">"
        var previous = "lol"
        for i in 1...9 {
            xml += "<!ENTITY lol\(i) \"\(String(repeating: "&\(previous);", count: 10))\">"
            previous = "lol\(i)"
        }
        xml += "]><rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>"
        var doc = FeedDocument()
        let elapsed = try FeedTest.seconds { doc = try FeedTest.parse(xml) }
        #expect(doc.bozo)
        #expect((doc.feed.title ?? "").utf8.count < 1_000_000)
        #expect(elapsed < Self.limit)
    }

    @Test func quadraticEntityBlowUpIsBounded() throws {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"\(String(repeating: "a", count: 100_000))\">]>"
            + "<rss version=\"2.0\"><channel><title>\(String(repeating: "&a;", count: 20_000))</title></channel></rss>"
        var doc = FeedDocument()
        let elapsed = try FeedTest.seconds { doc = try FeedTest.parse(xml) }
        #expect(doc.bozo)
        #expect((doc.feed.title ?? "").utf8.count <= 10 * 1024 * 1024)
        #expect(elapsed < Self.limit)
    }

    @Test func hundredMegabyteTextNodeStopsTheParse() throws {
        var bytes = Array("<rss version=\"2.0\"><channel><title>".utf8)
        bytes.append(contentsOf: [UInt8](repeating: UInt8(ascii: "x"), count: 100 * 1024 * 1024))
        bytes.append(contentsOf: Array("</title><item><title>i</title></item></channel></rss>".utf8))
        var doc = FeedDocument()
        let elapsed = try FeedTest.seconds { doc = try FeedTest.parse(bytes) }
        #expect(doc.bozo)
        #expect(doc.bozoReason?.contains("exceeds") == true)
        #expect(doc.feed.title == nil)
        #expect(elapsed < Self.limit)
    }

    @Test func hundredThousandNestedElementsAreBounded() throws {
        let xml = "<rss version=\"2.0\"><channel><title>deep</title><item><title>i</title><description>"
            + String(repeating: "<x>", count: 100_000) + String(repeating: "</x>", count: 100_000)
            + "</description></item></channel></rss>"
        var doc = FeedDocument()
        let elapsed = try FeedTest.seconds { doc = try FeedTest.parse(xml) }
        #expect(doc.feed.title == "deep")
        #expect(doc.entries.count == 1)
        #expect(elapsed < Self.limit)
    }

    @Test func hundredThousandUnclosedElementsAreBounded() throws {
        let xml = "<rss version=\"2.0\"><channel><title>deep</title>" + String(repeating: "<x>", count: 100_000)
        var doc = FeedDocument()
        let elapsed = try FeedTest.seconds { doc = try FeedTest.parse(xml) }
        #expect(doc.bozo)
        #expect(doc.feed.title == "deep")
        #expect(elapsed < Self.limit)
    }

    @Test func deeplyNestedHTMLInADescriptionIsSanitizedWithoutRecursion() throws {
        let xml = "<rss version=\"2.0\"><channel><item><description><![CDATA["
            + String(repeating: "<div><script>", count: 50_000) + "]]></description></item></channel></rss>"
        let doc = try FeedTest.parse(xml)
        let summary = try #require(doc.entries.first?.summary)
        #expect(!summary.contains("script"))
    }
}
