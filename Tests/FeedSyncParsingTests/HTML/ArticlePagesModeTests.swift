@testable import FeedSyncParsing
import FeedSyncCore
import Foundation
import Testing

/// Automatic mode on real article pages (the extraction corpus, `../shared/extract`): an article page
/// is watched, not mistaken for a list of its related links. Runs when `FEEDSYNC_EXTRACT_CORPUS` names
/// the corpus folder (`FEEDSYNC_EXTRACT_CORPUS=../shared/extract swift test --filter ArticlePagesMode`).
@Suite("Automatic mode on real article pages")
struct ArticlePagesModeTests {
    static let corpus = ProcessInfo.processInfo.environment["FEEDSYNC_EXTRACT_CORPUS"]

    struct Case: Decodable {
        var id: String
        var input_file: String
        var url: String?
        var synthetic: Bool?
    }

    @Test(.enabled(if: corpus != nil, "set FEEDSYNC_EXTRACT_CORPUS to ../shared/extract"),
          arguments: ["aeb/dev", "readability/dev"])
    func articlePagesWithoutFeedsAreWatched(split: String) throws {
        let dir = URL(fileURLWithPath: try #require(Self.corpus)).appendingPathComponent(split)
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: dir.appendingPathComponent("cases.json")))
        var watched = 0, listed: [String] = []
        for c in cases where c.synthetic != true {
            let bytes = Array(try Data(contentsOf: dir.appendingPathComponent(c.input_file)))
            let doc = try HTMLSourceParser.parse(bytes, request: ParseRequest(url: c.url ?? "https://example.org/page"))
            switch doc.htmlExtraction {
            case .page: watched += 1
            case .blocks: listed.append(c.id)
            default: break
            }
        }
        print("\(split): \(watched) watched, \(listed.count) listed \(listed)")
        #expect(Double(watched) >= 0.95 * Double(watched + listed.count))
    }
}
