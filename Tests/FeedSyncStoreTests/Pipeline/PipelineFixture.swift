import FeedSyncCore
import FeedSyncStore
import Foundation
import Logging

/// A state directory and spool in a fresh temporary folder, and polled sources to feed the
/// pipeline's writing end with.
struct PipelineFixture {
    let dir: String
    var clock: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    init() {
        dir = NSTemporaryDirectory() + "feedsync-pipeline-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    var statePath: String { dir + "/state.sqlite" }

    func store() throws -> SQLiteStateStore { try SQLiteStateStore(path: statePath) }
    func spool() throws -> Spool { try Spool(root: dir + "/spool") }

    /// The delivery thread over the fixture's state and spool, started.
    func open(dryRun: Bool = false, store: StateStore? = nil, gatherWindow: Double = 0,
              gatherLimit: Int = 64) throws -> DeliveryThread {
        let d = try DeliveryThread(store: store ?? self.store(), stateLocation: statePath, spool: dryRun ? nil : spool(),
                                   options: .init(dryRun: dryRun, gatherWindow: gatherWindow, gatherLimit: gatherLimit),
                                   logger: Logger(label: "test"), clock: clock)
        d.start()
        return d
    }

    static let source = SourceConfig(name: "src", url: "https://example.org/feed")

    /// A feed with one entry per id.
    static func document(_ ids: [String], source: SourceConfig = source) -> PolledSource {
        var doc = FeedDocument(version: "rss20")
        doc.feed.title = "Feed"
        doc.entries = ids.map { id in
            var e = FeedEntry(); e.id = id; e.title = "Title \(id)"; e.link = "https://example.org/\(id)"; return e
        }
        let response = FetchResponse(status: 200, effectiveURL: source.url,
                                     headers: [("ETag", "\"v1\""), ("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")])
        return PolledSource(source: source, requestURL: source.url,
                            outcome: .document(ParsedDocument(document: doc, response: response, source: source)),
                            startedAt: Timestamp(seconds: 1_700_000_000), duration: 0.1)
    }

    static func failure(_ kind: FetchFailure.Kind, _ message: String, status: Int? = nil) -> PolledSource {
        PolledSource(source: source, requestURL: source.url,
                     outcome: .fetchFailed(FetchFailure(kind: kind, message: message, status: status)),
                     startedAt: Timestamp(seconds: 1_700_000_100), duration: 0.1)
    }

    func newFiles() throws -> [String] { Spool.listDirectory(try spool().newDir).sorted() }

    /// The JSON object of a file in `new/`.
    func item(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try spool().newDir + "/" + name))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
