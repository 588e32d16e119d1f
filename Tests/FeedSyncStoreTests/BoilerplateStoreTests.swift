import FeedSyncCore
import FeedSyncStore
import Foundation
import Logging
import Testing

/// Learned-boilerplate counters through the SQLite store and the pipeline's Plan and Commit stages.
@Suite struct BoilerplateStoreTests {
    let dir: String
    init() {
        dir = NSTemporaryDirectory() + "feedsync-boilerplate-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func line(_ hash: String, seen: Int64) -> BoilerplateLine {
        BoilerplateLine(hash: hash, firstItem: "i", items: 2, occurrences: 3, lastSeen: Timestamp(seconds: seen))
    }

    @Test func commitReplacesOnlyThatSourcesCounters() throws {
        let store = try SQLiteStateStore(path: dir + "/state.sqlite")
        var first = CommitBatch(now: Timestamp(seconds: 1))
        first.boilerplate = [("a", [line("h1", seen: 1), line("h2", seen: 1)]), ("b", [line("h9", seen: 1)])]
        try store.commit(first)
        var second = CommitBatch(now: Timestamp(seconds: 2))
        second.boilerplate = [("a", [line("h3", seen: 2)])]
        try store.commit(second)
        #expect(try store.boilerplateLines(source: "a") == [line("h3", seen: 2)])
        #expect(try store.boilerplateLines(source: "b") == [line("h9", seen: 1)])
    }

    func result(version: String, keys: [String]) -> PolledSource {
        var doc = FeedDocument(version: version)
        if version == "html" { doc.htmlExtraction = .selectors }
        doc.entries = keys.map { k in
            var e = FeedEntry(); e.id = k; e.link = "https://example.org/\(k)"; e.title = "Title \(k)"
            e.text = "Story \(k).\nSponsored"
            return e
        }
        let response = FetchResponse(status: 200, effectiveURL: "https://example.org/", headers: [])
        let source = SourceConfig(name: "src", url: "https://example.org/")
        return PolledSource(source: source, requestURL: source.url,
                            outcome: .document(ParsedDocument(document: doc, response: response, source: source)),
                            startedAt: Timestamp(seconds: 1_700_000_000), duration: 0.1)
    }

    func deliveredTexts(version: String) async throws -> (texts: [String], learned: Int) {
        let store = try SQLiteStateStore(path: dir + "/\(version).sqlite")
        let spool = try Spool(root: dir + "/spool-\(version)")
        let d = try DeliveryThread(store: store, stateLocation: "test", spool: spool, options: .init(), logger: Logger(label: "test"))
        d.start()
        _ = await d.deliver(result(version: version, keys: ["a", "b", "c"]))
        let texts = try Spool.listDirectory(spool.newDir).sorted().map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: spool.newDir + "/" + name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return object?["text"] as? String ?? ""
        }
        return (texts, try store.boilerplateLines(source: "src").count)
    }

    @Test func htmlItemsLoseALineLearnedAcrossThem() async throws {
        let out = try await deliveredTexts(version: "html")
        #expect(out.texts.sorted() == ["Story a.", "Story b.", "Story c."])
        #expect(out.learned == 4)
    }

    @Test func feedItemsAreLeftAsTheyAre() async throws {
        let out = try await deliveredTexts(version: "rss20")
        #expect(out.texts.sorted() == ["Story a.\nSponsored", "Story b.\nSponsored", "Story c.\nSponsored"])
        #expect(out.learned == 0)
    }
}
