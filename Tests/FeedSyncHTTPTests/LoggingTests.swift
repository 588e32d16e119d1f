import FeedSyncCore
@testable import FeedSyncHTTP
import Foundation
import Logging
import Testing

/// Collects every log line (message and metadata) a logger emits.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.lock()
        defer { lock.unlock() }
        lines.append("\(event.message) \(event.metadata ?? [:]) \(event.error.map { "\($0)" } ?? "")")
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }
}

@Suite("Logging")
struct LoggingTests {
    @Test func debugLogNamesTheSourceButNeverCredentials() async throws {
        let server = try await FaultServer()
        try server.route("/private", ["body": "ok", "auth": ["ann", "s3cret-pw"]])
        try server.route("/gone", ["status": 404])
        let handler = CapturingLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .trace
        let fetcher = CurlFetcher(concurrency: 4, perHost: 4, logger: logger)
        let ok = await fetcher.fetch(request(server.url("/private")) {
            $0.source = "members"
            $0.username = "ann"
            $0.password = "s3cret-pw"
            $0.headers = [("Authorization-Extra", "token-s3cret-pw")]
        })
        #expect(ok.bodyText == "ok")
        _ = await fetcher.fetch(request("http://ann:s3cret-pw@127.0.0.1:\(server.port)/gone"))
        let text = handler.text
        #expect(text.contains("members"))
        #expect(text.contains("404"))
        #expect(!text.contains("s3cret"))
    }
}
