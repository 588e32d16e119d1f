@testable import FeedSyncParsing
import FeedSyncCore
import Foundation
import Testing

/// Automatic mode on real article pages (the extraction corpus, `../shared/extract`): an article page
/// is watched, not mistaken for a list of its related links. Skipped on a plain clone (SharedFolder).
@Suite("Automatic mode on real article pages")
struct ArticlePagesModeTests {
    struct Case: Decodable {
        var id: String
        var input_file: String
        var url: String?
        var synthetic: Bool?
    }

    @Test(SharedFolder.trait("extract"),
          arguments: ["aeb/dev", "readability/dev"])
    func articlePagesWithoutFeedsAreWatched(split: String) throws {
        let dir = try SharedFolder.require("extract").appendingPathComponent(split)
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: dir.appendingPathComponent("cases.json")))
        var watched = 0, listed: [String] = []
        for c in cases where c.synthetic != true {
            let bytes = Array(try Data(contentsOf: dir.appendingPathComponent(c.input_file)))
            let url = c.url ?? "https://example.org/page"
            let doc = try HTMLSourceParser.parse(bytes, request: ParseRequest(url: url))
            // Kept as an article: watched whole, or (type = auto, a side list of related stories) the
            // article first, by the page URL, then each story. Mistaken: the stories without the article.
            switch doc.htmlExtraction {
            case .page: watched += 1
            case .blocks where doc.entries.first?.id == url: watched += 1
            case .blocks: listed.append(c.id)
            default: break
            }
        }
        print("\(split): \(watched) watched, \(listed.count) listed \(listed)")
        #expect(Double(watched) >= 0.95 * Double(watched + listed.count))
    }
}
