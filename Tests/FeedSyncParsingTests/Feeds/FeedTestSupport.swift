import FeedSyncCore
import FeedSyncParsing
import Foundation
import Testing

/// Helpers shared by the parser suites.
enum FeedTest {
    /// How much slower than a plain debug build this one runs: `FEEDSYNC_TEST_TIME_SCALE`
    /// (scripts/sanitizers sets 10 for ASan and TSan). Time limits of tests and the parser's
    /// CPU budget are multiplied by it.
    static let timeScale = Double(ProcessInfo.processInfo.environment["FEEDSYNC_TEST_TIME_SCALE"] ?? "") ?? 1

    /// The parser as tests use it: the default limits, its CPU budget scaled by `timeScale`.
    static var parser: FeedParser {
        var limits = ParseLimits()
        limits.timeBudget = limits.timeBudget * timeScale
        return FeedParser(limits: limits)
    }

    /// Parses a document given as text (UTF-8) or bytes.
    static func parse(_ xml: String, url: String? = nil, contentType: String? = nil,
                      contentLanguage: String? = nil) throws -> FeedDocument {
        try parse(Array(xml.utf8), url: url, contentType: contentType, contentLanguage: contentLanguage)
    }

    static func parse(_ bytes: [UInt8], url: String? = nil, contentType: String? = nil,
                      contentLanguage: String? = nil, type: SourceType = .auto) throws -> FeedDocument {
        let request = ParseRequest(url: url, contentType: contentType, type: type, contentLanguage: contentLanguage)
        return try parser.parse(bytes, request: request)
    }

    /// The bytes of a fixture file in `Fixtures/`.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    /// An RSS 2.0 document around one item's inner XML.
    static func rssItem(_ inner: String, channel: String = "") -> String {
        "<rss version=\"2.0\"><channel><title>T</title>\(channel)<item>\(inner)</item></channel></rss>"
    }

    /// An Atom 1.0 document around one entry's inner XML.
    static func atomEntry(_ inner: String, feed: String = "") -> String {
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\(feed)<entry>\(inner)</entry></feed>"
    }

    /// Seconds elapsed running `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
