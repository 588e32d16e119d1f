import FeedSyncCore
@testable import FeedSyncHTTP
import Foundation
import Testing

@Suite("Request options")
struct RequestOptionsTests {
    @Test func userAgentAndHeadersAreSentInOrder() async throws {
        let server = try await FaultServer()
        try server.route("/h", ["body": "x"])
        _ = await makeFetcher().fetch(request(server.url("/h")) {
            $0.userAgent = "feedsync/9 (+https://example.org)"
            $0.headers = [("X-One", "1"), ("X-Two", "two words")]
        })
        let seen = try #require(try server.requests("/h").first)
        #expect(seen.header("User-Agent") == "feedsync/9 (+https://example.org)")
        #expect(seen.header("X-One") == "1")
        #expect(seen.header("X-Two") == "two words")
        #expect(seen.header("Accept")?.hasPrefix("application/rss+xml") == true)
    }

    @Test func configuredAcceptReplacesTheDefault() async throws {
        let server = try await FaultServer()
        try server.route("/h", ["body": "x"])
        _ = await makeFetcher().fetch(request(server.url("/h")) { $0.headers = [("Accept", "text/html")] })
        #expect(try server.requests("/h").first?.header("Accept") == "text/html")
    }

    @Test func basicAuthIsSent() async throws {
        let server = try await FaultServer()
        try server.route("/private", ["body": "members", "auth": ["ann", "s3cret"]])
        let fetcher = makeFetcher()
        let denied = await fetcher.fetch(request(server.url("/private")))
        #expect(denied.failure?.status == 401)
        let allowed = await fetcher.fetch(request(server.url("/private")) {
            $0.username = "ann"
            $0.password = "s3cret"
        })
        #expect(allowed.bodyText == "members")
    }

    @Test func credentialsInTheURLNeverReachMessages() async throws {
        let server = try await FaultServer()
        try server.route("/gone", ["status": 404])
        let url = "http://ann:s3cret@127.0.0.1:\(server.port)/gone"
        let failure = try #require(await makeFetcher().fetch(request(url)).failure)
        #expect(!failure.message.contains("s3cret"))
        #expect(failure.message.contains("127.0.0.1"))
    }

    @Test func cookieJarKeepsCookiesBetweenFetches() async throws {
        let server = try await FaultServer()
        try server.route("/c", ["body": "x", "headers": [["Set-Cookie", "session=abc; Path=/"]]])
        let jar = FileManager.default.temporaryDirectory.appendingPathComponent("jar-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: jar) }
        let fetcher = makeFetcher()
        _ = await fetcher.fetch(request(server.url("/c")) { $0.cookieJar = jar })
        _ = await fetcher.fetch(request(server.url("/c")) { $0.cookieJar = jar })
        let seen = try server.requests("/c")
        #expect(seen.count == 2)
        #expect(seen[0].header("Cookie") == nil)
        #expect(seen[1].header("Cookie") == "session=abc")
        #expect(FileManager.default.fileExists(atPath: jar))
    }

    @Test func proxyIsUsed() async throws {
        // The fault server answers absolute-form requests too, so it can stand in for a proxy;
        // the host name never resolves, which proves the request went through the proxy.
        let server = try await FaultServer()
        try server.route("/via-proxy", ["body": "proxied"])
        let result = await makeFetcher().fetch(request("http://feeds.invalid/via-proxy") {
            $0.proxy = "http://127.0.0.1:\(server.port)"
        })
        #expect(result.bodyText == "proxied")
        #expect(try server.log().requests.first?.path == "http://feeds.invalid/via-proxy")
    }

    @Test func fileURLIsRead() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).xml").path
        try Data("<rss>local</rss>".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let response = try #require(await makeFetcher().fetch(request("file://" + path)).response)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "<rss>local</rss>")
    }

    @Test func missingFileFails() async throws {
        let result = await makeFetcher().fetch(request("file:///nonexistent/feedsync/\(UUID().uuidString)"))
        #expect(result.failure != nil)
    }

    @Test func otherSchemesAreRefused() async throws {
        let failure = try #require(await makeFetcher().fetch(request("ftp://127.0.0.1/feed")).failure)
        #expect(failure.kind == .forbidden)
    }

    @Test func malformedURLFails() async throws {
        let failure = try #require(await makeFetcher().fetch(request("http://exa mple.org/")).failure)
        #expect(failure.kind == .other)
    }
}
