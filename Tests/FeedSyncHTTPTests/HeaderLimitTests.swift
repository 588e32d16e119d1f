import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

/// A response header larger than libcurl accepts for one line (100 KB, CURL_MAX_HTTP_HEADER) is
/// reported as such, not as libcurl's "Out of memory" (issue 16.10).
@Suite("oversized response headers")
struct HeaderLimitTests {
    @Test func oneHugeHeaderIsReportedAsTooLarge() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "x", "headers": ["X-Huge": String(repeating: "a", count: 150_000)]])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/feed"))).failure)
        #expect(failure.kind == .tooLarge, "\(failure)")
        #expect(failure.message.contains("header"), "\(failure.message)")
        #expect(!failure.message.lowercased().contains("out of memory"), "\(failure.message)")
    }

    @Test func manyHeadersOverTheTotalLimitAreReportedAsTooLarge() async throws {
        let server = try await FaultServer()
        let many = (0..<40).map { ["X-H\($0)", String(repeating: "b", count: 10_000)] }
        try server.route("/feed", ["body": "x", "headers": many])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/feed"))).failure)
        #expect(failure.kind == .tooLarge && failure.message.contains("headers exceed"), "\(failure.message)")
    }
}
