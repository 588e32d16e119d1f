import Foundation
@testable import FeedSyncParsing

/// Loads the pages under `Fixtures/Extraction/` (written for these tests) and runs the extractor.
enum ExtractionFixtures {
    static let names = ["aggregator-article", "blog-comments", "newsletter-promo", "related-links", "multipage",
                        "jsonld-metadata", "german-latin1", "chinese-gb"]

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let base = Bundle.module.resourceURL else { throw FixtureError.missing(name) }
        let url = base.appendingPathComponent("Fixtures/Extraction/\(name).html")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw FixtureError.missing(name) }
        return Array(data)
    }

    static func extract(_ name: String, url: String? = "https://news.example.org/story",
                        contentType: String? = nil) throws -> ExtractedContent {
        ContentExtractor.extract(try bytes(name), url: url, contentType: contentType)
    }

    /// Extracts an inline page.
    static func extract(html: String, url: String? = nil) -> ExtractedContent {
        ContentExtractor.extract(Array(html.utf8), url: url, contentType: "text/html; charset=utf-8")
    }

    enum FixtureError: Error { case missing(String) }
}
