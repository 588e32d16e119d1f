@testable import FeedSyncParsing
import FeedSyncCore
import Foundation
import Testing

/// Runs over the benchmark generator's HTML pages when `FEEDSYNC_BENCH_HTML_DIR` names a directory of
/// them (`python3 ../shared/bench/gen.py --n 200 --k 20 --out /tmp/x` then `/tmp/x/r1`); every page
/// holds exactly `FEEDSYNC_BENCH_K` (default 20) items.
@Suite("Benchmark workload HTML pages")
struct BenchWorkloadPagesTests {
    static let directory = ProcessInfo.processInfo.environment["FEEDSYNC_BENCH_HTML_DIR"]

    @Test(.enabled(if: directory != nil, "set FEEDSYNC_BENCH_HTML_DIR to a gen.py round directory"))
    func everyPageYieldsExactlyTheGeneratedItems() throws {
        let dir = try #require(Self.directory)
        let k = Int(ProcessInfo.processInfo.environment["FEEDSYNC_BENCH_K"] ?? "") ?? 20
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".html") }.sorted()
        #expect(!pages.isEmpty)
        for page in pages {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(page)))
            let doc = try HTMLSourceParser.parse(bytes, request: ParseRequest(
                url: "http://127.0.0.1:8080/\(page)", type: .html, select: HTMLSelectorExtractionTests.benchSpec))
            #expect(doc.entries.count == k, "\(page)")
            for entry in doc.entries {
                #expect(entry.title?.isEmpty == false, "\(page)")
                #expect(entry.title?.contains("\u{FFFD}") == false, "\(page): \(entry.title ?? "")")
                #expect(entry.link?.hasPrefix("https://site") == true, "\(page)")
                #expect(entry.summary?.isEmpty == false, "\(page)")
            }
        }
    }
}
